import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type MessageContextMenuCommandInteraction,
} from 'discord.js';
import { answerMessage, outcomeOf, recordQuestion } from '../src/discord/answers.js';
import { type BotContext, type MessageCommandModule, scopeOf } from '../src/discord/context.js';
import { renderOutOfScope, renderUnsure } from '../src/discord/render.js';
import { postReplyTo, respond, respondWithNote } from '../src/discord/reply.js';
import { QUERY_LIMITS, QueryError } from '../src/search/query-limits.js';
import type { AskResult } from '../src/search/results.js';

/** Words this command writes itself, kept together for the message catalog. */
const TEXT = {
  name: 'Answer with Stackwise',
  noText: 'That message has no text I can answer (only attachments or embeds). Try `/ask` with the question itself.',
  tooLong: (length: number) =>
    `That message is ${length} characters long; I answer questions under ${QUERY_LIMITS.maxChars}. Try \`/ask\` with the question itself.`,
  cooldown: (seconds: number) => `You're asking quickly! Please wait ${seconds} s and try again.`,
  /** Above the answer when the bot cannot post a reply in the channel and answers through the interaction instead. */
  answering: (link: string) => `Answering ${link}:`,
} as const;

const definition = {
  type: ApplicationCommandType.Message,
  name: TEXT.name,
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
  const cooldown = context.askCooldown.take(interaction.user.id);
  if (!cooldown.allowed) return respondWithNote(interaction, TEXT.cooldown(Math.ceil(cooldown.retryAfterMs / 1000)));
  const target = interaction.targetMessage;
  const question = target.content.trim();
  if (!question) return respondWithNote(interaction, TEXT.noText);
  if (question.length > QUERY_LIMITS.maxChars) return respondWithNote(interaction, TEXT.tooLong(question.length));
  const scope = scopeOf(interaction);
  let result: AskResult;
  try {
    result = context.engine.ask(question, scope);
  } catch (error) {
    if (error instanceof QueryError) return respondWithNote(interaction, error.message);
    throw error;
  }
  context.logger.debug(
    { status: result.status, reason: result.reason, confidence: result.confidence, messageId: target.id },
    'answer message',
  );
  const asked = { question, outcome: outcomeOf(result), askedBy: target.author.displayName, entryId: result.entry?.id };
  if (result.status !== 'answered' || !result.entry) {
    await respond(interaction, result.status === 'unsure' ? renderUnsure(result) : renderOutOfScope(result), { ephemeral: true });
  } else {
    const message = answerMessage(context, result.entry, scope, { ephemeral: false, related: result.related });
    if (!(await postReplyTo(interaction, target, message))) {
      context.logger.info({ channelId: interaction.channelId }, 'cannot post a reply in this channel; answering through the interaction');
      await respond(interaction, { ...message, content: TEXT.answering(target.url) }, { ephemeral: false });
    }
  }
  await recordQuestion(context, scope, asked);
}

export const answerWithStackwise: MessageCommandModule = { definition, execute };
