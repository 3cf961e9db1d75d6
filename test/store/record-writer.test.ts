import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFault } from '../../src/store/faults.js';
import { Store } from '../../src/store/index.js';
import type { BackgroundRecord } from '../../src/store/record-writer-protocol.js';

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'stackwise-records-'));
  store = Store.open(dir);
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const asked = (question: string, at = 1_700_000_000_000): BackgroundRecord => ({
  kind: 'question',
  guildId: 'g1',
  question,
  outcome: 'unsure',
  askedBy: 'Ada',
  at,
});

describe('RecordWriter', () => {
  it('commits each record from its own thread; the main connection reads it once the write resolves', async () => {
    await store.records.write(asked('Does Netflix use Rust?'));
    const [row] = store.unanswered.list('g1');
    expect([row?.question, row?.askCount, row?.firstAskedAt]).toEqual(['Does Netflix use Rust?', 1, 1_700_000_000_000]);
    expect(store.askLog.tally('g1', 0, Number.MAX_SAFE_INTEGER)).toEqual([
      { outcome: 'unsure', entryId: null, unansweredId: row?.id, count: 1 },
    ]);
  });

  it('logs an answered question with its entry, and files nothing in the unanswered queue', async () => {
    await store.records.write({ ...asked('Does Netflix use Apache Spark?'), outcome: 'answered', entryId: 'netflix-uses-apache-spark' });
    expect(store.unanswered.list('g1')).toEqual([]);
    expect(store.askLog.tally('g1', 0, Number.MAX_SAFE_INTEGER)).toEqual([
      { outcome: 'answered', entryId: 'netflix-uses-apache-spark', unansweredId: null, count: 1 },
    ]);
  });

  it('writes records handed over together, in the order given, and settled() waits for all of them', async () => {
    for (let index = 0; index < 50; index++) void store.records.write(asked(`Question ${index % 10}?`, 1000 + index));
    await store.records.settled();
    const rows = store.unanswered.list('g1');
    expect(rows).toHaveLength(10);
    expect(rows.every((row) => row.askCount === 5)).toBe(true);
    expect(rows.find((row) => row.question === 'Question 9?')?.lastAskedAt).toBe(1049);
  });

  it('fails each write, with SQLite code, while the store refuses changes, and writes again after', async () => {
    await store.refuseWrites(true);
    const failed = await store.records.write(asked('Does Netflix use Rust?')).catch((error: unknown) => error);
    expect(writeFault(failed)).toBe('lasting');
    await store.refuseWrites(false);
    await store.records.write(asked('Does Netflix use Rust?'));
    expect(store.unanswered.list('g1')).toHaveLength(1);
  });

  it('close() waits for the records in flight: none is lost', async () => {
    for (let index = 0; index < 20; index++) void store.records.write(asked(`Question ${index}?`));
    await store.close();
    store = Store.open(dir);
    expect(store.unanswered.list('g1', 100)).toHaveLength(20);
  });
});
