import type { AnswerEngine } from '../search/engine.js';
import { runNow, type Steps } from '../slices.js';
import { type AskOutcome, DAY_MS } from '../store/ask-log.js';
import type { Store } from '../store/index.js';
import type { UnansweredQuestion } from '../store/unanswered.js';
import { groupUnanswered } from './unanswered-groups.js';

/** What /faq stats shows: questions asked, counted per server. Knows nothing of Discord. */

/** The windows /faq stats reports, in days, shortest first; the chart covers the last one. */
export const STATS_WINDOWS_DAYS = [7, 30] as const;
/** Entries (and unanswered groups) listed per window. */
const STATS_LIST_LENGTH = 5;
/** Unanswered-queue rows read per window to group: the most asked ones. */
const UNANSWERED_SCAN = 200;
/** The ask log is read this much time at a time: a whole number of pages per day. */
const ASK_LOG_PAGE_MS = 3_600_000;

interface OutcomeCounts {
  answered: number;
  unsure: number;
  outOfScope: number;
}

interface EntryCount {
  entryId: string;
  /** The entry's question, or null when this server no longer has the entry. */
  question: string | null;
  count: number;
}

interface EntryVotes {
  entryId: string;
  question: string;
  helpful: number;
  notHelpful: number;
}

interface UnansweredStat {
  /** The most asked wording of the group. */
  question: string;
  wordings: number;
  /** Times asked in the window. */
  askCount: number;
}

export interface WindowStats {
  days: number;
  /** The window's first moment: the start of a UTC day. */
  since: number;
  asked: number;
  counts: OutcomeCounts;
  /** Each outcome's share of `asked`, 0..1 (all 0 when nothing was asked). */
  shares: OutcomeCounts;
  mostAsked: EntryCount[];
  mostHelpful: EntryVotes[];
  leastHelpful: EntryVotes[];
  unanswered: UnansweredStat[];
}

export interface DayStats extends OutcomeCounts {
  /** The UTC day, "2026-12-04". */
  day: string;
}

export interface ServerStats {
  windows: WindowStats[];
  /** Questions per UTC day over the longest window, oldest first, today last (days with none included). */
  daily: DayStats[];
}

type StatsEngine = Pick<AnswerEngine, 'visibleEntry' | 'questionTerms'>;

function startOfUtcDay(time: number): number {
  return Math.floor(time / DAY_MS) * DAY_MS;
}

function shareOf(counts: OutcomeCounts, asked: number): OutcomeCounts {
  const share = (count: number) => (asked === 0 ? 0 : count / asked);
  return { answered: share(counts.answered), unsure: share(counts.unsure), outOfScope: share(counts.outOfScope) };
}

const OUTCOME_KEYS = { answered: 'answered', unsure: 'unsure', out_of_scope: 'outOfScope' } as const satisfies Record<
  AskOutcome,
  keyof OutcomeCounts
>;

function add<K>(counts: Map<K, number>, key: K, count: number): void {
  counts.set(key, (counts.get(key) ?? 0) + count);
}

/** The keys counted most, most first (ties in key order, so the list is stable). */
function mostCounted<K extends string | number>(counts: ReadonlyMap<K, number>, limit: number): [K, number][] {
  return [...counts].sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0)).slice(0, limit);
}

/** A server's questions over the last 7 and 30 UTC days (today included), from the ask log, the votes and the queue. */
export function serverStats(store: Store, engine: StatsEngine, guildId: string, now = Date.now()): ServerStats {
  return runNow(serverStatsSteps(store, engine, guildId, now));
}

/**
 * The same, as steps (see src/slices.ts): the ask log is read an hour at a time, skipping empty stretches, so a
 * server that asks thousands of questions a day never holds the event loop for one whole window.
 */
