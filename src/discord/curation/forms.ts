import type {
  ButtonInteraction,
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
  ModalSubmitInteraction,
} from 'discord.js';
import type { EntryContent } from '../../corpus/types.js';
import { type CurationResult, revisionOf } from '../../curation/service.js';
import { groupUnanswered } from '../../curation/unanswered-groups.js';
import { translatorFor } from '../../i18n/index.js';
import type { Author } from '../../store/server-entries.js';
import type { BotContext } from '../context.js';
import { type CurationId, decodeCustomId, encodeCustomId } from '../custom-id.js';
import { storeFaultNote } from '../errors.js';
import { respond, respondWithNote } from '../reply.js';
import { authorOf } from './author.js';
import { contentFromModal, entryModal } from './entry-modal.js';
import { problemsMessage } from './messages.js';
import { respondToResult } from './respond-result.js';

type FormOpener = ChatInputCommandInteraction | ButtonInteraction | MessageContextMenuCommandInteraction;

/** How many open questions are grouped at once. */
export const QUEUE_SCAN = 200;

const UNKNOWN_ENTRY_NOTE = "I can't find that entry in this server. Pick one from the list as you type.";

/** Opens the add form, prefilled (e.g. with an unanswered question, or a message as the answer). */
export async function showAddForm(interaction: FormOpener, prefill: Partial<EntryContent> = {}, queueRowId?: number): Promise<void> {
  const customId = encodeCustomId({ action: 'addModal', ...(queueRowId === undefined ? {} : { rowId: queueRowId }) })!;
  const tr = translatorFor(interaction);
  await interaction.showModal(entryModal(customId, tr('modal.add'), prefill, tr));
}

/** Opens the edit form for an entry, remembering the revision it shows. */
export async function showEditForm(interaction: FormOpener, context: BotContext, entryId: string): Promise<void> {
  const target = context.curation.target(interaction.guildId!, entryId);
  if (!target) return respondWithNote(interaction, UNKNOWN_ENTRY_NOTE);
  const id = target.kind === 'server' ? target.record.entryId : target.entry.id;
  const customId = encodeCustomId({ action: 'editModal', revision: revisionOf(target), entryId: id });
  if (!customId) return respondWithNote(interaction, 'That entry cannot be edited from Discord; change it in the corpus files instead.');
  const tr = translatorFor(interaction);
  const title = tr(target.kind === 'shipped' ? 'modal.editShipped' : 'modal.edit');
  await interaction.showModal(entryModal(customId, title, context.curation.contentOf(target), tr));
}

/** A submitted add or edit form. */
export async function submitEntryForm(
  interaction: ModalSubmitInteraction,
  context: BotContext,
  id: Extract<CurationId, { action: 'addModal' | 'editModal' }>,
): Promise<void> {
  const guildId = interaction.guildId!;
  const content = contentFromModal(interaction);
  const author = authorOf(interaction);
  let result: CurationResult;
  try {
    result =
      id.action === 'addModal'
        ? addFromForm(context, guildId, content, author, id.rowId)
        : context.curation.edit(guildId, id.entryId, id.revision, content, author);
  } catch (error) {
    // The store refused the write (a full disk, say): nothing was saved, so give the text back.
    const log = { msg: 'curation write failed', ...(id.action === 'editModal' ? { entryId: id.entryId } : {}) };
    const note = storeFaultNote(error, context.logger, log, 'action.saveEntry', translatorFor(interaction));
    if (!note) throw error;
    const draftId = keepDraft(interaction, context, content);
    return respond(
      interaction,
      problemsMessage([`${note} Nothing was changed; your text is below.`], content, draftId, translatorFor(interaction)),
      {
        ephemeral: true,
      },
    );
  }
  const draftId = result.status === 'invalid' ? keepDraft(interaction, context, content) : undefined;
  return respondToResult(interaction, context, result, id.action === 'addModal' ? 'Added' : 'Saved', content, draftId);
}

/** Keeps a refused form's text for "Edit and retry"; best effort, since the store may be what refused it. */
function keepDraft(interaction: ModalSubmitInteraction, context: BotContext, content: EntryContent): string | undefined {
  try {
    return context.store.formDrafts.save(interaction.guildId!, interaction.user.id, { form: interaction.customId, content });
  } catch (error) {
    context.logger.warn({ err: error }, 'could not keep the form text for a retry');
    return undefined;
  }
}

/** "Edit and retry": the same form again, with the text that could not be saved. */
export async function reopenForm(interaction: ButtonInteraction, context: BotContext, draftId: string): Promise<void> {
  const draft = context.store.formDrafts.get(interaction.guildId!, interaction.user.id, draftId);
  const form = draft ? decodeCustomId(draft.form) : undefined;
  if (!draft || (form?.action !== 'addModal' && form?.action !== 'editModal')) {
    return respondWithNote(interaction, 'I no longer have that text to reopen; it is in the message above. Start again with `/faq add`.');
  }
  const tr = translatorFor(interaction);
  await interaction.showModal(entryModal(draft.form, tr(form.action === 'addModal' ? 'modal.add' : 'modal.edit'), draft.content, tr));
}

function addFromForm(
  context: BotContext,
  guildId: string,
  content: EntryContent,
  author: Author,
  rowId: number | undefined,
): CurationResult {
  const queued = rowId === undefined ? undefined : context.store.unanswered.get(guildId, rowId);
  const withAsker = queued?.firstAskedBy && queued.question === content.question ? { ...content, askedBy: queued.firstAskedBy } : content;
  return context.curation.add(guildId, withAsker, author, queued ? queuedGroupIds(context, guildId, queued.id) : []);
}

/** The queue rows grouped with this one (similar wordings), all answered by one new entry. */
export function queuedGroupIds(context: BotContext, guildId: string, rowId: number): number[] {
  const groups = groupUnanswered(context.store.unanswered.list(guildId, QUEUE_SCAN), (question) => context.engine.questionTerms(question));
  return groups.find((group) => group.ids.includes(rowId))?.ids ?? [rowId];
}
