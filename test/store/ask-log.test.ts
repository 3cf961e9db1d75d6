import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STATS_WINDOWS_DAYS } from '../../src/curation/stats.js';
import { ASK_LOG_RETENTION_MS, DAY_MS } from '../../src/store/ask-log.js';
import { Store } from '../../src/store/index.js';

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'stackwise-ask-log-'));
  store = Store.open(dir);
});
afterEach(async () => {
  store.close();
  await rm(dir, { recursive: true, force: true });
});

/** Noon, UTC, so "days ago" stays inside whole days. */
const NOW = Date.UTC(2026, 11, 4, 12);
const daysAgo = (days: number) => NOW - days * DAY_MS;
const since = (days: number) => Date.UTC(2026, 11, 4) - (days - 1) * DAY_MS;
const until = Date.UTC(2026, 11, 5);

describe('the ask log', () => {
  it('tallies a range by outcome and entry or queue row: a question 10 days old is in the 30 days, not the 7', () => {
    store.askLog.record('g1', { outcome: 'answered', entryId: 'e1' }, daysAgo(0));
    store.askLog.record('g1', { outcome: 'answered', entryId: 'e1' }, daysAgo(2));
    store.askLog.record('g1', { outcome: 'unsure', unansweredId: 1 }, daysAgo(6));
    store.askLog.record('g1', { outcome: 'out_of_scope', unansweredId: 2 }, daysAgo(10));
    store.askLog.record('g1', { outcome: 'answered', entryId: 'e2' }, daysAgo(29));
    // Outside both windows, and another server's.
    store.askLog.record('g1', { outcome: 'answered', entryId: 'e1' }, daysAgo(31));
    store.askLog.record('g2', { outcome: 'answered', entryId: 'e1' }, daysAgo(1));
    const tally = (guildId: string, days: number) =>
      store.askLog.tally(guildId, since(days), until).sort((a, b) => `${a.outcome}${a.entryId}`.localeCompare(`${b.outcome}${b.entryId}`));

    expect(tally('g1', 7)).toEqual([
      { outcome: 'answered', entryId: 'e1', unansweredId: null, count: 2 },
      { outcome: 'unsure', entryId: null, unansweredId: 1, count: 1 },
    ]);
    expect(tally('g1', 30)).toEqual([
      { outcome: 'answered', entryId: 'e1', unansweredId: null, count: 2 },
      { outcome: 'answered', entryId: 'e2', unansweredId: null, count: 1 },
      { outcome: 'out_of_scope', entryId: null, unansweredId: 2, count: 1 },
      { outcome: 'unsure', entryId: null, unansweredId: 1, count: 1 },
    ]);
    expect(tally('g2', 30)).toEqual([{ outcome: 'answered', entryId: 'e1', unansweredId: null, count: 1 }]);
    expect(tally('g3', 30)).toEqual([]);
  });

  it('finds the next question asked in a range, to skip the empty stretches', () => {
    store.askLog.record('g1', { outcome: 'answered', entryId: 'e1' }, daysAgo(20));
    store.askLog.record('g1', { outcome: 'unsure' }, daysAgo(3));
    store.askLog.record('g2', { outcome: 'unsure' }, daysAgo(25));
    expect(store.askLog.nextAskedAt('g1', since(30), until)).toBe(daysAgo(20));
    expect(store.askLog.nextAskedAt('g1', daysAgo(20) + 1, until)).toBe(daysAgo(3));
    expect(store.askLog.nextAskedAt('g1', daysAgo(3) + 1, until)).toBeUndefined();
    expect(store.askLog.nextAskedAt('g1', since(30), daysAgo(20))).toBeUndefined();
  });

  it('keeps an entry id only for answered questions, and a queue row only for unanswered ones', () => {
    store.askLog.record('g1', { outcome: 'unsure', entryId: 'e1', unansweredId: 3 }, NOW);
    store.askLog.record('g1', { outcome: 'answered', entryId: 'e1', unansweredId: 4 }, NOW);
    const rows = store.db.prepare('SELECT outcome, entry_id AS entryId, unanswered_id AS unansweredId FROM ask_log ORDER BY rowid').all();
    expect(rows).toEqual([
      { outcome: 'unsure', entryId: null, unansweredId: 3 },
      { outcome: 'answered', entryId: 'e1', unansweredId: null },
    ]);
  });

  it('prunes rows past the retention a bounded batch per question, and the retention covers every window', () => {
    expect(Math.max(...STATS_WINDOWS_DAYS) * DAY_MS).toBeLessThan(ASK_LOG_RETENTION_MS);
    const old = NOW - ASK_LOG_RETENTION_MS - DAY_MS;
    const insert = store.db.prepare("INSERT INTO ask_log (guild_id, asked_at, outcome) VALUES (?, ?, 'answered')");
    store.db.transaction(() => {
      for (let index = 0; index < 250; index++) insert.run(index % 2 ? 'g1' : 'g2', old);
    })();
    const count = () => store.db.prepare('SELECT COUNT(*) FROM ask_log').pluck().get() as number;
    store.askLog.record('g1', { outcome: 'answered', entryId: 'e1' }, NOW);
    // One batch of 100 old rows went; the new row stays.
    expect(count()).toBe(151);
    store.askLog.record('g1', { outcome: 'answered', entryId: 'e1' }, NOW);
    store.askLog.record('g1', { outcome: 'answered', entryId: 'e1' }, NOW);
    expect(count()).toBe(3);
    // A row inside the retention is kept.
    store.askLog.record('g1', { outcome: 'answered', entryId: 'e1' }, NOW + ASK_LOG_RETENTION_MS - DAY_MS);
    expect(count()).toBe(4);
  });

  it('reads its ranges from an index', () => {
    const plan = (sql: string) =>
      JSON.stringify(
        store.db
          .prepare(`EXPLAIN QUERY PLAN ${sql}`)
          .all()
          .map((row) => (row as { detail: string }).detail),
      );
    expect(
      plan(
        "SELECT outcome, COUNT(*) FROM ask_log WHERE guild_id = 'g' AND asked_at >= 0 AND asked_at < 1 GROUP BY outcome, entry_id, unanswered_id",
      ),
    ).toMatch(/USING COVERING INDEX ask_log_by_guild/);
    expect(plan("SELECT entry_id FROM votes WHERE guild_id = 'g' AND updated_at >= 0")).toMatch(/votes_by_guild_time/);
  });
});

