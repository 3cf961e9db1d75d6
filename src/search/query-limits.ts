/** What the engine accepts as a question. */
export const QUERY_LIMITS = {
  maxChars: 300,
} as const;

export class QueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueryError';
  }
}

// Control characters other than tab and newlines: a sign of binary input.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/u;

/** Checks a question as typed and returns it trimmed, or throws a QueryError a person can act on. */
export function validateQuery(text: unknown): string {
  if (typeof text !== 'string') throw new QueryError('The question must be text.');
  const trimmed = text.trim();
  if (trimmed === '') throw new QueryError('The question is empty. Ask something like "Does Netflix use Apache Spark?"');
  if (trimmed.length > QUERY_LIMITS.maxChars) {
    throw new QueryError(`The question is ${trimmed.length} characters long; please keep it under ${QUERY_LIMITS.maxChars}.`);
  }
  if (CONTROL.test(trimmed)) throw new QueryError('The question contains binary or control characters; please type it as plain text.');
  if (!/[\p{L}\p{N}]/u.test(trimmed)) {
    throw new QueryError('The question has no words in it. Ask something like "Which database does Discord use?"');
  }
  return trimmed;
}
