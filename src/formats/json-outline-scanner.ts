/**
 * The streaming scan behind a JSON file's outline (see json-outline.ts for what the outline keeps): a
 * byte-level state machine fed chunk by chunk, which follows the JSON grammar where it writes the outline
 * and only brackets and strings where it leaves content out.
 */
import type { JsonOutline, OutlinedRecord } from './json-outline.js';
import { OutlineOutput } from './json-outline-output.js';

/** Longest string kept whole, in bytes of its JSON source; longer strings are cut and end with `…`. */
export const OUTLINE_STRING_BYTES = 1024;
/** Nested content is kept until the outline of the file reaches this many bytes. */
export const OUTLINE_BUDGET_BYTES = 64 * 1024;
/** Past the budget, each member of a top-level object still keeps this many bytes of its value. */
export const OUTLINE_MEMBER_ALLOWANCE_BYTES = 4 * 1024;
/** The outline never grows past this many bytes (a document with a huge number of top-level keys). */
export const OUTLINE_LIMIT_BYTES = 1024 * 1024;
/** Complete values outlined in a file of several JSON values (JSON Lines). */
export const OUTLINE_RECORDS = 5;
/** Values that broke off (lines that are not JSON) outlined at most, before the scan gives up. */
export const OUTLINE_BROKEN_RECORDS = 5;

/** Where the scanner is in the JSON grammar. */
const enum State {
  /** A value must come (after `:`, after `,` in an array, or at the start of a record). */
  Value,
  /** Just after `[`: a value or `]`. */
  ValueOrEnd,
  /** Just after `{`: a key or `}`. */
  KeyOrEnd,
  /** After `,` in an object: a key. */
  Key,
  /** After a key: `:`. */
  Colon,
  /** After a value: `,`, a closing bracket, or (at the top level) the next record. */
  AfterValue,
  /** Inside a string (key or value). */
  InString,
  /** Inside a number or a literal. */
  InScalar,
  /** Inside an object or array left out of the outline: only brackets and strings are followed. */
  Skipping,
  /** After a syntax error: skipping to the next line. */
  SkipLine,
}

/** One open object or array of the outline (values left out are skipped, never opened). */
interface Frame {
  isObject: boolean;
  /** Members (or elements) written to the outline so far. */
  written: number;
  /** True when the current member (or element) is written to the outline. */
  memberEmitting: boolean;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const BYTE_ORDER_MARK = Buffer.from([0xef, 0xbb, 0xbf]);
/** Strings left out of the outline are stepped over byte by byte up to this length, then searched with `indexOf`. */
const INLINE_STRING_BYTES = 256;
const SCALAR_BYTES = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)$/;

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === NEWLINE || byte === 0x0d || byte === 0x09;
}

function isScalarStart(byte: number): boolean {
  return byte === 0x2d || (byte >= 0x30 && byte <= 0x39) || byte === 0x74 || byte === 0x66 || byte === 0x6e;
}

function isScalarEnd(byte: number): boolean {
  return isWhitespace(byte) || byte === COMMA || byte === CLOSE_BRACE || byte === CLOSE_BRACKET;
}

/** Builds the outline of JSON text fed to it in chunks. */
export class JsonOutliner {
  private state = State.Value;
  private readonly stack: Frame[] = [];
  /** The outline being written (its `total` counts the bytes of every record so far). */
  private readonly output = new OutlineOutput(OUTLINE_STRING_BYTES);
  /** The current top-level member may use the outline up to here, even past the budget. */
  private allowanceEnd = 0;
  private readonly records: OutlinedRecord[] = [];
  private completeRecords = 0;
  private sawValueInRecord = false;
  private stopped = false;
  private bytesScanned = 0;
  /** Bytes of a byte order mark seen at the start of the file so far; -1 once past it. */
  private byteOrderMarkSeen = 0;
  /** The string being scanned: whether it is written, and whether it is a key. */
  private stringEmitting = false;
  private stringIsKey = false;
  /** Consecutive backslashes at the end of the previous chunk, inside the current string. */
  private carriedBackslashes = 0;
  /** The chunk whose next line break is cached, and where that line break is. */
  private newlineChunk: Buffer | undefined;
  private nextNewline = 0;
  /** Depth of the object or array being skipped, and whether the current string is inside it. */
  private skipDepth = 0;
  private stringInSkip = false;
  /** True while the rest of an open container is skipped: its frame is closed when the skip ends. */
  private closeAfterSkip = false;
  private scalarEmitting = false;
  private scalar = '';

