import type { Interaction } from 'discord.js';
import type { Author } from '../../store/server-entries.js';

/** Who is making a change, as history and answer footers show it (never a mention). */
export function authorOf(interaction: Interaction): Author {
  const member = interaction.member;
  const nickname = member && 'displayName' in member ? member.displayName : member && 'nick' in member ? member.nick : null;
  return { id: interaction.user.id, name: nickname ?? interaction.user.displayName };
}
