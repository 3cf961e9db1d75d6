import { type ButtonInteraction, ChannelType, type ChatInputCommandInteraction, PermissionFlagsBits } from 'discord.js';
import { translatorFor } from '../../i18n/index.js';
import { AUTO_ANSWER } from '../auto-answer.js';
import type { BotContext } from '../context.js';
import { storeFaultNote } from '../errors.js';
import { respond, respondWithNote } from '../reply.js';
import { curatorRoleMessage, plainMessage } from './messages.js';
import { onEphemeral } from './respond-result.js';

/** Who curates is decided by Manage Server (or the bot's owners), never by the curator role itself. */
function mayChooseCurators(interaction: ChatInputCommandInteraction | ButtonInteraction, context: BotContext): boolean {
  return Boolean(
    interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) || context.config.botOwnerIds.includes(interaction.user.id),
  );
}

function roleName(interaction: ChatInputCommandInteraction | ButtonInteraction, roleId: string): string {
  return interaction.guild?.roles.cache.get(roleId)?.name ?? `role ${roleId}`;
}

/** What `/faq settings` was given; all null to see the current settings. */
export interface SettingsChange {
  role: { id: string; name: string } | null;
  autoAnswer: { id: string; type: ChannelType } | null;
  stopAutoAnswer: { id: string; type: ChannelType } | null;
  confidencePercent: number | null;
}

export const AUTO_ANSWER_DEFAULT_PERCENT = Math.round(AUTO_ANSWER.defaultConfidence * 100);

const AUTO_ANSWER_CHANNEL_TYPES: readonly ChannelType[] = [ChannelType.GuildForum, ChannelType.GuildText];

/** The words of /faq settings, in one place. */
const SETTINGS_TEXT = {
  onlyManageServer: 'Only members with Manage Server can choose the curator role.',
  noCuratorRole: 'No curator role is set: members with Manage Server curate. Choose one with `/faq settings curator-role:`.',
  curatorRoleAlready: (role: string) => `**${role}** is the curator role already: nothing changed.`,
  curatorRoleSet: (role: string, before: string | undefined) =>
    `Members with the ${role} role can now curate this server's FAQ${before ? ` (it was **${before}**)` : ''}.`,
  curatorRoleCleared: 'Cleared the curator role: only members with Manage Server can curate now.',
  notAChannelForPosts: (channel: string) => `${channel} is neither a forum nor a text channel, so it has no new posts for me to answer.`,
  added: (channel: string) => `I'll answer new posts in ${channel} when I'm sure; the others go to \`/faq unanswered\`, without a reply.`,
  addedAlready: (channel: string) => `I answer new posts in ${channel} already: nothing changed.`,
  removed: (channel: string) => `I'll stop answering new posts in ${channel}.`,
  removedAlready: (channel: string) => `I don't answer new posts in ${channel}: nothing changed.`,
  confidence: (percent: number, before: number) =>
    percent === before
      ? `I answer posts when I'm at least ${percent}% sure already: nothing changed.`
      : `I'll answer posts only when I'm at least ${percent}% sure (it was ${before}%).`,
  summaryNone: 'Auto-answer is off: add a forum or text channel with `/faq settings auto-answer:`.',
  summary: (channels: string, percent: number) => `I answer new posts in ${channels} when I'm at least ${percent}% sure.`,
} as const;

const channelMention = (id: string) => `<#${id}>`;

function confidencePercentOf(context: BotContext, guildId: string): number {
  return Math.round(100 * (context.store.autoAnswer.minConfidence(guildId) ?? AUTO_ANSWER.defaultConfidence));
}

/** One line on where the bot answers new posts. */
function autoAnswerSummary(context: BotContext, guildId: string): string {
  const channels = context.store.autoAnswer.channels(guildId);
  if (channels.length === 0) return SETTINGS_TEXT.summaryNone;
  return SETTINGS_TEXT.summary(channels.map(channelMention).join(', '), confidencePercentOf(context, guildId));
}

/**
 * `/faq settings`: with nothing given it shows the settings (and offers to clear the curator role, asking first);
 * otherwise it changes what was given and says what changed. Auto-answer channels and the confidence are for any
 * curator; the curator role for Manage Server only.
 */
export async function changeSettings(interaction: ChatInputCommandInteraction, context: BotContext, change: SettingsChange): Promise<void> {
  const guildId = interaction.guildId!;
  const changesAutoAnswer = change.autoAnswer !== null || change.stopAutoAnswer !== null || change.confidencePercent !== null;
  if (!changesAutoAnswer) return curatorRoleSettings(interaction, context, change.role);
  const lines: string[] = [];
  if (change.role) {
    lines.push(
      mayChooseCurators(interaction, context) ? setCuratorRole(interaction, context, change.role) : SETTINGS_TEXT.onlyManageServer,
    );
  }
  try {
    lines.push(...changeAutoAnswer(interaction, context, change));
  } catch (error) {
    const note = storeFaultNote(
      error,
      context.logger,
      { msg: 'could not save the auto-answer settings' },
      'action.saveSettings',
      translatorFor(interaction),
    );
    if (!note) throw error;
    lines.push(note);
  }
  lines.push(autoAnswerSummary(context, guildId));
  await respondWithNote(interaction, lines.join('\n'));
}

