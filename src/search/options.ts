import type { IndexOptions } from './entry-index.js';
import { ENGLISH_STOP_WORDS } from './stopwords.js';

export interface EngineOptions extends IndexOptions {
  /** Confidence at or above which the best entry is given as the answer. */
  answerThreshold: number;
  /** Confidence below which, with no company or technology recognised, a question is out of scope. */
  unsureThreshold: number;
  /** How far ahead of the runner-up the best entry must be, unless it matches the question's intent. */
  minMargin: number;
  /** Added to the entry that answers the question's structured intent exactly. */
  intentBonus: number;
  candidates: number;
  alternatives: number;
  related: number;
  suggestions: number;
  /** 0..1: how much confidence counts the share of the entry's own question found in the query. */
  reverseWeight: number;
  /** 0..1: how much the ranking follows question coverage rather than the full-text score. */
  coverageWeight: number;
  /** Words ignored when matching, besides the corpus's question chatter (corpus/words.yaml). */
  stopWords: ReadonlySet<string>;
  /** The year derived answers are written in, to mark dated facts; the clock's year unless set. */
  currentYear?: number;
}

/** The engine's defaults, tuned on the eval set and the StackFAQ dev split. */
export const ENGINE_DEFAULTS: EngineOptions = {
  boost: { question: 3, phrasings: 2, tags: 1.5, answer: 0.4 },
  fuzzy: 0.2,
  bm25: { k: 1.2, b: 0.9, d: 0.5 },
  answerThreshold: 0.7,
  unsureThreshold: 0.35,
  minMargin: 0.08,
  intentBonus: 0.2,
  candidates: 20,
  alternatives: 4,
  related: 4,
  suggestions: 25,
  coverageWeight: 0.7,
  reverseWeight: 0.3,
  stopWords: ENGLISH_STOP_WORDS,
};

/** The options an engine runs with: the defaults, these, and the year fixed (a snapshot's key includes it). */
export function engineOptions(options: Partial<EngineOptions> = {}): EngineOptions {
  return { ...ENGINE_DEFAULTS, ...options, currentYear: options.currentYear ?? new Date().getUTCFullYear() };
}
