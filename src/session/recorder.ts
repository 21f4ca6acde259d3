/**
 * Writes what a session observed to a store, off the agent's path: records are buffered and written in one
 * transaction per batch, after the current step's work (`setImmediate`), one batch at a time. A store error
 * is reported and the batch dropped; the session goes on.
 */
import type { FindingRecord, InterventionRecord, RecoveryUpdate, SessionRecord, StepRecord, WinkStore } from '../store/types.js';

export interface RecordBatch {
  steps: StepRecord[];
  findings: FindingRecord[];
  interventions: InterventionRecord[];
  recoveries: RecoveryUpdate[];
}

function emptyBatch(): RecordBatch {
  return { steps: [], findings: [], interventions: [], recoveries: [] };
}

export class SessionRecorder {
  private batch = emptyBatch();
  private writing: Promise<void> = Promise.resolve();
  private scheduled = false;

  constructor(
    private readonly store: () => Promise<WinkStore>,
    private readonly sessionRecord: () => SessionRecord,
    private readonly report: (error: Error, where: string) => void,
  ) {}

  add(records: Partial<RecordBatch>): void {
    this.batch.steps.push(...(records.steps ?? []));
    this.batch.findings.push(...(records.findings ?? []));
    this.batch.interventions.push(...(records.interventions ?? []));
    this.batch.recoveries.push(...(records.recoveries ?? []));
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  /** Writes what is buffered (after any batch being written); never rejects. */
  flush(): Promise<void> {
    const batch = this.batch;
    this.batch = emptyBatch();
    const session = this.sessionRecord();
    this.writing = this.writing.then(async () => {
      try {
        const store = await this.store();
        await store.withSession(session.id, async (access) => {
          await access.addSteps(batch.steps);
          await access.addFindings(batch.findings);
          await access.addInterventions(batch.interventions);
          await access.updateRecoveries(batch.recoveries);
          await access.saveSession(session);
        });
      } catch (error) {
        this.report(error instanceof Error ? error : new Error(String(error)), 'store');
      }
    });
    return this.writing;
  }
}
