/**
 * What a failed store write means for the person waiting on it. "transient": worth trying again in a
 * moment (the database is busy, the disk is full or hiccuped). "lasting": it will keep failing until
 * someone fixes the store (read-only, damaged, gone). Anything else is not a store fault but a bug.
 */
export type WriteFault = 'transient' | 'lasting';

const TRANSIENT_CODES = /^SQLITE_(BUSY|LOCKED|FULL|IOERR|NOMEM|INTERRUPT|PROTOCOL)/;
const LASTING_CODES = /^SQLITE_(READONLY|CANTOPEN|CORRUPT|NOTADB|PERM|AUTH)/;

export function writeFault(error: unknown): WriteFault | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code !== 'string') return undefined;
  if (TRANSIENT_CODES.test(code)) return 'transient';
  return LASTING_CODES.test(code) ? 'lasting' : undefined;
}
