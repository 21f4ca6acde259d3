/**
 * A smolagents manager and its managed search agent (the TRAIL GAIA shape), read from their OpenInference spans by
 * the real reader: the manager's own read of the attached file fails, and it hands "get me that file" to its
 * search agent, which makes the same failing read. Three attempts on one file by the team is a loop (issue 13);
 * a sub-agent that reads another source instead, or two attempts only, is not.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allDetectors } from '../../src/detectors/index.js';
import { analyzeFile } from '../../src/engine/analyze-file.js';
import { readFileTrajectories } from '../../src/formats/read.js';
import { interventionsOf, replayTrajectory } from '../../src/observer/replay.js';
import { codeAgentTrace, type CodeAgentRun, type CodeAgentStep, type ToolSpanCall } from '../support/smolagents-trace.js';
import { temporaryFolder } from '../support/temporary-folders.js';

const FILE = 'data/gaia/validation/f918266a.py';
const NOT_CONVERTED = `Could not convert '${FILE}' to Markdown. File type was recognized as ['.py']. While converting the file, the following error was encountered: FileConversionException`;

function read(question: string | null, error?: string): ToolSpanCall {
  return { tool: 'inspect_file_as_text', className: 'TextInspectorTool', arguments: { file_path: FILE, question }, ...(error === undefined ? { output: 'print(0)' } : { error }) };
}

function delegation(task: string, calls: readonly ToolSpanCall[], answer: string): CodeAgentStep {
  return { thought: 'I will ask the search_agent to retrieve the file.', code: `answer = search_agent(task=${JSON.stringify(task)})\nprint(answer)`, delegated: { name: 'search_agent', task, calls, answer } };
}

const ownReadFailed: CodeAgentStep = {
  thought: 'I will read the attached Python file.',
  code: `result = inspect_file_as_text(file_path="${FILE}", question=None)\nprint(result)`,
  error: `Code execution failed at line 'result = inspect_file_as_text(file_path="${FILE}", question=None)' due to: ${NOT_CONVERTED}`,
  toolCalls: [read(null, NOT_CONVERTED)],
};

function run(traceId: string, steps: CodeAgentStep[]): CodeAgentRun {
  return {
    traceId,
    task: `What is the final numeric output from the attached Python code? The attached file is ${FILE}. It is paramount that you provide a correct answer.`,
    tools: ['inspect_file_as_text'],
    managedAgents: ['search_agent'],
    steps,
    answer: '42',
  };
}

interface Case {
  name: string;
  run: CodeAgentRun;
  /** Whether a loop is found, with the file quoted in what the agent is told. */
  loop: boolean;
}

const cases: Case[] = [
  {
    name: 'its own read failed, then the same read handed to the search agent twice, failing the same way each time',
    run: run('5ea4c0de000000000000000000000001', [
      ownReadFailed,
      delegation(`Please retrieve the full content of the Python file located at ${FILE}.`, [read('Please provide the complete text content of the file.', NOT_CONVERTED)], 'The file at the specified path could not be converted, so its contents could not be retrieved.'),
      delegation(`Dear search_agent, I need the content of ${FILE}.`, [read('Please provide the complete content of the file.', NOT_CONVERTED)], 'The file content could not be retrieved.'),
    ]),
    loop: true,
  },
  {
    name: 'its own read failed, and the search agent found the code elsewhere',
    run: run('5ea4c0de000000000000000000000002', [
      ownReadFailed,
      delegation(
        `Please find the content of ${FILE} another way.`,
        [{ tool: 'web_search', className: 'SearchInformationTool', arguments: { query: 'f918266a.py GAIA validation' }, output: 'Address: https://huggingface.co/datasets/gaia-benchmark/GAIA/f918266a.py\nprint(42)' }],
        'The file prints 42.',
      ),
    ]),
    loop: false,
  },
  {
    name: 'its own read failed and the search agent failed once on it: two attempts',
    run: run('5ea4c0de000000000000000000000003', [ownReadFailed, delegation(`Please retrieve the content of ${FILE}.`, [read('The whole file, please.', NOT_CONVERTED)], 'The file could not be converted.')]),
    loop: false,
  },
];

describe('a smolagents manager and its managed search agent, read from their OpenInference spans', () => {
  for (const testCase of cases) {
    it(`${testCase.name}: ${testCase.loop ? 'a loop' : 'no loop'}`, async () => {
      const file = join(temporaryFolder('wink-managed-'), `${testCase.run.traceId}.json`);
      writeFileSync(file, JSON.stringify(codeAgentTrace(testCase.run)));
      const analysis = await analyzeFile(file);
      expect(analysis.error).toBeUndefined();
      expect(analysis.diagnostics).toEqual([]);
      const [trajectory] = analysis.trajectories;
      expect(trajectory.format).toBe('otel');
      // The sub-agent's steps are its own lane: the reader saw the managed agent.
      const read = (await readFileTrajectories(file)).trajectories[0];
      expect(read.steps.some((step) => step.sidechain !== undefined)).toBe(true);

      const loops = trajectory.findings.filter((finding) => finding.category === 'infinite-loop');
      expect(loops.map((finding) => `${finding.detector}/${finding.messageId}`)).toEqual(testCase.loop ? ['repeated-failure/same-error-across-agents'] : []);
      if (!testCase.loop) return;
      expect(loops[0].data).toMatchObject({ tool: 'inspect_file_as_text', count: 3, input: FILE });

      // What the manager is told: the file, and not to ask for it again through a sub-agent.
      const delivered = interventionsOf(replayTrajectory(read, { detectors: allDetectors })).filter((intervention) => intervention.delivered && intervention.messageId === 'same-error-across-agents');
      expect(delivered).toHaveLength(1);
      expect(delivered[0].guidance).toContain(FILE);
      expect(delivered[0].guidance).toContain('sub-agent');
    });
  }
});
