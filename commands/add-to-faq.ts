import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type MessageContextMenuCommandInteraction,
  PermissionFlagsBits,
} from 'discord.js';
import { CONTENT_LIMITS } from '../src/corpus/content.js';
import type { BotContext, MessageCommandModule } from '../src/discord/context.js';
import { showAddForm } from '../src/discord/curation/forms.js';
import { requireCurator } from '../src/discord/permissions.js';
import { respondWithNote } from '../src/discord/reply.js';
import { ENGLISH, localized, translatorFor } from '../src/i18n/index.js';

const definition = {
  type: ApplicationCommandType.Message,
  name: ENGLISH('cmd.addToFaq.name'),
  ...localized('cmd.addToFaq.name'),
  default_member_permissions: String(PermissionFlagsBits.ManageGuild),
  // A server's FAQ: installed with the bot to a server, used there only.
  integration_types: [ApplicationIntegrationType.GuildInstall],
  contexts: [InteractionContextType.Guild],
} satisfies MessageCommandModule['definition'];

/**
 * Opens the add form with the message's text as the answer; the curator writes the question.
 * A message with an embed (another bot's answer, say) gives its title and description instead.
 * A reply in a thread (a help forum's post, say) is the solution to the post: its title is the question, and the
 * post's question in the unanswered queue is resolved by the new entry.
 */
async function execute(interaction: MessageContextMenuCommandInteraction, context: BotContext): Promise<void> {
  if (!(await requireCurator(interaction, context, 'Add to FAQ'))) return;
  const message = interaction.targetMessage;
  const [embed] = message.embeds;
  const text = message.content.trim() || embed?.description?.trim() || '';
  if (!text) return respondWithNote(interaction, translatorFor(interaction)('addToFaq.noText'));
  const thread = interaction.channel?.isThread() && message.id !== interaction.channel.id ? interaction.channel : undefined;
  const title = !message.content.trim() && embed?.title ? embed.title : thread?.name;
  const question = title ? { question: title.slice(0, CONTENT_LIMITS.questionMaxChars) } : {};
  // The post's question, if it waits in the queue (an auto-answer was not sure): the new entry answers it.
  const queued = thread ? context.store.unanswered.findOpen(interaction.guildId!, thread.name) : undefined;
  await showAddForm(interaction, { ...question, answer: text.slice(0, CONTENT_LIMITS.answerMaxChars) }, queued?.id);
}

export const addToFaq: MessageCommandModule = { definition, execute };
