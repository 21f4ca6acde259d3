/**
 * The bytes of an outline as it is written (json-outline-scanner.ts): one growing buffer for the current
 * record, strings kept up to a limit and cut where the cut leaves valid JSON, and the count of bytes
 * written for the whole file, which the scanner's budget reads.
 */
import { CUT_MARK, safeCutLength } from './json-outline-cut.js';

/** Size the buffer starts at; it doubles when needed. */
const OUTPUT_START_BYTES = 16 * 1024;
const QUOTE = 0x22;

export class OutlineOutput {
  private buffer = Buffer.allocUnsafe(OUTPUT_START_BYTES);
  private length = 0;
  /** Bytes written for every record so far (a cut string counts what is kept). */
  total = 0;
  /** The string being written: where its content starts, how many bytes were kept, and whether more followed. */
  private stringStart = 0;
  private stringKept = 0;
  private stringOverflow = false;

  constructor(private readonly stringLimit: number) {}

  writeByte(byte: number): void {
    if (this.length === this.buffer.length) this.grow(1);
    this.buffer[this.length++] = byte;
    this.total++;
  }

  writeRange(source: Buffer, start: number, end: number): void {
    const count = end - start;
    if (this.length + count > this.buffer.length) this.grow(count);
    source.copy(this.buffer, this.length, start, end);
    this.length += count;
    this.total += count;
  }

  /** Writes the ASCII text of a number or a literal. */
  writeAscii(text: string): void {
    for (let index = 0; index < text.length; index++) this.writeByte(text.charCodeAt(index));
  }

  /** Opens a string: its content follows through {@link keepString}, then {@link closeString}. */
  openString(): void {
    this.writeByte(QUOTE);
    this.stringStart = this.length;
    this.stringKept = 0;
    this.stringOverflow = false;
  }

  /** Keeps string source bytes `chunk[start, end)` while the string is under the limit. */
  keepString(chunk: Buffer, start: number, end: number): void {
    if (this.stringOverflow) return;
    const room = this.stringLimit - this.stringKept;
    const count = Math.min(room, end - start);
    this.writeRange(chunk, start, start + count);
    this.stringKept += count;
    if (end - start > room) this.stringOverflow = true;
  }

  /** Closes the string: whole, or cut where no escape or character breaks, and marked with `…`. */
  closeString(): void {
    if (this.stringOverflow) {
      const kept = safeCutLength(this.buffer.subarray(this.stringStart, this.stringStart + this.stringKept), this.stringKept);
      this.total -= this.stringKept - kept;
      this.length = this.stringStart + kept;
      this.writeRange(CUT_MARK, 0, CUT_MARK.length);
    }
    this.writeByte(QUOTE);
  }

  /** The current record's outline as text; the buffer is then empty for the next record. */
  takeRecord(): string {
    const text = this.buffer.toString('utf8', 0, this.length);
    this.length = 0;
    return text;
  }

  /** Drops what was written of the current record. */
  discardRecord(): void {
    this.total -= this.length;
    this.length = 0;
  }

  /** Makes room for `bytes` more bytes. */
  private grow(bytes: number): void {
    let size = this.buffer.length * 2;
    while (size < this.length + bytes) size *= 2;
    const larger = Buffer.allocUnsafe(size);
    this.buffer.copy(larger, 0, 0, this.length);
    this.buffer = larger;
  }
}
