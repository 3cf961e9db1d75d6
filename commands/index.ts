import type { CommandModule } from '../src/discord/context.js';
import { ask } from './ask.js';
import { help } from './help.js';
import { stack } from './stack.js';

/** Every slash command, by name. */
export const COMMANDS: ReadonlyMap<string, CommandModule> = new Map([ask, stack, help].map((command) => [command.definition.name, command]));
