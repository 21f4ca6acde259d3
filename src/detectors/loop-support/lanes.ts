/**
 * Lanes: the main agent and each sub-agent (sidechain) loop on their own, so the loop detectors keep one
 * state per lane. Interleaved sub-agent steps then neither hide a loop nor make one up. The number of lanes
 * kept is bounded (least recently created dropped first) so state stays O(1).
 */
import type { Step } from '../../trajectory/step.js';

/** Most lanes kept per detector. */
export const MAXIMUM_LANES = 16;

/** Per-lane states, JSON only. */
export interface Lanes<Lane> {
  byName: Record<string, Lane>;
  order: string[];
}

/** No lanes yet. */
export function emptyLanes<Lane>(): Lanes<Lane> {
  return { byName: {}, order: [] };
}

/** The lane a step belongs to: its sidechain id, or '' for the main agent. */
export function laneName(step: Step): string {
  return step.sidechain ?? '';
}

/** The state of a lane, created on first use. */
export function laneOf<Lane>(lanes: Lanes<Lane>, name: string, create: () => Lane): Lane {
  const existing = lanes.byName[name];
  if (existing) return existing;
  const created = create();
  lanes.byName[name] = created;
  lanes.order.push(name);
  if (lanes.order.length > MAXIMUM_LANES) delete lanes.byName[lanes.order.shift() as string];
  return created;
}

/** Forgets every lane (real user input). */
export function clearLanes<Lane>(lanes: Lanes<Lane>): void {
  lanes.byName = {};
  lanes.order = [];
}

/** When a step happened: its index in the trajectory and its time (milliseconds since the epoch; NaN without one). */
export interface StepMoment {
  index: number;
  time: number;
}

/** The moment of a step. */
export function momentOf(step: Step): StepMoment {
  return { index: step.index, time: step.timestamp === undefined ? Number.NaN : Date.parse(step.timestamp) };
}

/** Whether `later` comes after `earlier`: by their times when both have one, else by their order in the trajectory. */
export function isAfter(later: StepMoment, earlier: StepMoment): boolean {
  // Kept state goes through JSON, where NaN becomes null: Number.isFinite is false for both.
  return Number.isFinite(later.time) && Number.isFinite(earlier.time) ? later.time > earlier.time : later.index > earlier.index;
}

/**
 * Notes when a sub-agent started: the moment of its task (the first user step of its lane). Only the task says
 * when a lane started: a lane first seen through a call (a hook sees a sub-agent's calls, not its task) has no known
 * start, and {@link couldKnow} then does not assume the agent knew.
 */
export function noteLaneStart(starts: Lanes<StepMoment>, step: Step): void {
  if (step.kind === 'user' && step.sidechain !== undefined && starts.byName[step.sidechain] === undefined) laneOf(starts, step.sidechain, () => momentOf(step));
}

/** Something that happened in a lane (a failure), and when. */
export interface LaneEvent {
  lane: string;
  at: StepMoment;
}

/**
 * Whether an agent in lane `lane` (whose task, when seen, `starts` holds: see {@link noteLaneStart}) could know of
 * `event`: the same agent saw it; the main agent gets its sub-agents' reports; a sub-agent knows
 * what happened before it was given its task (the task may carry it). A sub-agent already running when another
 * failed did not know, nor is one assumed to whose start is unknown. Times decide when the steps have them, since a
 * reader may append a sub-agent's steps after the session's own (Claude Code keeps each sub-agent's transcript in a
 * file of its own), so their order is not when they ran.
 */
export function couldKnow(starts: Lanes<StepMoment>, event: LaneEvent, lane: string): boolean {
  if (lane === event.lane || lane === '') return true;
  const start = starts.byName[lane];
  return start !== undefined && isAfter(start, event.at);
}
