import { describe, expect, it } from 'vitest';
import { trajectory } from '../testing/trajectory-builder.js';
import type { Finding } from '../detectors/define.js';
import type { Step } from '../trajectory/step.js';
import { ERROR_HEAD_CHARACTERS, hashFeatures, hashToken, MAXIMUM_TOOL_NAME_CHARACTERS, stepToken, trajectoryFeatures, trajectoryTokens } from './features.js';

function finding(detector: string, messageId: string, signal = false): Finding {
  return { detector, messageId, category: 'infinite-loop', message: '', data: {}, steps: [0], confidence: 0.9, signature: detector, ...(signal ? { signal } : {}) };
}

describe('hashToken (FNV-1a, 32 bits)', () => {
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('%j hashes to the published value %i', (token, expected) => {
    expect(hashToken(token)).toBe(expected);
  });
});

describe('stepToken', () => {
  const steps = trajectory()
    .user('Fix the bug.')
    .assistant('')
    .assistant('Looking.')
    .tool('Bash', { command: 'ls' }, 'a.txt')
    .tool('Bash', { command: 'cat nothing' }, 'cat: nothing: No such file or directory', { error: true })
    .event('compaction', 'compacted')
    .build().steps;
  it.each([
    [0, 'user:prompt'],
    [1, 'assistant:empty'],
    [2, 'assistant'],
    [3, 'call:bash'],
    [4, 'result:success'],
    [6, 'result:error:file-not-found'],
    [7, 'event:compaction'],
  ])('step %i gives %s', (index, expected) => {
    expect(stepToken(steps[index] as Step)).toBe(expected);
  });

  it('cuts a hostile tool name', () => {
    const [call] = trajectory().call('x'.repeat(1_000_000), {}).build().steps;
    expect(stepToken(call as Step)).toBe(`call:${'x'.repeat(MAXIMUM_TOOL_NAME_CHARACTERS)}`);
  });

  it('marks code actions and the calls made from their code', () => {
    const steps = trajectory().codeCall('results = web_search(query="x")\nprint(results)', ['web_search']).calledFromCode('web_search', { query: 'x' }, 'nothing').result('printed').build().steps;
    expect(steps.map((step) => stepToken(step))).toEqual(['call-code:python_interpreter', 'call-from-code:web_search', 'result:success', 'result:success']);
  });
});

describe('trajectoryTokens', () => {
  it('gives each step, each pair of steps, error heads, repetition and the findings (not the signals)', () => {
    const steps = trajectory()
      .tool('web_search', { query: 'apple stock 1987' }, 'No results found for query', { error: true })
      .tool('web_search', { query: 'apple stock 1987' }, 'No results found for query', { error: true })
      .tool('web_search', { query: 'apple stock price 1987 split' }, 'Found 10 results')
      .build().steps;
    const tokens = trajectoryTokens(steps, [finding('repeated-tool-call', 'repeated'), finding('developer-pushback', 'pushback', true)]);
    expect(tokens[0]).toBe('steps:2');
    expect(tokens).toContain('^>call:web_search');
    expect(tokens).toContain('call:web_search>result:error');
    expect(tokens).toContain('error-head:no results found');
    expect(tokens).toContain('same-call-again');
    expect(tokens).toContain('similar-call:2');
    expect(tokens).toContain('finding:repeated-tool-call:repeated');
    expect(tokens.some((token) => token.includes('developer-pushback'))).toBe(false);
  });

  it('reads only the head of an error output', () => {
    const steps = trajectory().tool('Bash', { command: 'x' }, `${' '.repeat(ERROR_HEAD_CHARACTERS)}Traceback here`, { error: true }).build().steps;
    expect(trajectoryTokens(steps, [])).toContain('error-head:');
  });
});

describe('hashFeatures', () => {
  it('counts tokens per bucket as log(1 + count), buckets in increasing order', () => {
    const vector = hashFeatures(['a', 'a', 'a', 'b'], 16);
    const bucketOf = (token: string) => hashToken(token) & 0xffff;
    expect(vector.indices).toEqual([bucketOf('a'), bucketOf('b')].sort((left, right) => left - right));
    expect(vector.values[vector.indices.indexOf(bucketOf('a'))]).toBeCloseTo(Math.log(4));
    expect(vector.values[vector.indices.indexOf(bucketOf('b'))]).toBeCloseTo(Math.log(2));
  });

  it('keeps every bucket below 2 ** hashBits', () => {
    const steps = trajectory().user('go').tool('Read', { file_path: 'a' }, 'text').build().steps;
    const vector = trajectoryFeatures(steps, [], 4);
    expect(vector.indices.every((index) => index >= 0 && index < 16)).toBe(true);
  });
});
