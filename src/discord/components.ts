import type { ButtonInteraction, ModalSubmitInteraction } from 'discord.js';
import { handleButton } from './buttons.js';
import type { BotContext } from './context.js';
import { handleCurationButton, handleCurationModal } from './curation/dispatch.js';
import { decodeCustomId, isAnswerButton } from './custom-id.js';
import { respondWithNote } from './reply.js';

const FORGED_BUTTON_NOTE = "That button isn't one I can use. Try `/ask` or `/faq` instead.";
const FORGED_FORM_NOTE = "That form isn't one I can use. Try `/faq add` instead.";

/** Buttons: answer ones (related, post, votes) to their handler, curation ones to theirs. */
export async function routeButton(interaction: ButtonInteraction, context: BotContext): Promise<void> {
  const id = decodeCustomId(interaction.customId);
  if (id && isAnswerButton(id)) return handleButton(interaction, context, id);
  if (id) return handleCurationButton(interaction, context, id);
  context.logger.warn({ customId: interaction.customId.slice(0, 100) }, 'refused a malformed or forged button');
  await respondWithNote(interaction, FORGED_BUTTON_NOTE);
}

export async function routeModal(interaction: ModalSubmitInteraction, context: BotContext): Promise<void> {
  const id = decodeCustomId(interaction.customId);
  if (id && !isAnswerButton(id)) return handleCurationModal(interaction, context, id);
  context.logger.warn({ customId: interaction.customId.slice(0, 100) }, 'refused a malformed or forged modal');
  await respondWithNote(interaction, FORGED_FORM_NOTE);
}
