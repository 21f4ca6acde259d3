/** The readers wink ships, in the order they are tried when detecting a format. */
import { UsageError } from '../errors.js';
import miniSweAgentReader from './mini-swe-agent/reader.js';
import openHandsReader from './openhands/reader.js';
import sweAgentReader from './swe-agent/reader.js';
import claudeCodeReader from './claude-code/reader.js';
import atifReader from './atif/reader.js';
import codexReader from './codex/reader.js';
import geminiCliReader from './gemini-cli/reader.js';
import otelReader from './otel/reader.js';
import openAiMessagesReader from './openai-messages/reader.js';
import anthropicMessagesReader from './anthropic-messages/reader.js';
import specStoryReader from './specstory/reader.js';
import type { FormatId, FormatReader } from './reader.js';

/** Every reader, for detection. */
export const allReaders: readonly FormatReader[] = [claudeCodeReader, miniSweAgentReader, atifReader, codexReader, geminiCliReader, openHandsReader, otelReader, sweAgentReader, openAiMessagesReader, anthropicMessagesReader, specStoryReader];

/** The reader with this id; throws a usage error naming the known ids otherwise. */
export function readerById(id: string): FormatReader {
  const reader = allReaders.find((candidate) => candidate.id === id);
  if (!reader) throw new UsageError(`unknown format "${id}" (known: ${allReaders.map((candidate) => candidate.id).join(', ')})`);
  return reader;
}

/** Ids of all readers. */
export function formatIds(): FormatId[] {
  return allReaders.map((reader) => reader.id);
}
