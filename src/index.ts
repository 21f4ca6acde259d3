/** wink's public library API. */
export * from './trajectory/index.js';
export * from './formats/index.js';
export { InputError, NoReaderError, NotAnAgentLogError, UnknownFormatError, UsageError, WinkError } from './errors.js';
