import type { ButtonInteraction, ModalSubmitInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import { requireCurator } from '../permissions.js';
import { respondWithNote } from '../reply.js';
import type { CurationId } from './custom-ids.js';
import { confirmRemove, keepEntry, restoreRevision, undoRemove } from './entry-actions.js';
import { showEditForm, submitEntryForm } from './forms.js';
import { addQueuedPhrasing, choosePhrasingTarget, createFromQueue, dismissQueued } from './queue.js';
import { cancelImport, confirmImport } from './transfer.js';

const NOT_A_BUTTON_NOTE = "That button isn't one I can use. Try `/faq` instead.";

/** Every curation button. The clicker's permission is checked here, whatever the custom_id says. */
export async function handleCurationButton(interaction: ButtonInteraction, context: BotContext, id: CurationId): Promise<void> {
  if (!(await requireCurator(interaction, context, `button:${id.action}`))) return;
  const [first = 0, second = 0] = id.numbers;
  switch (id.action) {
    case 'edit':
      return showEditForm(interaction, context, id.id!);
    case 'confirmRemove':
      return confirmRemove(interaction, context, id.id!, first);
    case 'keep':
      return keepEntry(interaction);
    case 'undo':
      return undoRemove(interaction, context, id.id!, first);
    case 'restore':
      return restoreRevision(interaction, context, id.id!, first, second);
    case 'queueCreate':
      return createFromQueue(interaction, context, first);
    case 'queuePhrasing':
      return choosePhrasingTarget(interaction, context, first);
    case 'queuePhrasingTo':
      return addQueuedPhrasing(interaction, context, first, id.id!);
    case 'queueDismiss':
      return dismissQueued(interaction, context, first);
    case 'importConfirm':
      return confirmImport(interaction, context, id.id!);
    case 'importCancel':
      return cancelImport(interaction, context, id.id!);
    case 'addModal':
    case 'editModal':
      return respondWithNote(interaction, NOT_A_BUTTON_NOTE);
  }
}

/** Every curation modal submit, checked like a button: a modal can be forged too. */
export async function handleCurationModal(interaction: ModalSubmitInteraction, context: BotContext, id: CurationId): Promise<void> {
  if (!(await requireCurator(interaction, context, `modal:${id.action}`))) return;
  if (id.action !== 'addModal' && id.action !== 'editModal')
    return respondWithNote(interaction, "That form isn't one I can use. Try `/faq` instead.");
  await submitEntryForm(interaction, context, id);
}
