import { REST, Routes } from 'discord.js';
import type { CommandSet } from './context.js';

export interface DeployTarget {
  token: string;
  applicationId: string;
  apiBase?: string;
  /** Guild commands update at once; global ones can take a while to show up. */
  guildId?: string;
}

/** Registers every command. A bulk overwrite, so running it twice changes nothing. */
export async function deployCommands(target: DeployTarget, commands: CommandSet): Promise<{ count: number; scope: string }> {
  const rest = new REST(target.apiBase ? { api: target.apiBase } : {}).setToken(target.token);
  const body = commands.definitions;
  const route = target.guildId
    ? Routes.applicationGuildCommands(target.applicationId, target.guildId)
    : Routes.applicationCommands(target.applicationId);
  await rest.put(route, { body });
  return { count: body.length, scope: target.guildId ? `guild ${target.guildId}` : 'global' };
}
