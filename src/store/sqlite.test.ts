import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runStoreContract } from '../../test/support/store-contract.js';
import { SQLITE_MIGRATIONS } from './sqlite-schema.js';
import { SqliteStore } from './sqlite.js';
import type { WinkStore } from './types.js';

const directories = new Map<WinkStore, string>();

runStoreContract('sqlite (file)', {
  async create() {
    const directory = mkdtempSync(join(tmpdir(), 'wink-store-'));
    const store = new SqliteStore({ file: join(directory, 'nested', 'wink.db') });
    directories.set(store, directory);
    return store;
  },
  async destroy(store) {
    await store.close();
    rmSync(directories.get(store) as string, { recursive: true, force: true });
  },
});

runStoreContract('sqlite (memory)', { create: async () => new SqliteStore({ file: ':memory:' }) });

describe('SqliteStore specifics', () => {
  it('uses WAL mode, records the schema version, and reopens an existing file without migrating again', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'wink-store-'));
    const file = join(directory, 'wink.db');
    const first = new SqliteStore({ file });
    await first.withSession('s', async (access) => access.saveSession({ id: 's', agent: 'codex', mode: 'shadow', stepCount: 3, transcriptOffset: 10 }));
    await first.close();
    const Database = (await import('better-sqlite3')).default;
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('user_version', { simple: true })).toBe(SQLITE_MIGRATIONS.length);
    raw.close();
    const second = new SqliteStore({ file });
    expect(await second.getSession('s')).toMatchObject({ agent: 'codex', mode: 'shadow', stepCount: 3 });
    await second.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('adds the diagnostic count to a database made before it (migration 4), at 0 for the sessions already there', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'wink-store-'));
    const file = join(directory, 'wink.db');
    const Database = (await import('better-sqlite3')).default;
    const old = new Database(file);
    for (const migration of SQLITE_MIGRATIONS.slice(0, 3)) old.exec(migration);
    old.pragma('user_version = 3');
    old.prepare("INSERT INTO sessions (id, agent, mode, step_count, transcript_offset, updated_at) VALUES ('old', 'codex', 'shadow', 4, 0, '2025-01-01T00:00:00Z')").run();
    old.close();
    const store = new SqliteStore({ file });
    expect(await store.getSession('old')).toMatchObject({ stepCount: 4, diagnosticCount: 0 });
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });
});
