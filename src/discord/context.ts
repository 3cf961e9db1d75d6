import type { AutocompleteInteraction, ChatInputCommandInteraction, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { AnswerEngine } from '../search/engine.js';
import type { Store } from '../store/index.js';
import type { Cooldown } from './cooldown.js';

/** What every handler gets: the engine, the store and the rest, passed explicitly. */
export interface BotContext {
  engine: AnswerEngine;
  store: Store;
  logger: Logger;
  config: Config;
  askCooldown: Cooldown;
}

/** One slash command: its definition (data) and its handlers, one module per command in commands/. */
export interface CommandModule {
  definition: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, context: BotContext): Promise<void>;
}

/** Votes and unanswered questions are kept per server; direct messages share one scope. */
export function scopeOf(interaction: { guildId: string | null }): string {
  return interaction.guildId ?? 'dm';
}
