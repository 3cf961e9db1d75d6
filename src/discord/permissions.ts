import { type Interaction, PermissionFlagsBits } from 'discord.js';
import { translatorFor } from '../i18n/index.js';
import { type BotContext, scopeOf } from './context.js';
import { respondWithNote } from './reply.js';

/**
 * A curator has Manage Server, or the role the server chose with /faq settings; the bot's
 * owners curate in every server that has added it. Checked on every curation command, button and modal, because
 * Discord's command permissions can be changed by admins and never cover buttons or modals.
 */
export function isCurator(interaction: Interaction, context: BotContext): boolean {
  // A server that has not added the bot (a user's own install used there) has no FAQ of its own to curate.
  if (!interaction.inGuild() || !scopeOf(interaction).guildId) return false;
  if (context.config.botOwnerIds.includes(interaction.user.id)) return true;
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return true;
  const roleId = context.store.settings.get(interaction.guildId).curatorRoleId;
  if (!roleId) return false;
  const roles = interaction.member.roles;
  return Array.isArray(roles) ? roles.includes(roleId) : roles.cache.has(roleId);
}

/** True when the user may curate here; otherwise answers with a polite note and logs a warning. */
export async function requireCurator(
  interaction: Interaction & { guildId: string | null },
  context: BotContext,
  what: string,
): Promise<boolean> {
  if (!interaction.isRepliable()) return false;
  if (!scopeOf(interaction).guildId) {
    await respondWithNote(interaction, translatorFor(interaction)('perm.guildOnly'));
    return false;
  }
  if (isCurator(interaction, context)) return true;
  context.logger.warn({ what }, 'refused curation by a non-curator');
  await respondWithNote(interaction, translatorFor(interaction)('perm.notCurator'));
  return false;
}