  /** Takes the next chunk of the file; returns false once the outline is complete and no more is needed. */
  push(chunk: Buffer): boolean {
    if (this.stopped) return false;
    this.newlineChunk = undefined;
    let position = 0;
    // A byte order mark at the start of the file is passed over (it may be split across chunks).
    while (this.byteOrderMarkSeen >= 0 && position < chunk.length) {
      if (chunk[position] !== BYTE_ORDER_MARK[this.byteOrderMarkSeen]) {
        this.byteOrderMarkSeen = -1;
        break;
      }
      position++;
      this.byteOrderMarkSeen = this.byteOrderMarkSeen === BYTE_ORDER_MARK.length - 1 ? -1 : this.byteOrderMarkSeen + 1;
    }
    const end = chunk.length;
    while (position < end && !this.stopped) {
      if (this.state === State.InString) {
        position = this.scanString(chunk, position);
        continue;
      }
      if (this.state === State.Skipping) {
        position = this.skip(chunk, position);
        continue;
      }
      if (this.state === State.SkipLine) {
        const newline = chunk.indexOf(NEWLINE, position);
        if (newline === -1) {
          position = end;
        } else {
          position = newline + 1;
          this.state = State.Value;
        }
        continue;
      }
      const byte = chunk[position];
      if (this.state === State.InScalar) {
        if (isScalarEnd(byte)) {
          // The byte that ended the scalar is read again in the state that follows.
          this.endScalar();
        } else {
          if (this.scalar.length < OUTLINE_STRING_BYTES) this.scalar += String.fromCharCode(byte);
          position++;
        }
        continue;
      }
      if (isWhitespace(byte)) {
        position++;
        continue;
      }
      this.step(byte);
      position++;
    }
    this.bytesScanned += position;
    return !this.stopped;
  }

  /** The outline once the file has been read to its end (or the scan stopped). */
  finish(): JsonOutline {
    const scannedToEnd = !this.stopped;
    if (!this.stopped && this.state === State.InScalar) this.endScalar();
    if (!this.stopped && this.sawValueInRecord) this.endRecord(false);
    return { records: this.records, layout: this.records.length > 1 ? 'json-records' : 'json-document', scannedToEnd, bytesScanned: this.bytesScanned };
  }

  /** One structural byte outside strings and scalars. */
  private step(byte: number): void {
    switch (this.state) {
      case State.Value:
      case State.ValueOrEnd:
        if (this.state === State.ValueOrEnd && byte === CLOSE_BRACKET) return this.close(false);
        return this.beginValue(byte);
      case State.KeyOrEnd:
      case State.Key:
        if (this.state === State.KeyOrEnd && byte === CLOSE_BRACE) return this.close(true);
        if (byte !== QUOTE) return this.fail();
        return this.beginKey();
      case State.Colon:
        if (byte !== COLON) return this.fail();
        if (this.top().memberEmitting) this.output.writeByte(COLON);
        this.state = State.Value;
        return;
      case State.AfterValue:
        return this.afterValue(byte);
      default:
        return this.fail();
    }
  }

  private top(): Frame {
    return this.stack[this.stack.length - 1];
  }

  /** Whether the next member or element of the open container goes into the outline. */
  private admits(frame: Frame): boolean {
    if (this.output.total >= OUTLINE_LIMIT_BYTES) {
      this.stopEarly();
      return false;
    }
    if (this.stack.length === 1 && frame.isObject) {
      this.allowanceEnd = this.output.total + OUTLINE_MEMBER_ALLOWANCE_BYTES;
      return true;
    }
    if (this.output.total < OUTLINE_BUDGET_BYTES || this.output.total < this.allowanceEnd) return true;
    // A top-level array past the budget: later elements cannot change what is known.
    if (this.stack.length === 1) this.stopEarly();
    return false;
  }

