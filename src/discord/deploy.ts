import { REST, Routes } from 'discord.js';
import type { CommandSet } from './context.js';

export interface DeployTarget {
  token: string;
  applicationId: string;
  apiBase?: string;
  /** Guild commands update at once; global ones can take a while to show up. */
  guildId?: string;
}

/**
 * Registers every command. A bulk overwrite, so running it twice changes nothing. Only a global deploy makes
 * `/ask` and `/stack` installable to a user's account and usable in DMs.
 */
export async function deployCommands(target: DeployTarget, commands: CommandSet): Promise<{ count: number; scope: string }> {
  const rest = new REST(target.apiBase ? { api: target.apiBase } : {}).setToken(target.token);
  // Discord takes installation types and contexts on global commands only: a guild's commands are that guild's.
  const body = target.guildId
    ? commands.definitions.map(({ integration_types: _types, contexts: _contexts, ...definition }) => definition)
    : commands.definitions;
  const route = target.guildId
    ? Routes.applicationGuildCommands(target.applicationId, target.guildId)
    : Routes.applicationCommands(target.applicationId);
  await rest.put(route, { body });
  return { count: body.length, scope: target.guildId ? `guild ${target.guildId}` : 'global' };
}
