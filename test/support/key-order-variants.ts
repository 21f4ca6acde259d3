/**
 * Key-order variants of the reader fixtures: the same log with a field of more than 100 KB before the keys
 * that say what the log is, as real logs have them — a mini-swe-agent run's `info.submission` diff before
 * `messages`, a SWE-agent run's `info` before its history, an OpenHands system event's tool definitions, a
 * pasted log in the first line of a JSON Lines session. Format detection must not depend on where keys fall.
 */
import type { FormatId } from '../../src/formats/reader.js';

/** Size of the large field: more than the 64 KiB a prefix sniff used to read. */
export const LARGE_FIELD_BYTES = 120 * 1024;

/** A unified diff of about `bytes` bytes, shaped like a real submission. */
export function largeDiff(bytes = LARGE_FIELD_BYTES): string {
  const lines = ['diff --git a/src/text.py b/src/text.py', 'index 1111111..2222222 100644', '--- a/src/text.py', '+++ b/src/text.py'];
  let size = lines.join('\n').length;
  for (let number = 1; size < bytes; number++) {
    const line = `+def helper_${number}(value):  # generated helper ${number} keeps the diff realistic`;
    lines.push(`@@ -${number},0 +${number},1 @@`, line);
    size += line.length + 20;
  }
  return lines.join('\n') + '\n';
}

/** A log of about `bytes` bytes pasted into a prompt. */
export function largeLog(bytes = LARGE_FIELD_BYTES): string {
  const line = 'FAILED tests/test_dates.py::test_offset[+05:30] - AssertionError: expected 05:30, got 00:00\n';
  return line.repeat(Math.ceil(bytes / line.length));
}

type Json = Record<string, unknown>;

/** One variant: the fixture it rewrites, the format it must still be detected as, and the key it pushes past 64 KiB. */
export interface KeyOrderVariant {
  name: string;
  /** Path under test/fixtures. */
  fixture: string;
  format: FormatId;
  /** Text that must come after the first 64 KiB of the rewritten file (so a prefix sniff would miss it). */
  lateKey: string;
  rewrite(text: string): string;
}

/** Rewrites a pretty-printed JSON document (real single-document logs are indented). */
function document(rewrite: (root: Json) => unknown): (text: string) => string {
  return (text) => JSON.stringify(rewrite(JSON.parse(text) as Json), null, 2) + '\n';
}

/** Rewrites the first line of a JSON Lines file. */
function firstLine(rewrite: (record: Json) => Json, dropLeading = 0): (text: string) => string {
  return (text) => {
    const lines = text.split('\n').slice(dropLeading);
    lines[0] = JSON.stringify(rewrite(JSON.parse(lines[0]) as Json));
    return lines.join('\n');
  };
}