function changeAutoAnswer(interaction: ChatInputCommandInteraction, context: BotContext, change: SettingsChange): string[] {
  const guildId = interaction.guildId!;
  const store = context.store.autoAnswer;
  const lines: string[] = [];
  if (change.autoAnswer) {
    const channel = channelMention(change.autoAnswer.id);
    if (!AUTO_ANSWER_CHANNEL_TYPES.includes(change.autoAnswer.type)) lines.push(SETTINGS_TEXT.notAChannelForPosts(channel));
    else if (store.addChannel(guildId, change.autoAnswer.id, interaction.user.id)) {
      context.logger.info({ channelId: change.autoAnswer.id }, 'auto-answer channel added');
      lines.push(SETTINGS_TEXT.added(channel));
    } else lines.push(SETTINGS_TEXT.addedAlready(channel));
  }
  if (change.stopAutoAnswer) {
    const channel = channelMention(change.stopAutoAnswer.id);
    if (store.removeChannel(guildId, change.stopAutoAnswer.id)) {
      context.logger.info({ channelId: change.stopAutoAnswer.id }, 'auto-answer channel removed');
      lines.push(SETTINGS_TEXT.removed(channel));
    } else lines.push(SETTINGS_TEXT.removedAlready(channel));
  }
  if (change.confidencePercent !== null) {
    // Discord enforces the option's range, but a forged interaction might not.
    const percent = Math.min(100, Math.max(AUTO_ANSWER_DEFAULT_PERCENT, Math.round(change.confidencePercent)));
    const before = confidencePercentOf(context, guildId);
    if (percent !== before) {
      store.setMinConfidence(guildId, percent / 100);
      context.logger.info({ percent, before }, 'auto-answer confidence changed');
    }
    lines.push(SETTINGS_TEXT.confidence(percent, before));
  }
  return lines;
}

/** The curator role part of `/faq settings`: Manage Server only. */
async function curatorRoleSettings(
  interaction: ChatInputCommandInteraction,
  context: BotContext,
  role: { id: string; name: string } | null,
): Promise<void> {
  const guildId = interaction.guildId!;
  const summary = autoAnswerSummary(context, guildId);
  if (!mayChooseCurators(interaction, context)) {
    return respondWithNote(interaction, role ? SETTINGS_TEXT.onlyManageServer : `${SETTINGS_TEXT.onlyManageServer}\n${summary}`);
  }
  const currentId = context.store.settings.get(guildId).curatorRoleId;
  const current = currentId ? roleName(interaction, currentId) : undefined;
  if (!role) {
    if (!current) {
      return respondWithNote(interaction, `${SETTINGS_TEXT.noCuratorRole}\n${summary}`);
    }
    const shown = curatorRoleMessage(current, translatorFor(interaction));
    return respond(interaction, { ...shown, content: `${shown.content ?? ''}\n${summary}` }, { ephemeral: true });
  }
  await respondWithNote(interaction, setCuratorRole(interaction, context, role));
}

/** Sets the curator role and says what changed. */
function setCuratorRole(interaction: ChatInputCommandInteraction, context: BotContext, role: { id: string; name: string }): string {
  const guildId = interaction.guildId!;
  const currentId = context.store.settings.get(guildId).curatorRoleId;
  if (role.id === currentId) return SETTINGS_TEXT.curatorRoleAlready(role.name);
  const current = currentId ? roleName(interaction, currentId) : undefined;
  context.store.settings.setCuratorRole(guildId, role.id);
  context.logger.info({ curatorRoleId: role.id, previousRoleId: currentId }, 'curator role changed');
  return SETTINGS_TEXT.curatorRoleSet(role.name, current);
}

/** The confirmation of "Clear the curator role". */
export async function clearCuratorRole(interaction: ButtonInteraction, context: BotContext): Promise<void> {
  if (!mayChooseCurators(interaction, context)) return respondWithNote(interaction, SETTINGS_TEXT.onlyManageServer);
  const guildId = interaction.guildId!;
  const previousId = context.store.settings.get(guildId).curatorRoleId;
  context.store.settings.setCuratorRole(guildId, null);
  context.logger.info({ curatorRoleId: null, previousRoleId: previousId }, 'curator role changed');
  const payload = plainMessage(SETTINGS_TEXT.curatorRoleCleared);
  if (onEphemeral(interaction)) await interaction.update(payload);
  else await respond(interaction, payload, { ephemeral: true });
}