describe('votes in a window', () => {
  it('ranks entries mostly helpful and at least as much not helpful, from the votes cast since', () => {
    store.votes.toggle('g1', 'good', 'u1', 1, daysAgo(1));
    store.votes.toggle('g1', 'good', 'u2', 1, daysAgo(1));
    store.votes.toggle('g1', 'good', 'u3', -1, daysAgo(1));
    store.votes.toggle('g1', 'fine', 'u1', 1, daysAgo(2));
    store.votes.toggle('g1', 'bad', 'u1', -1, daysAgo(3));
    store.votes.toggle('g1', 'split', 'u1', 1, daysAgo(1));
    store.votes.toggle('g1', 'split', 'u2', -1, daysAgo(1));
    // Cast 20 days ago: in the 30-day window only.
    store.votes.toggle('g1', 'old', 'u1', -1, daysAgo(20));
    store.votes.toggle('g1', 'old', 'u2', -1, daysAgo(20));
    store.votes.toggle('g2', 'good', 'u9', -1, daysAgo(1));

    expect(store.votes.mostHelpfulSince('g1', since(7), 5)).toEqual([
      { entryId: 'good', helpful: 2, notHelpful: 1 },
      { entryId: 'fine', helpful: 1, notHelpful: 0 },
    ]);
    expect(store.votes.leastHelpfulSince('g1', since(7), 5)).toEqual([
      { entryId: 'bad', helpful: 0, notHelpful: 1 },
      { entryId: 'split', helpful: 1, notHelpful: 1 },
    ]);
    expect(store.votes.leastHelpfulSince('g1', since(30), 5)[0]).toEqual({ entryId: 'old', helpful: 0, notHelpful: 2 });
    expect(store.votes.leastHelpfulSince('g2', since(30), 5)).toEqual([{ entryId: 'good', helpful: 0, notHelpful: 1 }]);
  });
});
