import type { ButtonInteraction, ModalSubmitInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import type { CurationId } from '../custom-id.js';
import { requireCurator } from '../permissions.js';
import { respondWithNote } from '../reply.js';
import { confirmRemove, keepEntry, restoreRevision, undoRemove } from './entry-actions.js';
import { reopenForm, showEditForm, submitEntryForm } from './forms.js';
import { addQueuedPhrasing, choosePhrasingTarget, createFromQueue, dismissQueued } from './queue.js';
import { clearCuratorRole } from './settings.js';
import { cancelImport, confirmImport } from './transfer.js';

const NOT_A_BUTTON_NOTE = "That button isn't one I can use. Try `/faq` instead.";

/** Every curation button. The clicker's permission is checked here, whatever the custom_id says. */
export async function handleCurationButton(interaction: ButtonInteraction, context: BotContext, id: CurationId): Promise<void> {
  if (!(await requireCurator(interaction, context, `button:${id.action}`))) return;
  switch (id.action) {
    case 'edit':
      return showEditForm(interaction, context, id.entryId);
    case 'confirmRemove':
      return confirmRemove(interaction, context, id.entryId, id.revision);
    case 'keep':
      return keepEntry(interaction);
    case 'clearCuratorRole':
      return clearCuratorRole(interaction, context);
    case 'undo':
      return undoRemove(interaction, context, id.entryId, id.revision);
    case 'restore':
      return restoreRevision(interaction, context, id.entryId, id.revision, id.current);
    case 'queueCreate':
      return createFromQueue(interaction, context, id.rowId);
    case 'queuePhrasing':
      return choosePhrasingTarget(interaction, context, id.rowId);
    case 'queuePhrasingTo':
      return addQueuedPhrasing(interaction, context, id.rowId, id.entryId);
    case 'queueDismiss':
      return dismissQueued(interaction, context, id.rowId);
    case 'importConfirm':
      return confirmImport(interaction, context, id.importId);
    case 'importCancel':
      return cancelImport(interaction, context, id.importId);
    case 'retryForm':
      return reopenForm(interaction, context, id.draftId);
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
