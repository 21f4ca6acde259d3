/**
 * Files wink recognises but reads no trajectory from, so that analysing a folder names them instead of
 * calling them unknown: formats that have no reader yet, and files that sit beside agent logs but are not logs
 * (TRAIL's error annotations). A directory walk also lists SpecStory's Markdown histories (read by the
 * `specstory` reader), the only non-JSON files it lists.
 * They are tried only when no reader fits, so a reader added later takes its format over.
 */
import type { FileSample } from './reader.js';

/** `no-reader`: an agent log in a format wink cannot read yet; `not-an-agent-log`: a side file. */
export type OtherFileKind = 'no-reader' | 'not-an-agent-log';

/** One kind of file wink recognises without reading it. */
export interface OtherFileType {
  id: string;
  /** What the file is, for people. */
  description: string;
  kind: OtherFileKind;
  matches(sample: FileSample): boolean;
}

/** Where SpecStory keeps its histories: `.specstory/history/<name>.md`. */
export const SPECSTORY_HISTORY_PATH = /(?:^|[\\/])\.specstory[\\/]history[\\/][^\\/]+\.md$/i;
/** A TRAIL annotation file: `{trace_id?, errors: [{category, location, evidence, description, impact}], scores}`. */
const TRAIL_ANNOTATIONS = /^\s*\{\s*(?:"trace_id"\s*:\s*"[^"]*"\s*,\s*)?"errors"\s*:\s*\[/;
const TRAIL_ANNOTATION_FIELDS = /"impact"\s*:|"scores"\s*:/;

/** The kinds of file recognised, in the order they are tried. */
export const otherFileTypes: readonly OtherFileType[] = [
  {
    id: 'trail-annotations',
    description: 'TRAIL error annotations',
    kind: 'not-an-agent-log',
    matches: (sample) => TRAIL_ANNOTATIONS.test(sample.head) && TRAIL_ANNOTATION_FIELDS.test(sample.head),
  },
];

/** The kind of other file a sample is, if wink recognises it. */
export function recogniseOtherFile(sample: FileSample): OtherFileType | undefined {
  return otherFileTypes.find((type) => type.matches(sample));
}

/** True for a file a directory walk lists although it is not JSON: a SpecStory history. */
export function isListedOtherFile(path: string): boolean {
  return SPECSTORY_HISTORY_PATH.test(path);
}
