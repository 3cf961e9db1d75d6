/** What the engine accepts as a question. */
export const QUERY_LIMITS = {
  maxChars: 300,
} as const;

/** Why a question was refused, for callers that word the refusal themselves (e.g. in the reader's language). */
export type QueryErrorCode = 'not_text' | 'empty' | 'too_long' | 'control' | 'no_words';

export class QueryError extends Error {
  constructor(
    message: string,
    readonly code: QueryErrorCode,
    /** The numbers the message names, e.g. a length and the limit. */
    readonly params: Readonly<Record<string, number>> = {},
  ) {
    super(message);
    this.name = 'QueryError';
  }
}

// Control characters other than tab and newlines: a sign of binary input.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/u;

/** Checks a question as typed and returns it trimmed, or throws a QueryError a person can act on. */
export function validateQuery(text: unknown): string {
  if (typeof text !== 'string') throw new QueryError('The question must be text.', 'not_text');
  const trimmed = text.trim();
  if (trimmed === '') throw new QueryError('The question is empty. Ask something like "Does Netflix use Apache Spark?"', 'empty');
  if (trimmed.length > QUERY_LIMITS.maxChars) {
    throw new QueryError(`The question is ${trimmed.length} characters long; please keep it under ${QUERY_LIMITS.maxChars}.`, 'too_long', {
      length: trimmed.length,
      max: QUERY_LIMITS.maxChars,
    });
  }
  if (CONTROL.test(trimmed))
    throw new QueryError('The question contains binary or control characters; please type it as plain text.', 'control');
  if (!/[\p{L}\p{N}]/u.test(trimmed)) {
    throw new QueryError('The question has no words in it. Ask something like "Which database does Discord use?"', 'no_words');
  }
  return trimmed;
}
