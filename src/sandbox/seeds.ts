import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { GuildSeed } from './emulator/seeds.js';

/**
 * The sandbox's application and two servers, with fixed ids: entries, votes, settings and the message
 * history are filed under these ids, so they are still there after a restart.
 */
export const SANDBOX_APPLICATION_ID = '1310000000000000000';

const MODERATOR_PERMISSIONS = String(
  PermissionFlagsBits.ViewChannel |
    PermissionFlagsBits.SendMessages |
    PermissionFlagsBits.ReadMessageHistory |
    PermissionFlagsBits.UseApplicationCommands |
    PermissionFlagsBits.ManageGuild,
);

function sandboxGuild(letter: 'a' | 'b', base: number): GuildSeed {
  const id = (offset: number) => String(BigInt(SANDBOX_APPLICATION_ID) + BigInt(base + offset));
  return {
    name: `Stackwise Sandbox ${letter.toUpperCase()}`,
    id: id(0),
    // A help forum: new posts are auto-answered there (the sandbox opts it in at start).
    channels: [
      { name: 'general', id: id(1) },
      { name: 'help', id: id(5), type: 'forum' },
    ],
    roles: [{ name: 'Moderator', id: id(2), permissions: MODERATOR_PERMISSIONS }],
    members: [
      { username: `${letter}-moderator`, id: id(3), roles: ['Moderator'] },
      { username: `${letter}-member`, id: id(4) },
    ],
  };
}

export const SANDBOX_GUILDS: GuildSeed[] = [sandboxGuild('a', 100), sandboxGuild('b', 200)];

/** Each sandbox person's DM with the bot, at a fixed id next to theirs, so its history is kept like a channel's. */
export function sandboxDmChannelId(userId: string): string {
  return String(BigInt(userId) + 50n);
}
