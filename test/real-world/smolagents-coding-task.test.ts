/**
 * The smolagents CodeAgent on coding tasks, the scaffold wink was first silent on (issue 13): its traces exported
 * as OpenInference spans, read by the real reader and analysed with the default detectors, as a new user would.
 * The failures are the ones the issue quotes (an import the sandbox refuses, the same TypeError from reworded
 * code, an unterminated docstring), each repeated four times; a run that corrects its one error has no finding.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allDetectors } from '../../src/detectors/index.js';
import { analyzeFile } from '../../src/engine/analyze-file.js';
import { readFileTrajectories } from '../../src/formats/read.js';
import { interventionsOf, replayTrajectory } from '../../src/observer/replay.js';
import { codeAgentTrace, type CodeAgentRun, type CodeAgentStep } from '../support/smolagents-trace.js';
import { temporaryFolder } from '../support/temporary-folders.js';

const IMPORTS = "['math', 're', 'json', 'collections', 'itertools', 'statistics']";

function attempts(codes: readonly string[], error: string): CodeAgentStep[] {
  return codes.map((code, position) => ({ thought: position === 0 ? 'I will compute it.' : 'Let me try a different approach.', code, error }));
}

interface Case {
  name: string;
  run: CodeAgentRun;
  /** The categories of the findings, each once, sorted. */
  categories: string[];
  /** Words of the error every reminder delivered on the run quotes. */
  quoted?: string;
}

const numpyRefused: CodeAgentRun = {
  traceId: 'c0de0000000000000000000000000001',
  task: 'Write a function det(m) that returns the determinant of a square matrix given as a list of lists, and show it on [[1, 2], [3, 4]].',
  steps: attempts(
    ['import numpy as np\nprint(np.linalg.det([[1, 2], [3, 4]]))', 'import numpy\nprint(numpy.linalg.det([[1, 2], [3, 4]]))', 'from numpy import linalg\nprint(linalg.det([[1, 2], [3, 4]]))', 'import numpy as np\nm = np.array([[1, 2], [3, 4]])\nprint(np.linalg.det(m))'],
    `Code execution failed at line 'import numpy as np' due to: InterpreterError: Import of numpy is not allowed. Authorized imports are: ${IMPORTS}`,
  ),
  answer: '-2.0',
};

const cases: Case[] = [
  {
    name: 'an import the sandbox refuses, tried four ways',
    run: numpyRefused,
    categories: ['infinite-loop', 'tool-call-failure'],
    quoted: 'Import of numpy is not allowed',
  },
  {
    name: 'the same, written in the <code> tags of current smolagents',
    run: { ...numpyRefused, traceId: 'c0de0000000000000000000000000011', codeBlocks: 'tags' },
    categories: ['infinite-loop', 'tool-call-failure'],
    quoted: 'Import of numpy is not allowed',
  },
  {
    name: 'the same, written as structured outputs',
    run: { ...numpyRefused, traceId: 'c0de0000000000000000000000000012', codeBlocks: 'structured' },
    categories: ['infinite-loop', 'tool-call-failure'],
    quoted: 'Import of numpy is not allowed',
  },
  {
    name: 'the same TypeError from reworded code, four times',
    run: {
      traceId: 'c0de0000000000000000000000000002',
      task: 'Fix mean_of_column in stats.py so it returns the mean of a CSV column; the values are read as strings.',
      steps: attempts(
        ['values = ["1", "2", "3"]\ntotal = sum(values)\nprint(total / len(values))', 'values = ["1", "2", "3"]\ntotal = sum(v for v in values)\nprint(total / len(values))', 'values = list(["1", "2", "3"])\ntotal = sum(values, 0)\nprint(total / len(values))', 'values = ["1", "2", "3"]\ntotal = sum([v for v in values])\nprint(total / len(values))'],
        "Code execution failed at line 'total = sum(values)' due to: TypeError: unsupported operand type(s) for +: 'int' and 'str'",
      ),
      answer: 'def mean_of_column(values): return sum(values) / len(values)',
    },
    categories: ['infinite-loop', 'tool-call-failure'],
    quoted: "unsupported operand type(s) for +: 'int' and 'str'",
  },
  {
    name: 'an unterminated docstring, four times',
    run: {
      traceId: 'c0de0000000000000000000000000003',
      task: 'Add a docstring to mean(values) and print it.',
      steps: attempts(
        ['def mean(values):\n    """Return the mean.\n    return sum(values) / len(values)\nprint(mean.__doc__)', 'def mean(values):\n    """Return the mean of values.\n    return sum(values) / len(values)\nprint(mean.__doc__)', 'def mean(values):\n    """Return the arithmetic mean.\n    return sum(values) / len(values)\nprint(mean.__doc__)', 'def mean(values):\n    """Mean.\n    return sum(values) / len(values)\nprint(mean.__doc__)'],
        'Code parsing failed on line 2 due to: SyntaxError\n    """Return the mean.\n    ^\nError: unterminated triple-quoted string literal (detected at line 4) (<unknown>, line 2)',
      ),
      answer: 'Return the mean.',
    },
    categories: ['infinite-loop', 'tool-call-failure'],
    quoted: 'unterminated triple-quoted string literal',
  },
  {
    name: 'one TypeError, corrected at once',
    run: {
      traceId: 'c0de0000000000000000000000000004',
      task: 'Fix mean_of_column in stats.py so it returns the mean of a CSV column; the values are read as strings.',
      steps: [
        { thought: 'I will compute it.', code: 'values = ["1", "2", "3"]\ntotal = sum(values)\nprint(total / len(values))', error: "Code execution failed at line 'total = sum(values)' due to: TypeError: unsupported operand type(s) for +: 'int' and 'str'" },
        { thought: 'The values are strings; I convert them first.', code: 'values = ["1", "2", "3"]\ntotal = sum(float(v) for v in values)\nprint(total / len(values))', logs: '2.0' },
      ],
      answer: 'def mean_of_column(values): return sum(float(v) for v in values) / len(values)',
    },
    categories: [],
  },
];

describe('smolagents CodeAgent on coding tasks, read from its OpenInference spans', () => {
  for (const testCase of cases) {
    it(`${testCase.name}: ${testCase.categories.length === 0 ? 'no finding' : testCase.categories.join(' and ')}`, async () => {
      const file = join(temporaryFolder('wink-smolagents-'), `${testCase.run.traceId}.json`);
      writeFileSync(file, JSON.stringify(codeAgentTrace(testCase.run)));
      const analysis = await analyzeFile(file);
      expect(analysis.error).toBeUndefined();
      expect(analysis.diagnostics).toEqual([]);
      expect(analysis.trajectories).toHaveLength(1);
      const [trajectory] = analysis.trajectories;
      expect(trajectory.format).toBe('otel');
      const categories = [...new Set(trajectory.findings.filter((finding) => !finding.signal).map((finding) => finding.category))].sort();
      expect(categories).toEqual(testCase.categories);

      // What the agent would be told: the error it keeps getting, and never to fix "arguments" of its code.
      const replay = replayTrajectory((await readFileTrajectories(file)).trajectories[0], { detectors: allDetectors });
      const delivered = interventionsOf(replay).filter((intervention) => intervention.delivered);
      expect(delivered.length > 0).toBe(testCase.categories.length > 0);
      for (const intervention of delivered) {
        if (testCase.quoted !== undefined) expect(intervention.guidance, intervention.messageId).toContain(testCase.quoted);
        expect(intervention.guidance, intervention.messageId).not.toMatch(/same arguments|required parameter/);
      }
    });
  }
});
