/**
 * One finding per episode. Detectors report every occurrence of a misbehavior under one signature (the
 * rule, the target, the repeated call — never the step), so the observer can escalate a recurrence and count
 * it against recovery. For reading a session, the occurrences of one signature are one episode: the first
 * occurrence's finding, with how many times and at which steps it happened.
 */
import type { Finding } from '../detectors/define.js';

/** A finding that stands for all occurrences of its episode. */
export interface EpisodeFinding extends Finding {
  /** How many times the misbehavior occurred (1 when it happened once). */
  occurrences: number;
  /** The step of each occurrence (the last evidence step of each report), first to last. */
  occurrenceSteps: number[];
}

/** Most occurrence steps listed per episode (the count stays exact). */
export const MAXIMUM_LISTED_OCCURRENCES = 50;

/** Groups findings by detector and signature, in order of first occurrence. */
export function groupIntoEpisodes(findings: readonly Finding[]): EpisodeFinding[] {
  const episodes = new Map<string, EpisodeFinding>();
  for (const finding of findings) {
    const key = `${finding.detector}\u0000${finding.signature}`;
    const step = finding.steps[finding.steps.length - 1] ?? 0;
    const episode = episodes.get(key);
    if (!episode) {
      episodes.set(key, { ...finding, occurrences: 1, occurrenceSteps: [step] });
      continue;
    }
    episode.occurrences++;
    if (episode.occurrenceSteps.length < MAXIMUM_LISTED_OCCURRENCES && !episode.occurrenceSteps.includes(step)) episode.occurrenceSteps.push(step);
  }
  return [...episodes.values()];
}