export const keyOrderVariants: KeyOrderVariant[] = [
  {
    name: 'mini-swe-agent: a 120 KB info.submission before messages',
    fixture: 'mini-swe-agent/slugify.traj.json',
    format: 'mini-swe-agent',
    lateKey: '"messages"',
    rewrite: document((root) => ({ info: { ...(root.info as Json), submission: largeDiff() }, messages: root.messages, trajectory_format: root.trajectory_format, instance_id: root.instance_id })),
  },
  {
    name: 'mini-swe-agent without trajectory_format: a 120 KB info.submission before messages',
    fixture: 'mini-swe-agent/slugify.traj.json',
    format: 'mini-swe-agent',
    lateKey: '"messages"',
    rewrite: document((root) => ({ info: { ...(root.info as Json), submission: largeDiff() }, messages: root.messages, instance_id: root.instance_id })),
  },
  {
    name: 'swe-agent: info with a 120 KB submission before history and trajectory',
    fixture: 'swe-agent/example__slugify-1.traj',
    format: 'swe-agent',
    lateKey: '"history"',
    rewrite: document((root) => ({ info: { ...(root.info as Json), submission: largeDiff() }, environment: root.environment, trajectory: root.trajectory, history: root.history })),
  },
  {
    name: 'atif: a 120 KB extra before schema_version',
    fixture: 'atif/harbor-terminus.trajectory.json',
    format: 'atif',
    lateKey: '"schema_version"',
    rewrite: document((root) => {
      const { schema_version: schemaVersion, ...rest } = root;
      return { extra: { harbor: { setup_log: largeLog() } }, ...rest, schema_version: schemaVersion };
    }),
  },
  {
    name: 'otel (TRAIL): a 120 KB input before the first span id',
    fixture: 'otel/smolagents-code-agent.json',
    format: 'otel',
    lateKey: '"span_id"',
    rewrite: document((root) => {
      const [first, ...others] = root.spans as Json[];
      const { span_attributes: attributes, ...rest } = first;
      const large = { ...(attributes as Json), 'input.value': JSON.stringify({ task: largeLog() }) };
      return { spans: [{ span_attributes: large, ...rest }, ...others], trace_id: root.trace_id };
    }),
  },
  {
    name: 'otel (OTLP): a 120 KB resource attribute before scopeSpans',
    fixture: 'otel/genai-otlp.json',
    format: 'otel',
    lateKey: '"scopeSpans"',
    rewrite: document((root) => {
      const [first, ...others] = root.resourceSpans as Json[];
      const resource = first.resource as { attributes: unknown[] };
      const attributes = [...resource.attributes, { key: 'process.command_args', value: { stringValue: largeLog() } }];
      return { resourceSpans: [{ resource: { ...resource, attributes }, scopeSpans: first.scopeSpans }, ...others] };
    }),
  },
  {
    name: 'gemini-cli (legacy document): messages with a 120 KB prompt before sessionId and projectHash',
    fixture: 'gemini-cli/session-2025-09-02T08-15-3b7e9d10.json',
    format: 'gemini-cli',
    lateKey: '"projectHash"',
    rewrite: document((root) => {
      const { messages, ...rest } = root;
      const [first, ...others] = messages as Json[];
      return { messages: [{ ...first, content: `${String(first.content)}\n${largeLog()}` }, ...others], ...rest };
    }),
  },
  {
    name: 'openai-messages (document): 120 KB of metadata before messages',
    fixture: 'openai-messages/export-fix.json',
    format: 'openai-messages',
    lateKey: '"messages"',
    rewrite: document((root) => ({ metadata: { ci_log: largeLog() }, ...root })),
  },
  {
    name: 'anthropic-messages (document): a 120 KB system prompt before messages',
    fixture: 'anthropic-messages/remove-helper.json',
    format: 'anthropic-messages',
    lateKey: '"messages"',
    rewrite: document((root) => ({ model: root.model, system: [{ type: 'text', text: largeLog() }, ...(root.system as Json[])], messages: root.messages })),
  },
  {
    name: 'openhands (event list): a system event with 120 KB of tool definitions first',
    fixture: 'openhands/slugify-events.json',
    format: 'openhands',
    lateKey: '"observation"',
    rewrite: (text) => {
      const [system, ...others] = JSON.parse(text) as Json[];
      const args = system.args as { tools: Json[] };
      const tools = [...args.tools, { type: 'function', function: { name: 'runbook', description: largeLog(), parameters: { type: 'object', properties: {} } } }];
      return JSON.stringify([{ ...system, args: { ...args, tools } }, ...others], null, 2);
    },
  },
  {
    name: 'claude-code: a first line with a 120 KB pasted log',
    fixture: 'claude-code/timezone-fix.jsonl',
    format: 'claude-code',
    lateKey: '"uuid"',
    rewrite: firstLine((record) => ({ ...record, isMeta: undefined, message: { role: 'user', content: largeLog() } }), 1),
  },
  {
    name: 'codex: a session_meta line with 120 KB of instructions',
    fixture: 'codex/rollout-2025-11-03T09-14-22-019a48fe-ff84-7c21-9d3e-5a7b1c2d3e4f.jsonl',
    format: 'codex',
    lateKey: '"originator"',
    rewrite: firstLine((record) => {
      const { instructions: _empty, ...payload } = record.payload as Json;
      return { ...record, payload: { instructions: largeLog(), ...payload } };
    }),
  },
  {
    name: 'openhands (evaluation output.jsonl): a first record with a 120 KB patch before its history',
    fixture: 'openhands/evaluation-output.jsonl',
    format: 'openhands',
    lateKey: '"history"',
    rewrite: firstLine((record) => {
      const { instance_id: instanceId, test_result: testResult, ...rest } = record;
      return { instance_id: instanceId, test_result: { ...(testResult as Json), git_patch: largeDiff() }, ...rest };
    }),
  },
  {
    name: 'openai-messages (JSON Lines): a 120 KB system message first',
    fixture: 'openai-messages/weather.jsonl',
    format: 'openai-messages',
    lateKey: '"user"',
    rewrite: firstLine((record) => ({ ...record, content: `${String(record.content)}\n${largeLog()}` })),
  },
];