export function* serverStatsSteps(store: Store, engine: StatsEngine, guildId: string, now = Date.now()): Steps<ServerStats> {
  const today = startOfUtcDay(now);
  const until = today + DAY_MS;
  const longest = Math.max(...STATS_WINDOWS_DAYS);
  const start = today - (longest - 1) * DAY_MS;
  const windowStarts = STATS_WINDOWS_DAYS.map((days) => today - (days - 1) * DAY_MS);
  const perDay: OutcomeCounts[] = Array.from({ length: longest }, () => ({ answered: 0, unsure: 0, outOfScope: 0 }));
  const entryCounts = windowStarts.map(() => new Map<string, number>());
  const unansweredCounts = windowStarts.map(() => new Map<number, number>());

  for (let from = start; from < until; ) {
    const next = store.askLog.nextAskedAt(guildId, from, until);
    if (next === undefined) break;
    // Pages are whole hours from the window's start, so each falls in one day and wholly inside or outside each window.
    const pageStart = start + Math.floor((next - start) / ASK_LOG_PAGE_MS) * ASK_LOG_PAGE_MS;
    const pageEnd = Math.min(pageStart + ASK_LOG_PAGE_MS, until);
    const day = perDay[Math.floor((pageStart - start) / DAY_MS)]!;
    const inWindows = windowStarts.map((since) => pageStart >= since);
    for (const row of store.askLog.tally(guildId, pageStart, pageEnd)) {
      day[OUTCOME_KEYS[row.outcome]] += row.count;
      inWindows.forEach((inWindow, index) => {
        if (!inWindow) return;
        if (row.entryId !== null) add(entryCounts[index]!, row.entryId, row.count);
        if (row.unansweredId !== null) add(unansweredCounts[index]!, row.unansweredId, row.count);
      });
    }
    from = pageEnd;
    yield;
  }

  const scope = { guildId };
  const question = (entryId: string) => engine.visibleEntry(entryId, scope)?.question;
  // Votes on entries this server no longer has are left out; fetch more so the list still fills.
  const withQuestions = (rows: { entryId: string; helpful: number; notHelpful: number }[]): EntryVotes[] =>
    rows
      .flatMap((row) => {
        const text = question(row.entryId);
        return text ? [{ ...row, question: text }] : [];
      })
      .slice(0, STATS_LIST_LENGTH);

  const windows: WindowStats[] = [];
  for (const [index, days] of STATS_WINDOWS_DAYS.entries()) {
    const since = windowStarts[index]!;
    const counts = { answered: 0, unsure: 0, outOfScope: 0 };
    for (const day of perDay.slice(longest - days)) {
      counts.answered += day.answered;
      counts.unsure += day.unsure;
      counts.outOfScope += day.outOfScope;
    }
    const asked = counts.answered + counts.unsure + counts.outOfScope;
    const mostHelpful = withQuestions(store.votes.mostHelpfulSince(guildId, since, STATS_LIST_LENGTH * 2));
    yield;
    const leastHelpful = withQuestions(store.votes.leastHelpfulSince(guildId, since, STATS_LIST_LENGTH * 2));
    yield;
    windows.push({
      days,
      since,
      asked,
      counts,
      shares: shareOf(counts, asked),
      mostAsked: mostCounted(entryCounts[index]!, STATS_LIST_LENGTH).map(([entryId, count]) => ({
        entryId,
        question: question(entryId) ?? null,
        count,
      })),
      mostHelpful,
      leastHelpful,
      unanswered: yield* unansweredGroups(store, engine, guildId, unansweredCounts[index]!),
    });
  }

  const daily = perDay.map((counts, index): DayStats => ({ day: new Date(start + index * DAY_MS).toISOString().slice(0, 10), ...counts }));
  return { windows, daily };
}

/** The open unanswered questions asked in a window, grouped by similar wording, most asked in the window first. */
function* unansweredGroups(
  store: Store,
  engine: StatsEngine,
  guildId: string,
  counts: ReadonlyMap<number, number>,
): Steps<UnansweredStat[]> {
  const questions: UnansweredQuestion[] = [];
  for (const [id, count] of mostCounted(counts, UNANSWERED_SCAN)) {
    const row = store.unanswered.get(guildId, id);
    // A dismissed question, or one a curator answered, is handled: /faq unanswered no longer shows it either.
    if (row && !row.resolution) questions.push({ ...row, askCount: count });
    yield;
  }
  return groupUnanswered(questions, (text) => engine.questionTerms(text))
    .slice(0, STATS_LIST_LENGTH)
    .map((group) => ({ question: group.question, wordings: group.wordings.length, askCount: group.askCount }));
}
