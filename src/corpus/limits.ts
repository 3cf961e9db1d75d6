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
} as const;