  private beginValue(byte: number): void {
    let emitting = true;
    if (this.stack.length === 0) {
      if (byte !== OPEN_BRACE && byte !== OPEN_BRACKET && byte !== QUOTE && !isScalarStart(byte)) return this.fail();
      this.sawValueInRecord = true;
    } else {
      const frame = this.top();
      if (!frame.isObject) {
        frame.memberEmitting = this.admits(frame);
        if (this.stopped) return;
        if (!frame.memberEmitting) return this.skipRestOfContainer(byte);
        if (frame.written++ > 0) this.output.writeByte(COMMA);
      }
      emitting = frame.memberEmitting;
    }
    if ((byte === OPEN_BRACE || byte === OPEN_BRACKET) && !emitting) {
      this.skipDepth = 1;
      this.state = State.Skipping;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      const isObject = byte === OPEN_BRACE;
      this.output.writeByte(byte);
      this.stack.push({ isObject, written: 0, memberEmitting: false });
      this.state = isObject ? State.KeyOrEnd : State.ValueOrEnd;
    } else if (byte === QUOTE) {
      this.beginString(emitting, false);
    } else if (isScalarStart(byte)) {
      this.scalarEmitting = emitting;
      this.scalar = String.fromCharCode(byte);
      this.state = State.InScalar;
    } else {
      this.fail();
    }
  }

  private beginKey(): void {
    const frame = this.top();
    frame.memberEmitting = this.admits(frame);
    if (this.stopped) return;
    if (!frame.memberEmitting) return this.skipRestOfContainer(QUOTE);
    if (frame.written++ > 0) this.output.writeByte(COMMA);
    this.beginString(true, true);
  }

  /**
   * Leaves out the rest of the open container, from the member or element that starts with `byte`: past
   * the budget no later member could be kept (the outline only grows), so the container is skipped to its
   * end at full speed and closed in the outline.
   */
  private skipRestOfContainer(byte: number): void {
    this.closeAfterSkip = true;
    this.state = State.Skipping;
    this.skipDepth = byte === OPEN_BRACE || byte === OPEN_BRACKET ? 2 : 1;
    if (byte === QUOTE) {
      this.beginString(false, false);
      this.stringInSkip = true;
    }
  }

  private beginString(emitting: boolean, isKey: boolean): void {
    this.stringEmitting = emitting;
    this.stringIsKey = isKey;
    this.stringInSkip = false;
    this.carriedBackslashes = 0;
    if (emitting) this.output.openString();
    this.state = State.InString;
  }

  /**
   * Scans string content from `position`; returns where scanning continues. Quotes are found with
   * `indexOf` (a quote after an odd number of backslashes is escaped). A raw line break cannot be in a JSON
   * string: it means the line broke off (a truncated JSON Lines record), and scanning goes on at the next line.
   */
  private scanString(chunk: Buffer, position: number): number {
    const end = chunk.length;
    let from = position;
    for (;;) {
      const quote = chunk.indexOf(QUOTE, from);
      const stop = quote === -1 ? end : quote;
      const newline = this.newlineAfter(chunk, from);
      if (newline < stop) {
        if (this.stringEmitting) this.output.keepString(chunk, position, newline);
        this.fail();
        return newline;
      }
      let index = stop - 1;
      while (index >= position && chunk[index] === BACKSLASH) index--;
      let backslashes = stop - 1 - index;
      if (index < position) backslashes += this.carriedBackslashes;
      if (quote === -1) {
        if (this.stringEmitting) this.output.keepString(chunk, position, end);
        this.carriedBackslashes = backslashes;
        return end;
      }
      if (backslashes % 2 === 1) {
        from = quote + 1;
        continue;
      }
      if (this.stringEmitting) {
        this.output.keepString(chunk, position, quote);
        this.output.closeString();
      }
      this.endString();
      return quote + 1;
    }
  }

  /** The first line break at or after `position` in the chunk (its length when there is none), cached per chunk. */
  private newlineAfter(chunk: Buffer, position: number): number {
    if (this.newlineChunk !== chunk || this.nextNewline < position) {
      const found = chunk.indexOf(NEWLINE, position);
      this.nextNewline = found === -1 ? chunk.length : found;
      this.newlineChunk = chunk;
    }
    return this.nextNewline;
  }

