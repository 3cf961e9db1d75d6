import { randomBytes } from 'node:crypto';
import type { Interaction } from 'discord.js';
import { ENGLISH, type MessageKey, type Translator, translatorFor } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import { writeFault } from '../store/faults.js';
import { respondWithNote } from './reply.js';

/** A short reference a user can quote and we can find in the log. */
function errorRef(): string {
  return randomBytes(4).toString('hex');
}

/**
 * The one place an unexpected error becomes a user-facing reply: "Something went wrong (ref …)",
 * ephemeral, while the log gets the error with the same ref. No stack trace reaches Discord.
 */
export async function replyWithError(interaction: Interaction, error: unknown, logger: Logger): Promise<string> {
  const ref = errorRef();
  logger.error({ ref, err: error }, 'interaction failed');
  if (!interaction.isRepliable()) return ref;
  try {
    await respondWithNote(interaction, translatorFor(interaction)('error.generic', { ref }));
  } catch (replyError) {
    logger.warn({ ref, err: replyError }, 'could not tell the user about the error');
  }
  return ref;
}

/**
 * What to tell someone whose change the store refused, logged with a ref: "try again" only when that
 * may help (busy, a full disk). Undefined, with nothing logged, for an error that is no store fault:
 * the caller rethrows it, and it gets "Something went wrong" as the bug it is.
 */
export function storeFaultNote(
  error: unknown,
  logger: Logger,
  log: { msg: string } & Record<string, unknown>,
  /** What could not be done, as a catalog phrase ("record your vote"), in the reader's language `tr`. */
  couldNot: MessageKey,
  tr: Translator = ENGLISH,
): string | undefined {
  const fault = writeFault(error);
  if (!fault) return undefined;
  const ref = errorRef();
  const { msg, ...fields } = log;
  logger.warn({ ref, fault, err: error, ...fields }, msg);
  const action = tr(couldNot);
  return fault === 'transient' ? tr('error.storeTransient', { action, ref }) : tr('error.storeRefusing', { action, ref });
}
