import type { ButtonInteraction, ModalSubmitInteraction } from 'discord.js';
import { handleButton } from './buttons.js';
import type { BotContext } from './context.js';
import { decodeCurationId, isCurationCode } from './curation/custom-ids.js';
import { handleCurationButton, handleCurationModal } from './curation/dispatch.js';
import { respondWithNote } from './reply.js';

const FORGED_FORM_NOTE = "That form isn't one I can use. Try `/faq add` instead.";

function codeOf(customId: string): string | undefined {
  return customId.split(':', 2)[1];
}

/** Buttons: curation ones to the curation handlers, answer ones (related, post, votes) to theirs. */
export async function routeButton(interaction: ButtonInteraction, context: BotContext): Promise<void> {
  if (!isCurationCode(codeOf(interaction.customId))) return handleButton(interaction, context);
  const id = decodeCurationId(interaction.customId);
  if (id) return handleCurationButton(interaction, context, id);
  context.logger.warn({ customId: interaction.customId.slice(0, 100) }, 'refused a malformed or forged button');
  await respondWithNote(interaction, "That button isn't one I can use. Try `/faq` instead.");
}

export async function routeModal(interaction: ModalSubmitInteraction, context: BotContext): Promise<void> {
  const id = decodeCurationId(interaction.customId);
  if (id) return handleCurationModal(interaction, context, id);
  context.logger.warn({ customId: interaction.customId.slice(0, 100) }, 'refused a malformed or forged modal');
  await respondWithNote(interaction, FORGED_FORM_NOTE);
}