  /**
   * Skips the content of a value left out of the outline; returns where scanning continues. Short strings
   * are stepped over here; a string longer than {@link INLINE_STRING_BYTES} is handed to `scanString`.
   */
  private skip(chunk: Buffer, position: number): number {
    const end = chunk.length;
    let depth = this.skipDepth;
    let index = position;
    while (index < end) {
      const byte = chunk[index++];
      if (byte === QUOTE) {
        const limit = Math.min(end, index + INLINE_STRING_BYTES);
        let escaped = false;
        let closed = false;
        while (index < limit) {
          const inner = chunk[index++];
          if (escaped) escaped = false;
          else if (inner === BACKSLASH) escaped = true;
          else if (inner === QUOTE) {
            closed = true;
            break;
          } else if (inner === NEWLINE) {
            this.fail();
            return index - 1;
          }
        }
        if (!closed) {
          this.skipDepth = depth;
          this.beginString(false, false);
          this.stringInSkip = true;
          this.carriedBackslashes = escaped ? 1 : 0;
          return index;
        }
      } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
        depth++;
      } else if ((byte === CLOSE_BRACE || byte === CLOSE_BRACKET) && --depth === 0) {
        this.skipDepth = 0;
        if (this.closeAfterSkip) {
          this.closeAfterSkip = false;
          this.output.writeByte((this.stack.pop() as Frame).isObject ? CLOSE_BRACE : CLOSE_BRACKET);
        }
        this.state = State.AfterValue;
        this.afterCompleteValue();
        return index;
      }
    }
    this.skipDepth = depth;
    return end;
  }

  private endString(): void {
    if (this.stringInSkip) {
      this.stringInSkip = false;
      this.state = State.Skipping;
      return;
    }
    this.state = this.stringIsKey ? State.Colon : State.AfterValue;
    if (!this.stringIsKey) this.afterCompleteValue();
  }

  /** Ends a number or literal (a syntax error when it is neither). */
  private endScalar(): void {
    if (!SCALAR_BYTES.test(this.scalar)) return this.fail();
    if (this.scalarEmitting) this.output.writeAscii(this.scalar);
    this.state = State.AfterValue;
    this.afterCompleteValue();
  }

  private close(isObject: boolean): void {
    const frame = this.stack.pop();
    if (!frame || frame.isObject !== isObject) return this.fail();
    this.output.writeByte(isObject ? CLOSE_BRACE : CLOSE_BRACKET);
    this.state = State.AfterValue;
    this.afterCompleteValue();
  }

  /** A value ended: at the top level, that is the end of a record. */
  private afterCompleteValue(): void {
    if (this.stack.length === 0) this.endRecord(true);
  }

  private afterValue(byte: number): void {
    if (this.stack.length === 0) {
      // The next record of JSON Lines (or of concatenated JSON values).
      this.state = State.Value;
      return this.beginValue(byte);
    }
    const frame = this.top();
    if (byte === COMMA) {
      this.state = frame.isObject ? State.Key : State.Value;
      return;
    }
    if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) return this.close(byte === CLOSE_BRACE);
    this.fail();
  }

  private endRecord(complete: boolean): void {
    this.records.push({ text: this.output.takeRecord(), complete });
    if (complete) this.completeRecords++;
    this.sawValueInRecord = false;
    this.stack.length = 0;
    if (this.completeRecords >= OUTLINE_RECORDS || this.records.length - this.completeRecords >= OUTLINE_BROKEN_RECORDS) this.stopped = true;
  }

  /** Stops at a member or element boundary: closes what is open, so the outline stays valid JSON. */
  private stopEarly(): void {
    for (let index = this.stack.length - 1; index >= 0; index--) this.output.writeByte(this.stack[index].isObject ? CLOSE_BRACE : CLOSE_BRACKET);
    this.endRecord(true);
    this.stopped = true;
  }

  /** A syntax error: the record is kept as far as it went, and scanning resumes at the next line. */
  private fail(): void {
    this.stringInSkip = false;
    this.closeAfterSkip = false;
    this.skipDepth = 0;
    if (this.sawValueInRecord) this.endRecord(false);
    this.stack.length = 0;
    this.output.discardRecord();
    if (!this.stopped) this.state = State.SkipLine;
  }
}
