import type { Entry } from '../corpus/types.js';

type AnswerStatus = 'answered' | 'unsure' | 'out_of_scope';

export interface EntrySummary {
  id: string;
  question: string;
}

/** Why the engine decided as it did; useful in logs and for the unanswered queue. */
export type AnswerReason =
  | 'matched' // one entry fits clearly
  | 'ambiguous' // several fit about as well
  | 'weak' // the best fit is poor
  | 'no_record' // the company and technology are known, but no fact links them
  | 'consumer' // a consumer question (prices, plans, VPNs), not a tech-stack one
  | 'off_topic' // a how-to, account, outage or promotion question
  | 'people' // about the people at a company, not its technology
  | 'no_match'; // nothing relevant

export interface AskResult {
  status: AnswerStatus;
  reason: AnswerReason;
  entry: Entry | null;
  /** 0..1: how sure the engine is that `entry` (or the best alternative) answers the question. */
  confidence: number;
  /** The closest entries when not answered, best first. */
  alternatives: EntrySummary[];
  /** Related questions for the answered entry. */
  related: EntrySummary[];
  /** A sentence to show when not answered ("No record of Netflix using Rust…"). */
  notice?: string;
}

export function summarize(entry: Entry): EntrySummary {
  return { id: entry.id, question: entry.question };
}
