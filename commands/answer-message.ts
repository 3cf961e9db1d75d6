import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type MessageContextMenuCommandInteraction,
} from 'discord.js';
import { answerMessage, askOrExplain, outcomeOf, recordQuestion } from '../src/discord/answers.js';
import { type BotContext, type MessageCommandModule, scopeOf } from '../src/discord/context.js';
import { renderOutOfScope, renderUnsure } from '../src/discord/render.js';
import { postReplyTo, respond, respondWithNote } from '../src/discord/reply.js';
import { ENGLISH, localized, translatorFor } from '../src/i18n/index.js';
import { QUERY_LIMITS } from '../src/search/query-limits.js';

const definition = {
  type: ApplicationCommandType.Message,
  name: ENGLISH('cmd.answerMessage.name'),
  ...localized('cmd.answerMessage.name'),
  // Replies in the channel, so it needs the bot there: servers that added it.
  integration_types: [ApplicationIntegrationType.GuildInstall],
  contexts: [InteractionContextType.Guild],
} satisfies MessageCommandModule['definition'];

/**
 * Answers the message's text in the channel, as a reply to it, pinging nobody (its author included). When the
 * bot is unsure or the question is outside what it knows, only the person who used the command is told, with
 * the closest questions, and the question goes to the server's unanswered queue as `/ask` does.
 */
async function execute(interaction: MessageContextMenuCommandInteraction, context: BotContext): Promise<void> {
  const tr = translatorFor(interaction);
  const cooldown = context.askCooldown.take(interaction.user.id);
  if (!cooldown.allowed) return respondWithNote(interaction, tr('ask.cooldown', { seconds: Math.ceil(cooldown.retryAfterMs / 1000) }));
  const target = interaction.targetMessage;
  const question = target.content.trim();
  if (!question) return respondWithNote(interaction, tr('message.noText'));
  if (question.length > QUERY_LIMITS.maxChars)
    return respondWithNote(interaction, tr('message.tooLong', { length: question.length, max: QUERY_LIMITS.maxChars }));
  const scope = scopeOf(interaction);
  const result = await askOrExplain(interaction, context, question, scope, tr);
  if (!result) return;
  context.logger.debug(
    { status: result.status, reason: result.reason, confidence: result.confidence, messageId: target.id },
    'answer message',
  );
  const asked = { question, outcome: outcomeOf(result), askedBy: target.author.displayName, entryId: result.entry?.id };
  if (result.status !== 'answered' || !result.entry) {
    await respond(interaction, result.status === 'unsure' ? renderUnsure(result, tr) : renderOutOfScope(result, tr), { ephemeral: true });
  } else {
    const message = answerMessage(context, result.entry, scope, { tr, ephemeral: false, related: result.related });
    if (!(await postReplyTo(interaction, target, message))) {
      context.logger.info({ channelId: interaction.channelId }, 'cannot post a reply in this channel; answering through the interaction');
      await respond(interaction, { ...message, content: tr('answer.answering', { link: target.url }) }, { ephemeral: false });
    }
  }
  await recordQuestion(context, scope, asked);
}

export const answerWithStackwise: MessageCommandModule = { definition, execute };
