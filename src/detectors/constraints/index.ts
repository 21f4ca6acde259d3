/** Constraint extraction and the file and command classes the instruction and scope detectors share. */
export * from './types.js';
export * from './extract.js';
export * from './file-classes.js';
export * from './commands.js';
export * from './submission.js';
export * from './claims.js';
export * from './answers.js';
