import type { ButtonInteraction, ChatInputCommandInteraction } from 'discord.js';
import { groupUnanswered } from '../../curation/unanswered-groups.js';
import { type Translator, translatorFor } from '../../i18n/index.js';
import type { BotContext } from '../context.js';
import { respond, respondWithNote } from '../reply.js';
import { authorOf } from './author.js';
import { QUEUE_SCAN, queuedGroupIds, showAddForm } from './forms.js';
import { alreadyAskedMessage, feedbackMessage, phrasingChoiceMessage, unansweredMessage } from './messages.js';
import { onEphemeral, respondToResult } from './respond-result.js';

const GONE_NOTE = 'That question is no longer in the queue: someone may have handled it already.';
/** Entries offered when adding a question as a phrasing. */
const PHRASING_CANDIDATES = 4;
/** Entries listed by /faq feedback. */
const FEEDBACK_LENGTH = 10;

async function queueMessage(context: BotContext, guildId: string, tr: Translator) {
  // Questions asked a moment ago may still be on their way to the store.
  await context.store.records.settled();
  const groups = groupUnanswered(context.store.unanswered.list(guildId, QUEUE_SCAN), (question) => context.engine.questionTerms(question));
  // A question may have been answered since it was asked: an entry was added or edited meanwhile.
  return unansweredMessage(groups, (question) => answeringEntry(context, guildId, question)?.question, tr);
}

/** The entry that answers a question now, if the engine is confident. */
function answeringEntry(context: BotContext, guildId: string, question: string) {
  try {
    const result = context.engine.ask(question, { guildId });
    return result.status === 'answered' ? result.entry : null;
  } catch {
    return null;
  }
}

export async function showUnanswered(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  await respond(interaction, await queueMessage(context, interaction.guildId!, translatorFor(interaction)), { ephemeral: true });
}

export async function createFromQueue(interaction: ButtonInteraction, context: BotContext, rowId: number): Promise<void> {
  const row = context.store.unanswered.get(interaction.guildId!, rowId);
  if (!row || row.resolution) return respondWithNote(interaction, GONE_NOTE);
  await showAddForm(interaction, { question: row.question }, row.id);
}

export async function choosePhrasingTarget(interaction: ButtonInteraction, context: BotContext, rowId: number): Promise<void> {
  const guildId = interaction.guildId!;
  const row = context.store.unanswered.get(guildId, rowId);
  if (!row || row.resolution) return respondWithNote(interaction, GONE_NOTE);
  // An entry that already asks it word for word gets no copy of it as a phrasing.
  const asking = context.engine.findDuplicate(row.question, { guildId });
  if (asking)
    return respond(interaction, alreadyAskedMessage(row.question, row.id, asking, translatorFor(interaction)), { ephemeral: true });
  const candidates = context.engine.rankEntries(row.question, { guildId }, PHRASING_CANDIDATES).map(({ entry }) => entry);
  await respond(interaction, phrasingChoiceMessage(row.question, row.id, candidates, translatorFor(interaction)), { ephemeral: true });
}

export async function addQueuedPhrasing(
  interaction: ButtonInteraction,
  context: BotContext,
  rowId: number,
  entryId: string,
): Promise<void> {
  const guildId = interaction.guildId!;
  const row = context.store.unanswered.get(guildId, rowId);
  if (!row || row.resolution) return respondWithNote(interaction, GONE_NOTE);
  const result = context.curation.addPhrasing(
    guildId,
    entryId,
    row.question,
    authorOf(interaction),
    queuedGroupIds(context, guildId, row.id),
  );
  await respondToResult(interaction, context, result, `Added “${row.question}” as a phrasing of`);
}

export async function dismissQueued(interaction: ButtonInteraction, context: BotContext, rowId: number): Promise<void> {
  const guildId = interaction.guildId!;
  const row = context.store.unanswered.get(guildId, rowId);
  if (!row || row.resolution) return respondWithNote(interaction, GONE_NOTE);
  context.store.unanswered.resolve(guildId, queuedGroupIds(context, guildId, row.id), 'dismissed');
  context.logger.info({ rowId }, 'unanswered question dismissed');
  const payload = await queueMessage(context, guildId, translatorFor(interaction));
  if (onEphemeral(interaction)) await interaction.update(payload);
  else await respond(interaction, payload, { ephemeral: true });
}

export async function showFeedback(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const guildId = interaction.guildId!;
  const rows = context.store.votes
    .leastHelpful(guildId, FEEDBACK_LENGTH * 2)
    .flatMap(({ entryId, helpful, notHelpful }) => {
      const entry = context.engine.visibleEntry(entryId, { guildId });
      return entry ? [{ entry, helpful, notHelpful }] : [];
    })
    .slice(0, FEEDBACK_LENGTH);
  await respond(interaction, feedbackMessage(rows, translatorFor(interaction)), { ephemeral: true });
}
