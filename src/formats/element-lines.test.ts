import { describe, expect, it } from 'vitest';
import { rootArrayElementLines } from './element-lines.js';

describe('rootArrayElementLines', () => {
  const cases: Array<{ name: string; text: string; key: string; lines: number[] }> = [
    { name: 'objects, one a line', text: '{\n"messages": [\n{"id": "a"},\n{"id": "b", "x": {"y": 1}}\n]\n}', key: 'messages', lines: [3, 4] },
    { name: 'the key inside a string or deeper down never matches', text: '{\n"summary": "messages",\n"other": {"messages": [1]},\n"messages": [\n{"id": "a"}\n]\n}', key: 'messages', lines: [5] },
    { name: 'elements that are not objects', text: '{\n"steps": [\n{"a": 1},\n"not a step",\n42,\n[1, 2]\n]\n}', key: 'steps', lines: [3, 4, 5, 6] },
    { name: 'a single-line document', text: '{"messages": [{"id": "a"}, "b"]}', key: 'messages', lines: [1, 1] },
    { name: 'escaped quotes and backslashes in strings', text: '{\n"note": "a \\" [ { \\\\",\n"messages": [\n"x \\" y",\n{"z": "\\\\"}\n]\n}', key: 'messages', lines: [4, 5] },
    { name: 'no such array', text: '{"messages": "none"}', key: 'messages', lines: [] },
  ];
  for (const { name, text, key, lines } of cases) {
    it(name, () => {
      expect(rootArrayElementLines(text, key)).toEqual(lines);
    });
  }
});
