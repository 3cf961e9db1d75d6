import type { AnswerEngine } from '../search/engine.js';
import type { AskResult } from '../search/results.js';
import { DAY_MS, type OutcomeCounts } from '../store/ask-log.js';
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

/**
 * Records a question asked in a scope (a server id, or "dm"): in the ask log, and when unanswered also in the
 * unanswered queue, in one transaction. Callers do it after replying, and only log a failure.
 */
export function recordQuestion(
  store: Store,
  scopeKey: string,
  question: string,
  result: AskResult,
  askedBy: string | null,
  now = Date.now(),
): void {
  store.db.transaction(() => {
    if (result.status === 'answered') {
      store.askLog.record(scopeKey, { outcome: 'answered', entryId: result.entry?.id }, now);
      return;
    }
    const unansweredId = store.unanswered.record(scopeKey, question, result.status, askedBy, now);
    store.askLog.record(scopeKey, { outcome: result.status, unansweredId }, now);
  })();
}

function startOfUtcDay(time: number): number {
  return Math.floor(time / DAY_MS) * DAY_MS;
}

function shareOf(counts: OutcomeCounts, asked: number): OutcomeCounts {
  const share = (count: number) => (asked === 0 ? 0 : count / asked);
  return { answered: share(counts.answered), unsure: share(counts.unsure), outOfScope: share(counts.outOfScope) };
}

/** A server's questions over the last 7 and 30 UTC days (today included), from the ask log, the votes and the queue. */
export function serverStats(store: Store, engine: StatsEngine, guildId: string, now = Date.now()): ServerStats {
  const today = startOfUtcDay(now);
  const until = today + DAY_MS;
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

  const windows = STATS_WINDOWS_DAYS.map((days): WindowStats => {
    const since = today - (days - 1) * DAY_MS;
    const counts = store.askLog.outcomes(guildId, since, until);
    const asked = counts.answered + counts.unsure + counts.outOfScope;
    return {
      days,
      since,
      asked,
      counts,
      shares: shareOf(counts, asked),
      mostAsked: store.askLog
        .mostAsked(guildId, since, until, STATS_LIST_LENGTH)
        .map(({ entryId, count }) => ({ entryId, question: question(entryId) ?? null, count })),
      mostHelpful: withQuestions(store.votes.mostHelpfulSince(guildId, since, STATS_LIST_LENGTH * 2)),
      leastHelpful: withQuestions(store.votes.leastHelpfulSince(guildId, since, STATS_LIST_LENGTH * 2)),
      unanswered: unansweredGroups(store, engine, guildId, since, until),
    };
  });

  const longest = Math.max(...STATS_WINDOWS_DAYS);
  const since = today - (longest - 1) * DAY_MS;
  const byDay = new Map(store.askLog.daily(guildId, since, until).map((row) => [row.day, row]));
  const daily = Array.from({ length: longest }, (_, day): DayStats => {
    const row = byDay.get(day);
    return {
      day: new Date(since + day * DAY_MS).toISOString().slice(0, 10),
      answered: row?.answered ?? 0,
      unsure: row?.unsure ?? 0,
      outOfScope: row?.outOfScope ?? 0,
    };
  });
  return { windows, daily };
}

/** The open unanswered questions asked in the window, grouped by similar wording, most asked in the window first. */
function unansweredGroups(store: Store, engine: StatsEngine, guildId: string, since: number, until: number): UnansweredStat[] {
  const questions: UnansweredQuestion[] = store.askLog.unansweredAsks(guildId, since, until, UNANSWERED_SCAN).flatMap(({ id, count }) => {
    const row = store.unanswered.get(guildId, id);
    // A dismissed question, or one a curator answered, is handled: /faq unanswered no longer shows it either.
    return row && !row.resolution ? [{ ...row, askCount: count }] : [];
  });
  return groupUnanswered(questions, (text) => engine.questionTerms(text))
    .slice(0, STATS_LIST_LENGTH)
    .map((group) => ({ question: group.question, wordings: group.wordings.length, askCount: group.askCount }));
}
