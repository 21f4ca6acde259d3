/** Readers for real agent logs, format detection, and reading files and directories. */
export { TrajectoryAssembler, type AssemblerOptions, type StepFields } from './assembler.js';
export { chooseReader, firstLineObject, holdsMessageList, sampleFile, SAMPLE_BYTES, SAMPLE_LINES } from './detect.js';
export { outlineJsonFile, type JsonLayout, type JsonOutline, type OutlinedRecord } from './json-outline.js';
export { forEachLine, lineAt } from './line-reader.js';
export { listTrajectoryFiles, readFileTrajectories, streamFile, type ReadOptions } from './read.js';
export type { Diagnostic, FileSample, FormatId, FormatReader, ReadResult, ReaderOutput, SessionSeed, StepListener } from './reader.js';
export { allReaders, formatIds, readerById } from './registry.js';
