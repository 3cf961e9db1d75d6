import { type ButtonInteraction, type ChatInputCommandInteraction, PermissionFlagsBits } from 'discord.js';
import type { BotContext } from '../context.js';
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

/**
 * `/faq settings`: without a role it shows the current setting (and offers to clear it, asking first);
 * with one it sets it and says what changed.
 */
export async function changeSettings(
  interaction: ChatInputCommandInteraction,
  context: BotContext,
  role: { id: string; name: string } | null,
): Promise<void> {
  if (!mayChooseCurators(interaction, context))
    return respondWithNote(interaction, 'Only members with Manage Server can choose the curator role.');
  const guildId = interaction.guildId!;
  const currentId = context.store.settings.get(guildId).curatorRoleId;
  const current = currentId ? roleName(interaction, currentId) : undefined;
  if (!role) {
    if (!current) {
      return respondWithNote(
        interaction,
        'No curator role is set: members with Manage Server curate. Choose one with `/faq settings curator-role:`.',
      );
    }
    return respond(interaction, curatorRoleMessage(current), { ephemeral: true });
  }
  if (role.id === currentId) return respondWithNote(interaction, `**${role.name}** is the curator role already: nothing changed.`);
  context.store.settings.setCuratorRole(guildId, role.id);
  context.logger.info({ curatorRoleId: role.id, previousRoleId: currentId }, 'curator role changed');
  const before = current ? ` (it was **${current}**)` : '';
  await respondWithNote(interaction, `Members with the ${role.name} role can now curate this server's FAQ${before}.`);
}

/** The confirmation of "Clear the curator role". */
export async function clearCuratorRole(interaction: ButtonInteraction, context: BotContext): Promise<void> {
  if (!mayChooseCurators(interaction, context))
    return respondWithNote(interaction, 'Only members with Manage Server can choose the curator role.');
  const guildId = interaction.guildId!;
  const previousId = context.store.settings.get(guildId).curatorRoleId;
  context.store.settings.setCuratorRole(guildId, null);
  context.logger.info({ curatorRoleId: null, previousRoleId: previousId }, 'curator role changed');
  const payload = plainMessage('Cleared the curator role: only members with Manage Server can curate now.');
  if (onEphemeral(interaction)) await interaction.update(payload);
  else await respond(interaction, payload, { ephemeral: true });
}
