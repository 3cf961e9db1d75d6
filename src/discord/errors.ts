import { randomBytes } from 'node:crypto';
import type { Interaction } from 'discord.js';
import type { Logger } from '../logger.js';
import { respondWithNote } from './reply.js';

/** A short reference a user can quote and we can find in the log. */
export function errorRef(): string {
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
    await respondWithNote(interaction, `Something went wrong (ref ${ref}). Please try again in a moment.`);
  } catch (replyError) {
    logger.warn({ ref, err: replyError }, 'could not tell the user about the error');
  }
  return ref;
}
