/**
 * The detectors whose patterns issue 11's rewrite is replacing still hang on some hostile texts (the exponential
 * LEAD_IN on a banner of `#`, quadratic clause splitting on long whitespace runs, quadratic file-name scanning on
 * long `-`, `.` and `_` runs). Until that rewrite lands the adversarial suite runs them apart, on the texts they
 * survive; once test/patterns/owned-by-issue-11-rewrite.ts is empty (the ReDoS test forces that when the patterns
 * are fixed), every detector runs on every hostile text.
 */
import { allDetectors, type Detector } from '../../src/detectors/index.js';
import { PATTERNS_OWNED_BY_ISSUE_11_REWRITE } from '../patterns/owned-by-issue-11-rewrite.js';

/** Detectors built on the patterns issue 11 rewrites. */
export const DETECTORS_OWNED_BY_ISSUE_11_REWRITE = ['constraint-violation', 'out-of-scope-change', 'unsupported-success-claim', 'premature-termination'];

/** True while flagged patterns of the rewrite remain. */
export const ISSUE_11_REWRITE_PENDING = PATTERNS_OWNED_BY_ISSUE_11_REWRITE.length > 0;

/** The detectors the adversarial suite runs on every hostile text now. */
export const DETECTORS_SAFE_ON_HOSTILE_TEXT: readonly Detector<object>[] = ISSUE_11_REWRITE_PENDING
  ? allDetectors.filter((detector) => !DETECTORS_OWNED_BY_ISSUE_11_REWRITE.includes(detector.id))
  : allDetectors;
