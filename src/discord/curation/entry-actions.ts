import type { ButtonInteraction, ChatInputCommandInteraction } from 'discord.js';
import { type ContentField, changedFields } from '../../corpus/content.js';
import { revisionOf } from '../../curation/service.js';
import { translatorFor } from '../../i18n/index.js';
import type { BotContext } from '../context.js';
import { respond, respondWithNote } from '../reply.js';
import { authorOf } from './author.js';
import { confirmRemoveMessage, historyMessage, plainMessage, removedMessage } from './messages.js';
import { onEphemeral, respondToResult } from './respond-result.js';

const UNKNOWN_ENTRY_NOTE = "I can't find that entry in this server. Pick one from the list as you type.";
/** Revisions shown by /faq history. */
const HISTORY_LENGTH = 10;

export async function askToRemove(interaction: ChatInputCommandInteraction, context: BotContext, entryId: string): Promise<void> {
  const target = context.curation.target(interaction.guildId!, entryId);
  if (!target) return respondWithNote(interaction, UNKNOWN_ENTRY_NOTE);
  const id = target.kind === 'server' ? target.record.entryId : target.entry.id;
  const question = context.curation.contentOf(target).question;
  await respond(
    interaction,
    confirmRemoveMessage(question, id, revisionOf(target), target.kind === 'shipped', translatorFor(interaction)),
    { ephemeral: true },
  );
}

export async function confirmRemove(interaction: ButtonInteraction, context: BotContext, entryId: string, revision: number): Promise<void> {
  const result = context.curation.remove(interaction.guildId!, entryId, revision, authorOf(interaction));
  if (result.status !== 'saved') return respondToResult(interaction, context, result, 'Removed');
  context.logger.info({ entryId: result.record.entryId, revision: result.record.revision }, 'entry removed');
  const payload = removedMessage(result.record, translatorFor(interaction));
  if (onEphemeral(interaction)) await interaction.update(payload);
  else await respond(interaction, payload, { ephemeral: true });
}

export async function keepEntry(interaction: ButtonInteraction): Promise<void> {
  const payload = plainMessage('Kept: nothing was removed.');
  if (onEphemeral(interaction)) await interaction.update(payload);
  else await respond(interaction, payload, { ephemeral: true });
}

/** Undo a removal: bring back the revision before it, unless someone changed the entry since. */
export async function undoRemove(
  interaction: ButtonInteraction,
  context: BotContext,
  entryId: string,
  removalRevision: number,
): Promise<void> {
  const result = context.curation.restore(interaction.guildId!, entryId, removalRevision - 1, removalRevision, authorOf(interaction));
  await respondToResult(interaction, context, result, 'Brought back');
}

export async function restoreRevision(
  interaction: ButtonInteraction,
  context: BotContext,
  entryId: string,
  revision: number,
  baseRevision: number,
): Promise<void> {
  const result = context.curation.restore(interaction.guildId!, entryId, revision, baseRevision, authorOf(interaction));
  await respondToResult(interaction, context, result, `Restored r${revision} of`);
}

export async function showHistory(interaction: ChatInputCommandInteraction, context: BotContext, entryId: string): Promise<void> {
  const guildId = interaction.guildId!;
  const stored = context.store.entries.get(entryId);
  const record = stored?.guildId === guildId ? stored : context.store.entries.overrideOf(guildId, entryId);
  if (!record) {
    const shipped = context.engine.visibleEntry(entryId, { guildId });
    if (!shipped) return respondWithNote(interaction, UNKNOWN_ENTRY_NOTE);
    return respondWithNote(interaction, `**${shipped.question}** ships with Stackwise and has not been changed in this server.`);
  }
  // One more than shown, so the oldest shown revision can say what it changed.
  const revisions = context.store.entries.revisions(record.entryId, HISTORY_LENGTH + 1);
  const changes = new Map<number, ContentField[]>();
  revisions.forEach((revision, index) => {
    const previous =
      revisions[index + 1]?.content ??
      (revision.revision === 1 && record.overrides ? context.curation.contentAt(record.overrides, 0) : undefined);
    changes.set(revision.revision, changedFields(previous, revision.content));
  });
  await respond(interaction, historyMessage(record, revisions.slice(0, HISTORY_LENGTH), changes, translatorFor(interaction)), {
    ephemeral: true,
  });
}
