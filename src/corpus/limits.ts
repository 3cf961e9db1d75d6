/**
 * Limits a corpus entry must respect. They are Discord's embed limits, because
 * every entry is shown as an embed: the question is the title, the answer the description.
 */
export const ENTRY_LIMITS = {
  /** Discord: embed title. */
  questionMaxChars: 256,
  /** Discord: embed description. */
  answerMaxChars: 4096,
  /** Facts a company needs before it counts as covered. */
  minFactsPerCompany: 8,
  /** Distinct categories those facts must span, so a stack answer is more than one list. */
  minCategoriesPerCompany: 4,
  /** A URL cited by more facts than this is a blog index or front page, not the page stating each fact. */
  maxFactsPerSource: 6,
  /** A fact whose as-of year is this many years before today is shown as possibly out of date. */
  staleAfterYears: 3,
} as const;
