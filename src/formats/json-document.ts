/** Reading single-document JSON files (OpenHands lists, SWE-agent .traj, TRAIL traces, ATIF). */
import { readFile } from 'node:fs/promises';
import { lineAt } from './line-reader.js';

/** A JSON document, or where it failed to parse. */
export type ParsedDocument = { ok: true; value: unknown; text: string } | { ok: false; line: number; message: string };

/** Reads and parses a whole JSON file; a syntax error comes back with its line, never thrown. */
export async function readJsonDocument(file: string): Promise<ParsedDocument> {
  const text = await readFile(file, 'utf8');
  return parseJsonDocument(text);
}

/** Parses JSON text; a syntax error comes back with its 1-based line. */
export function parseJsonDocument(text: string): ParsedDocument {
  try {
    return { ok: true, value: JSON.parse(text), text };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const line = position ? lineAt(text, Number(position[1])) : /line \d+/.test(message) ? Number(/line (\d+)/.exec(message)?.[1]) : 1;
    return { ok: false, line, message: `invalid JSON: ${message}` };
  }
}

/**
 * Finds the 1-based line where the `index`-th element of a top-level JSON array starts, by scanning the
 * text once. Returns an array of start lines for all top-level elements.
 */
export function topLevelElementLines(text: string): number[] {
  const lines: number[] = [];
  let depth = 0;
  let line = 1;
  let inString = false;
  let expectingElement = false;
  for (let position = 0; position < text.length; position++) {
    const code = text.charCodeAt(position);
    if (code === 10) line++;
    if (inString) {
      if (code === 92) position++;
      else if (code === 34) inString = false;
      continue;
    }
    if (code === 34) {
      if (depth === 1 && expectingElement) {
        lines.push(line);
        expectingElement = false;
      }
      inString = true;
    } else if (code === 91 || code === 123) {
      if (depth === 1 && expectingElement) {
        lines.push(line);
        expectingElement = false;
      }
      depth++;
      if (depth === 1 && code === 91) expectingElement = true;
    } else if (code === 93 || code === 125) {
      depth--;
    } else if (code === 44 && depth === 1) {
      expectingElement = true;
    } else if (depth === 1 && expectingElement && code > 32) {
      lines.push(line);
      expectingElement = false;
    }
  }
  return lines;
}

/** True when a value is a plain object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Text content of a value that may be a string, an array of content parts or an object with `text`. */
export function contentText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    const parts: string[] = [];
    for (const part of value) {
      const partText = contentText(part);
      if (partText.length > 0) parts.push(partText);
    }
    return parts.join('\n');
  }
  if (isRecord(value)) {
    if (typeof value.text === 'string') return value.text;
    if (typeof value.content === 'string' || Array.isArray(value.content)) return contentText(value.content);
    if (typeof value.output === 'string') return value.output;
  }
  return '';
}
