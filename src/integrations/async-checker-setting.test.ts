import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyConfig, type WinkConfig } from '../config/schema.js';
import { asyncCheckerSetting, type HookObserverOptions } from './async-checker-setting.js';

const WORKING_DIRECTORY = join('/', 'work', 'project');
const withModel: WinkConfig = { ...emptyConfig(), llm: { model: 'openai:gpt-4o-mini' } };

describe('asyncCheckerSetting: jobs are scheduled only when something will check them', () => {
  it.each<{ name: string; options: HookObserverOptions; config: WinkConfig; environment: Record<string, string>; expected: ReturnType<typeof asyncCheckerSetting> }>([
    { name: 'nothing configured: no checker, no job', options: {}, config: emptyConfig(), environment: {}, expected: undefined },
    { name: 'an empty WINK_LLM_MODEL: no checker', options: {}, config: emptyConfig(), environment: { WINK_LLM_MODEL: '' }, expected: undefined },
    { name: 'llm.model: the built-in LLM checker', options: {}, config: withModel, environment: {}, expected: {} },
    { name: 'WINK_LLM_MODEL: the built-in LLM checker', options: {}, config: emptyConfig(), environment: { WINK_LLM_MODEL: 'anthropic:claude-haiku-4-5' }, expected: {} },
    { name: 'observer.asyncChecker: that module, from the working directory', options: { asyncChecker: './checker.mjs' }, config: emptyConfig(), environment: {}, expected: { module: join(WORKING_DIRECTORY, 'checker.mjs') } },
    { name: 'WINK_ASYNC_CHECKER wins over observer.asyncChecker', options: { asyncChecker: './checker.mjs' }, config: emptyConfig(), environment: { WINK_ASYNC_CHECKER: '/opt/checker.mjs' }, expected: { module: '/opt/checker.mjs' } },
    { name: 'asyncChecks false: nothing, whatever is configured', options: { asyncChecks: false, asyncChecker: './checker.mjs' }, config: withModel, environment: { WINK_LLM_MODEL: 'openai:gpt-4o-mini' }, expected: undefined },
  ])('$name', ({ options, config, environment, expected }) => {
    expect(asyncCheckerSetting(options, config, WORKING_DIRECTORY, environment)).toEqual(expected);
  });
});
