import { ApplicationCommandType } from 'discord-api-types/v10';
import { httpErrors } from './errors.js';
import { snowflake } from './snowflake.js';
import type { ApplicationCommand, EmulatorState } from './state.js';
import { validateCommands } from './validate.js';

type Json = Record<string, unknown>;

/** Fields Discord keeps from a command definition; the rest (id, version, ...) it owns. */
const DEFINITION_FIELDS = [
  'name',
  'name_localizations',
  'description',
  'description_localizations',
  'options',
  'default_member_permissions',
  'dm_permission',
  'nsfw',
  'contexts',
  'integration_types',
  'handler',
] as const;

function definitionOf(body: Json): Json {
  const definition: Json = { type: Number(body.type ?? ApplicationCommandType.ChatInput) };
  for (const field of DEFINITION_FIELDS) if (body[field] !== undefined) definition[field] = body[field];
  return definition;
}

/**
 * Application commands, global ('' scope) or per guild. As on Discord, overwriting a command
 * with the same name and type keeps its id, and its version changes only when it changed.
 */
export class CommandRegistry {
  constructor(
    private readonly state: EmulatorState,
    private readonly onChange: (guildId: string | undefined, commands: ApplicationCommand[]) => void,
  ) {}

  list(scope: string): ApplicationCommand[] {
    this.checkScope(scope);
    return this.state.commands.get(scope) ?? [];
  }

  get(scope: string, id: string): ApplicationCommand {
    const command = this.list(scope).find((candidate) => candidate.id === id);
    if (!command) throw httpErrors.unknownCommand();
    return command;
  }

  overwrite(scope: string, body: unknown): ApplicationCommand[] {
    this.checkScope(scope);
    const bodies = Array.isArray(body) ? (body as Json[]) : [];
    validateCommands(bodies);
    const existing = this.state.commands.get(scope) ?? [];
    const commands = bodies.map((entry) => this.build(scope, entry, existing));
    this.save(scope, commands);
    return commands;
  }

  /** POST: creates, or overwrites the one with the same name and type. */
  upsert(scope: string, body: Json): ApplicationCommand {
    const existing = this.list(scope);
    const definition = definitionOf(body);
    const rest = existing.filter((command) => !(command.name === definition.name && command.type === definition.type));
    validateCommands([...rest, definition]);
    const command = this.build(scope, body, existing);
    this.save(scope, [...rest, command]);
    return command;
  }

  edit(scope: string, id: string, body: Json): ApplicationCommand {
    const current = this.get(scope, id);
    const merged = { ...definitionOf(current), ...definitionOf({ ...body, type: current.type }) };
    const others = this.list(scope).filter((command) => command.id !== id);
    validateCommands([...others, merged]);
    const command = this.build(scope, merged, [current]);
    this.save(
      scope,
      this.list(scope).map((candidate) => (candidate.id === id ? command : candidate)),
    );
    return command;
  }

  remove(scope: string, id: string): void {
    this.get(scope, id);
    this.save(
      scope,
      this.list(scope).filter((command) => command.id !== id),
    );
  }

  private build(scope: string, body: Json, existing: ApplicationCommand[]): ApplicationCommand {
    const definition = definitionOf(body);
    const previous = existing.find((command) => command.name === definition.name && command.type === definition.type);
    const command: ApplicationCommand = {
      description: '',
      default_member_permissions: null,
      nsfw: false,
      ...(scope ? {} : { dm_permission: true, contexts: null, integration_types: [0] }),
      ...definition,
      name: String(definition.name),
      type: Number(definition.type),
      id: previous?.id ?? snowflake(),
      application_id: this.state.applicationId,
      version: '',
      ...(scope ? { guild_id: scope } : {}),
    };
    const unchanged = previous && JSON.stringify(definitionOf(previous)) === JSON.stringify(definitionOf(command));
    command.version = unchanged ? previous.version : snowflake();
    return command;
  }

  private save(scope: string, commands: ApplicationCommand[]): void {
    this.state.commands.set(scope, commands);
    this.onChange(scope || undefined, commands);
  }

  private checkScope(scope: string): void {
    if (!scope) return;
    const guild = this.state.guild(scope);
    if (!guild) throw httpErrors.unknownGuild();
    if (!guild.botInstalled) throw httpErrors.missingAccess();
  }
}
