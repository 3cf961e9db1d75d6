import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serverStats, serverStatsSteps } from '../../src/curation/stats.js';
import type { AnswerEngine } from '../../src/search/engine.js';
import { DAY_MS } from '../../src/store/ask-log.js';
import type { Store } from '../../src/store/index.js';
import { type CurationFixture, curationFixture } from '../helpers/curation.js';

const A = 'guild-a';
const B = 'guild-b';
const NOW = Date.UTC(2026, 11, 4, 12);
const daysAgo = (days: number) => NOW - days * DAY_MS;

let fixture: CurationFixture;
let store: Store;
let engine: AnswerEngine;
beforeEach(async () => {
  fixture = await curationFixture();
  ({ store, engine } = fixture);
});
afterEach(async () => {
  await fixture.cleanup();
});

/** Asks, and records the question as /ask does. */
async function ask(guildId: string, question: string, days: number) {
  const result = engine.ask(question, { guildId });
  const outcome = result.status === 'answered' ? 'answered' : result.status;
  const entryId = result.status === 'answered' ? result.entry?.id : undefined;
  await store.records.write({
    kind: 'question',
    guildId,
    question,
    outcome,
    ...(entryId ? { entryId } : {}),
    askedBy: 'ana',
    at: daysAgo(days),
  });
  return result;
}

describe('serverStats', () => {
  it('counts each window, lists entries by their question, and keeps servers apart', async () => {
    expect((await ask(A, 'Does Netflix use Apache Spark?', 0)).status).toBe('answered');
    await ask(A, 'Does Netflix use Apache Spark?', 1);
    await ask(A, 'Which database does Netflix use?', 12);
    expect((await ask(A, 'how much is a netflix plan', 2)).status).toBe('out_of_scope');
    expect((await ask(A, 'Does Netflix use Zig?', 3)).status).not.toBe('answered');
    await ask(A, 'does netflix use zig', 20);
    await ask(B, 'Which database does Netflix use?', 0);
    store.votes.toggle(A, 'netflix-uses-apache-spark', 'u1', 1, daysAgo(1));
    store.votes.toggle(A, 'netflix-database', 'u1', -1, daysAgo(15));

    const stats = serverStats(store, engine, A, NOW);
    const [week, month] = stats.windows;
    expect(week).toMatchObject({ days: 7, asked: 4, counts: { answered: 2 } });
    expect(week!.counts.unsure + week!.counts.outOfScope).toBe(2);
    expect(week!.shares.answered).toBe(0.5);
    expect(week!.mostAsked).toEqual([{ entryId: 'netflix-uses-apache-spark', question: 'Does Netflix use Apache Spark?', count: 2 }]);
    expect(week!.mostHelpful.map((row) => row.question)).toEqual(['Does Netflix use Apache Spark?']);
    expect(week!.leastHelpful).toEqual([]);
    expect(week!.unanswered.map((group) => group.askCount)).toEqual([1, 1]);

    expect(month).toMatchObject({ days: 30, asked: 6, counts: { answered: 3 } });
    expect(month!.leastHelpful).toEqual([
      { entryId: 'netflix-database', question: 'Which database does Netflix use?', helpful: 0, notHelpful: 1 },
    ]);
    // The two wordings of the Zig question are one queue row, asked twice in 30 days.
    expect(month!.unanswered[0]).toEqual({ question: 'Does Netflix use Zig?', wordings: 1, askCount: 2 });

    expect(stats.daily).toHaveLength(30);
    expect(stats.daily.at(-1)).toEqual({ day: '2026-12-04', answered: 1, unsure: 0, outOfScope: 0 });
    expect(stats.daily[0]!.day).toBe('2026-11-05');
    const total = stats.daily.reduce((sum, day) => sum + day.answered + day.unsure + day.outOfScope, 0);
    expect(total).toBe(month!.asked);

    const other = serverStats(store, engine, B, NOW);
    expect(other.windows[1]).toMatchObject({ asked: 1, counts: { answered: 1, unsure: 0, outOfScope: 0 } });
    expect(other.windows[1]!.unanswered).toEqual([]);
    expect(other.windows[1]!.mostHelpful).toEqual([]);
  });

  it('leaves out a handled unanswered question, and keeps a removed entry by its id', async () => {
    await ask(A, 'Does Netflix use Zig?', 0);
    const [row] = store.unanswered.list(A);
    store.unanswered.resolve(A, [row!.id], 'dismissed');
    store.askLog.record(A, { outcome: 'answered', entryId: 'gone-entry' }, daysAgo(0));
    const [week] = serverStats(store, engine, A, NOW).windows;
    expect(week!.unanswered).toEqual([]);
    expect(week!.mostAsked).toEqual([{ entryId: 'gone-entry', question: null, count: 1 }]);
  });

  it('puts a question at the very start of the 7 days in them, and one a millisecond earlier in the 30 days only', () => {
    const weekStart = Date.UTC(2026, 11, 4) - 6 * DAY_MS;
    store.askLog.record(A, { outcome: 'answered', entryId: 'netflix-database' }, weekStart);
    store.askLog.record(A, { outcome: 'unsure' }, weekStart - 1);
    store.askLog.record(A, { outcome: 'out_of_scope' }, Date.UTC(2026, 11, 4) - 29 * DAY_MS);
    store.askLog.record(A, { outcome: 'out_of_scope' }, Date.UTC(2026, 11, 4) - 29 * DAY_MS - 1);
    const { windows, daily } = serverStats(store, engine, A, NOW);
    expect(windows.map((window) => window.counts)).toEqual([
      { answered: 1, unsure: 0, outOfScope: 0 },
      { answered: 1, unsure: 1, outOfScope: 1 },
    ]);
    expect(daily.find((day) => day.day === '2026-11-28')).toEqual({ day: '2026-11-28', answered: 1, unsure: 0, outOfScope: 0 });
    expect(daily.find((day) => day.day === '2026-11-27')).toEqual({ day: '2026-11-27', answered: 0, unsure: 1, outOfScope: 0 });
    expect(daily[0]).toEqual({ day: '2026-11-05', answered: 0, unsure: 0, outOfScope: 1 });
  });

  it('reads a busy window as many short steps, with the same result as at once', () => {
    // Every 5 hours back to 29 days ago: all inside the 30-day window (it starts 29.5 days before NOW).
    for (let hour = 0; hour < 29 * 24; hour += 5) {
      store.askLog.record(A, { outcome: hour % 2 ? 'answered' : 'unsure', entryId: 'netflix-database' }, NOW - hour * 3_600_000);
    }
    const steps = serverStatsSteps(store, engine, A, NOW);
    let count = 0;
    let step = steps.next();
    while (!step.done && count < 10_000) {
      count++;
      step = steps.next();
    }
    expect(step.done).toBe(true);
    // One step per hour that has questions, at least.
    expect(count).toBeGreaterThan(100);
    expect(step.value).toEqual(serverStats(store, engine, A, NOW));
    expect(step.value!.windows[1]!.asked).toBe(140);
  });

  it('with nothing asked, shares are zero and every day is empty', () => {
    const stats = serverStats(store, engine, A, NOW);
    expect(stats.windows.map((window) => window.shares)).toEqual([
      { answered: 0, unsure: 0, outOfScope: 0 },
      { answered: 0, unsure: 0, outOfScope: 0 },
    ]);
    expect(stats.daily.every((day) => day.answered + day.unsure + day.outOfScope === 0)).toBe(true);
  });
});
