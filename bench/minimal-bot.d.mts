import type { Client } from 'discord.js';

export function startMinimalBot(token: string, apiBase: string, globalRequestsPerSecond?: number): Promise<Client<true>>;
