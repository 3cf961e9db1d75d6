import { type ButtonInteraction, MessageFlags, type ModalSubmitInteraction } from 'discord.js';
import type { EntryContent } from '../../corpus/types.js';
import type { CurationResult } from '../../curation/service.js';
import { translatorFor } from '../../i18n/index.js';
import { answerMessage } from '../answers.js';
import type { BotContext } from '../context.js';
import { respond, respondWithNote } from '../reply.js';
import { conflictMessage, duplicateMessage, problemsMessage, savedNote } from './messages.js';

const GONE_NOTE = 'That entry no longer exists in this server, so nothing was changed. Use `/faq add` to write it again.';

/**
 * Tells the curator how a change went. A saved change shows the live answer; a refused one
 * says why and, when the curator typed something, gives their text back so nothing is lost.
 */
export async function respondToResult(
  interaction: ModalSubmitInteraction | ButtonInteraction,
  context: BotContext,
  result: CurationResult,
  verb: string,
  content?: EntryContent,
  /** The kept text of a refused form, for "Edit and retry". */
  draftId?: string,
): Promise<void> {
  const guildId = interaction.guildId!;
  switch (result.status) {
    case 'saved': {
      context.logger.info({ entryId: result.record.entryId, revision: result.record.revision, verb }, 'curation change saved');
      const entry = context.engine.visibleEntry(result.record.entryId, { guildId });
      const note = savedNote(result.record, verb, context.curation.localTags(result.record.content));
      if (!entry) return respondWithNote(interaction, note);
      return respond(interaction, answerMessage(context, entry, { guildId }, { ephemeral: true, note }), { ephemeral: true });
    }
    case 'invalid':
      return respond(interaction, problemsMessage(result.problems, content, draftId, translatorFor(interaction)), { ephemeral: true });
    case 'duplicate':
      return respond(
        interaction,
        duplicateMessage(
          result.existing,
          content ?? { question: '', answer: '', phrasings: [], tags: [], sources: [] },
          translatorFor(interaction),
        ),
        { ephemeral: true },
      );
    case 'conflict':
      context.logger.info({ entryId: result.current?.entryId, changed: result.changed }, 'curation conflict');
      return respond(
        interaction,
        conflictMessage(result.current?.entryId ?? '', result.current, result.changed, content, translatorFor(interaction)),
        {
          ephemeral: true,
        },
      );
    case 'not_found':
      return respondWithNote(interaction, GONE_NOTE);
  }
}

/** Whether a button sits on an ephemeral message, where updating it in place reads best. */
export function onEphemeral(interaction: ButtonInteraction): boolean {
  return interaction.message.flags.has(MessageFlags.Ephemeral);
}
