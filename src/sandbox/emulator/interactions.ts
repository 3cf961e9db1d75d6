import { randomBytes } from 'node:crypto';
import {
  type APIBaseInteraction,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ComponentType,
  InteractionContextType,
  InteractionType,
  type Locale,
} from 'discord-api-types/v10';
import type { InteractionLedger, InteractionRecord, InteractionResponse } from './ledger.js';
import { apiMessage, type EmulatedMessage } from './messages.js';
import type { EmulatedGuild } from './seeds.js';
import { snowflake } from './snowflake.js';
import type { ApplicationCommand, EmulatorState } from './state.js';

type Json = Record<string, unknown>;

/** INTERACTION_CREATE as the emulator sends it: Discord's interaction fields, with `data` built per type. */
export type InteractionPayload = APIBaseInteraction<InteractionType, Json>;
/** A file a user attaches to an ATTACHMENT option. */
interface AttachmentUpload {
  filename: string;
  content: string | Buffer;
  contentType?: string;
}

export type OptionValue = string | number | boolean | AttachmentUpload;

/** Discord's attachment_size_limit for a server without boosts. */
const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

/** Who acts, and where. The channel defaults to the guild's main channel. */
export interface ActorInput {
  guildId: string;
  userId: string;
  channelId?: string;
  /** The user's client locale. Default: the seeded user's, else 'en-US'. */
  locale?: string;
}

export interface CommandInput extends ActorInput {
  name: string;
  /** Option values by name. Types come from the registered command; unregistered ones are inferred. */
  options?: Record<string, OptionValue>;
  subcommand?: string;
  subcommandGroup?: string;
}

export interface AutocompleteInput extends CommandInput {
  /** The option being typed; its partial text is options[focused] (or `value`). */
  focused: string;
  value?: string;
}

export interface ButtonInput {
  messageId: string;
  customId: string;
  userId: string;
  locale?: string;
}

export interface ModalInput {
  customId: string;
  /** Text input values by custom_id (a string[] answers a select menu inside a label). */
  fields: Record<string, string | string[]>;
  userId: string;
  /** Default: where the modal was shown. */
  guildId?: string;
  channelId?: string;
  locale?: string;
}

export interface MessageContextMenuInput {
  name: string;
  messageId: string;
  userId: string;
  locale?: string;
}

export interface UserContextMenuInput extends ActorInput {
  name: string;
  targetUserId: string;
}

export interface PreparedInteraction {
  record: InteractionRecord;
  payload: InteractionPayload;
  response: Promise<InteractionResponse>;
}

function inferOptionType(value: OptionValue): number {
  if (typeof value === 'object') return ApplicationCommandOptionType.Attachment;
  if (typeof value === 'boolean') return ApplicationCommandOptionType.Boolean;
  if (typeof value === 'number')
    return Number.isInteger(value) ? ApplicationCommandOptionType.Integer : ApplicationCommandOptionType.Number;
  return ApplicationCommandOptionType.String;
}

const list = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);

/** Builds INTERACTION_CREATE payloads the way Discord sends them, and opens each in the ledger. */
export class InteractionFactory {
  constructor(
    private readonly state: EmulatorState,
    private readonly ledger: InteractionLedger,
    /** Where the emulator serves files, e.g. http://127.0.0.1:1234 */
    private readonly attachmentBase: () => string,
  ) {}

  command(input: CommandInput): PreparedInteraction {
    const { guild } = this.actor(input);
    const schema = this.registered(guild.id, input.name, ApplicationCommandType.ChatInput);
    const { options, resolved } = this.options(guild, schema, input);
    return this.open(input, InteractionType.ApplicationCommand, {
      id: schema?.id ?? snowflake(),
      name: input.name,
      type: ApplicationCommandType.ChatInput,
      ...(schema?.guild_id ? { guild_id: schema.guild_id } : {}),
      ...(options.length ? { options } : {}),
      ...(resolved ? { resolved } : {}),
    });
  }

  autocomplete(input: AutocompleteInput): PreparedInteraction {
    const { guild } = this.actor(input);
    const schema = this.registered(guild.id, input.name, ApplicationCommandType.ChatInput);
    const typed = { ...input.options, [input.focused]: input.value ?? input.options?.[input.focused] ?? '' };
    const { options } = this.options(guild, schema, { ...input, options: typed }, input.focused);
    return this.open(input, InteractionType.ApplicationCommandAutocomplete, {
      id: schema?.id ?? snowflake(),
      name: input.name,
      type: ApplicationCommandType.ChatInput,
      ...(schema?.guild_id ? { guild_id: schema.guild_id } : {}),
      options,
    });
  }

  button(input: ButtonInput): PreparedInteraction {
    const message = this.visibleMessage(input.messageId, input.userId);
    return this.open(
      {
        guildId: message.guild_id!,
        userId: input.userId,
        channelId: message.channel_id,
        ...(input.locale ? { locale: input.locale } : {}),
      },
      InteractionType.MessageComponent,
      { custom_id: input.customId, component_type: ComponentType.Button },
      { message },
    );
  }

  messageContextMenu(input: MessageContextMenuInput): PreparedInteraction {
    const message = this.visibleMessage(input.messageId, input.userId);
    const actor = {
      guildId: message.guild_id!,
      userId: input.userId,
      channelId: message.channel_id,
      ...(input.locale ? { locale: input.locale } : {}),
    };
    const schema = this.registered(actor.guildId, input.name, ApplicationCommandType.Message);
    return this.open(actor, InteractionType.ApplicationCommand, {
      id: schema?.id ?? snowflake(),
      name: input.name,
      type: ApplicationCommandType.Message,
      ...(schema?.guild_id ? { guild_id: schema.guild_id } : {}),
      target_id: message.id,
      resolved: { messages: { [message.id]: apiMessage(message) } },
    });
  }

  userContextMenu(input: UserContextMenuInput): PreparedInteraction {
    const { guild } = this.actor(input);
    const schema = this.registered(guild.id, input.name, ApplicationCommandType.User);
    return this.open(input, InteractionType.ApplicationCommand, {
      id: schema?.id ?? snowflake(),
      name: input.name,
      type: ApplicationCommandType.User,
      ...(schema?.guild_id ? { guild_id: schema.guild_id } : {}),
      target_id: input.targetUserId,
      resolved: this.resolveIds(guild, [{ id: input.targetUserId, type: ApplicationCommandOptionType.User }], input.userId),
    });
  }

  /**
   * A modal submission. If the bot showed this user a modal with that custom_id, the submission
   * mirrors its layout (labels or action rows), happens where it was shown, and carries the
   * message when a button opened it.
   */
  modalSubmit(input: ModalInput): PreparedInteraction {
    const opener = this.ledger
      .all()
      .reverse()
      .find((record) => record.userId === input.userId && record.modal?.custom_id === input.customId);
    const guildId = input.guildId ?? opener?.guildId;
    if (!guildId)
      throw new Error(`emulator: no modal "${input.customId}" was shown to user ${input.userId}; pass guildId to submit one anyway`);
    const source = opener?.sourceMessageId ? this.state.messages.get(opener.sourceMessageId) : undefined;
    const actor = {
      guildId,
      userId: input.userId,
      ...((input.channelId ?? opener?.channelId) ? { channelId: input.channelId ?? opener?.channelId } : {}),
      ...(input.locale ? { locale: input.locale } : {}),
    };
    const components = opener?.modal ? this.mirrorModal(opener.modal, input.fields) : this.rowsOf(input.fields);
    return this.open(actor, InteractionType.ModalSubmit, { custom_id: input.customId, components }, source ? { message: source } : {});
  }

  private mirrorModal(modal: Json, fields: Record<string, string | string[]>): Json[] {
    const known = new Set<string>();
    let nextId = 1;
    const answer = (component: Json): Json => {
      const customId = String(component.custom_id);
      known.add(customId);
      const given = fields[customId];
      const id = component.id ?? nextId++;
      if (component.type === ComponentType.TextInput) {
        if (given === undefined && component.required !== false) throw new Error(`emulator: modal field "${customId}" is required`);
        return { type: ComponentType.TextInput, id, custom_id: customId, value: Array.isArray(given) ? given.join('') : (given ?? '') };
      }
      return { type: component.type, id, custom_id: customId, values: given === undefined ? [] : [given].flat() };
    };
    const components = list(modal.components).flatMap((top): Json[] => {
      const id = top.id ?? nextId++;
      if (top.type === ComponentType.ActionRow)
        return [{ type: ComponentType.ActionRow, id, components: list(top.components).map(answer) }];
      if (top.type === ComponentType.Label && top.component)
        return [{ type: ComponentType.Label, id, component: answer(top.component as Json) }];
      return [];
    });
    const unknown = Object.keys(fields).filter((customId) => !known.has(customId));
    if (unknown.length) throw new Error(`emulator: modal "${String(modal.custom_id)}" has no field ${unknown.join(', ')}`);
    return components;
  }

  private rowsOf(fields: Record<string, string | string[]>): Json[] {
    return Object.entries(fields).map(([customId, value]) => ({
      type: ComponentType.ActionRow,
      components: [{ type: ComponentType.TextInput, custom_id: customId, value: [value].flat().join('') }],
    }));
  }

  /** A message the user can see: any channel message, or an ephemeral one shown to them. */
  private visibleMessage(messageId: string, userId: string): EmulatedMessage {
    const message = this.state.messages.get(messageId);
    if (!message) throw new Error(`emulator: unknown message ${messageId}`);
    if (message.visibleTo && message.visibleTo !== userId)
      throw new Error(`emulator: message ${messageId} is ephemeral and not shown to user ${userId}`);
    if (!message.guild_id) throw new Error(`emulator: message ${messageId} is not in a guild`);
    return message;
  }

  private actor(actor: ActorInput) {
    const guild = this.state.guild(actor.guildId);
    if (!guild) throw new Error(`emulator: unknown guild ${actor.guildId}`);
    const member = guild.members.find((candidate) => candidate.user.id === actor.userId);
    if (!member) throw new Error(`emulator: user ${actor.userId} is not a member of ${guild.name}`);
    const channelId = actor.channelId ?? guild.channelId;
    const channel =
      guild.channels.find((candidate) => candidate.id === channelId) ?? guild.threads.find((candidate) => candidate.id === channelId);
    if (!channel) throw new Error(`emulator: channel ${channelId} is not in ${guild.name}`);
    return { guild, member, channel };
  }

  /** The registered command a user would pick: a guild command first, else a global one. */
  private registered(guildId: string, name: string, type: number): ApplicationCommand | undefined {
    const matches = (command: ApplicationCommand) => command.name === name && command.type === type;
    return (this.state.commands.get(guildId) ?? []).find(matches) ?? (this.state.commands.get('') ?? []).find(matches);
  }

  /**
   * Options as Discord nests and types them. A registered command decides the types and refuses
   * what a Discord client could not send (unknown options, a missing required one, a value
   * outside its choices, a missing subcommand); an unregistered one gets types from the values.
   */
  private options(guild: EmulatedGuild, schema: ApplicationCommand | undefined, input: CommandInput, focused?: string) {
    const where = `/${input.name}`;
    let defs = schema ? list(schema.options) : undefined;
    const pick = (name: string | undefined, type: number, label: string, optional = false): Json | undefined => {
      if (!defs) return undefined;
      const kinds = defs.filter((option) => option.type === type);
      if (!name) {
        if (kinds.length && !optional)
          throw new Error(`emulator: ${where} needs a ${label} (one of ${kinds.map((option) => option.name).join(', ')})`);
        return undefined;
      }
      const found = kinds.find((option) => option.name === name);
      if (!found) throw new Error(`emulator: ${where} has no ${label} "${name}"`);
      return found;
    };
    // A command may mix groups and plain subcommands; then a subcommand alone is enough.
    const hasPlainSubcommands = (defs ?? []).some((option) => option.type === ApplicationCommandOptionType.Subcommand);
    const group = pick(input.subcommandGroup, ApplicationCommandOptionType.SubcommandGroup, 'subcommand group', hasPlainSubcommands);
    if (group) defs = list(group.options);
    const sub = pick(input.subcommand, ApplicationCommandOptionType.Subcommand, 'subcommand');
    if (sub) defs = list(sub.options);

    const leaves: Json[] = [];
    const resolvable: { id: string; type: number }[] = [];
    const attachments: Json = {};
    for (const [name, raw] of Object.entries(input.options ?? {})) {
      const def = defs?.find((option) => option.name === name);
      if (defs && !def) throw new Error(`emulator: ${where} has no option "${name}"`);
      const type = Number(def?.type ?? inferOptionType(raw));
      if (name === focused) {
        // What the user has typed so far: always a string, whatever the option's type.
        leaves.push({ name, type, value: String(raw), focused: true });
        continue;
      }
      if (type === ApplicationCommandOptionType.Attachment) {
        const attachment = this.upload(where, name, input.channelId ?? guild.channelId, raw);
        attachments[String(attachment.id)] = attachment;
        leaves.push({ name, type, value: attachment.id });
        continue;
      }
      const value = this.coerce(where, name, type, raw);
      const choices = list(def?.choices);
      if (choices.length && !choices.some((choice) => choice.value === value)) {
        throw new Error(`emulator: ${where} option "${name}" must be one of its choices, not ${JSON.stringify(value)}`);
      }
      leaves.push({ name, type, value });
      if (
        [
          ApplicationCommandOptionType.User,
          ApplicationCommandOptionType.Channel,
          ApplicationCommandOptionType.Role,
          ApplicationCommandOptionType.Mentionable,
        ].includes(type as 6)
      )
        resolvable.push({ id: String(value), type });
    }
    if (defs && focused === undefined) {
      const missing = defs.filter((option) => option.required && !(String(option.name) in (input.options ?? {})));
      if (missing.length) throw new Error(`emulator: ${where} needs option ${missing.map((option) => option.name).join(', ')}`);
    }
    const name = input.subcommand;
    let options = leaves;
    if (name || input.subcommandGroup) {
      const subcommand = { name, type: ApplicationCommandOptionType.Subcommand, options: leaves };
      options = input.subcommandGroup
        ? [{ name: input.subcommandGroup, type: ApplicationCommandOptionType.SubcommandGroup, options: [subcommand] }]
        : [subcommand];
    }
    const resolved = resolvable.length ? this.resolveIds(guild, resolvable, input.userId) : undefined;
    const withAttachments = Object.keys(attachments).length ? { ...resolved, attachments } : resolved;
    return { options, resolved: withAttachments };
  }

  /** Stores a file attached to an option, served at its url like any attachment; returns Discord's attachment object. */
  private upload(where: string, name: string, channelId: string, raw: OptionValue): Json {
    if (typeof raw !== 'object' || typeof raw.filename !== 'string' || raw.filename === '') {
      throw new Error(`emulator: ${where} option "${name}" needs a file ({ filename, content }), not ${JSON.stringify(raw)}`);
    }
    const data = Buffer.isBuffer(raw.content) ? raw.content : Buffer.from(raw.content);
    if (data.length > ATTACHMENT_SIZE_LIMIT)
      throw new Error(`emulator: ${where} option "${name}": ${data.length} bytes is over the attachment size limit`);
    const attachmentId = snowflake();
    const url = `${this.attachmentBase()}/attachments/${channelId}/${attachmentId}/${encodeURIComponent(raw.filename)}`;
    this.state.uploads.set(attachmentId, {
      field: name,
      filename: raw.filename,
      data,
      attachmentId,
      channelId,
      ...(raw.contentType ? { contentType: raw.contentType } : {}),
    });
    return {
      id: attachmentId,
      filename: raw.filename,
      size: data.length,
      url,
      proxy_url: url,
      ...(raw.contentType ? { content_type: raw.contentType } : {}),
      ephemeral: true,
    };
  }

  private coerce(where: string, name: string, type: number, raw: OptionValue): OptionValue {
    const fail = (what: string): never => {
      throw new Error(`emulator: ${where} option "${name}" needs ${what}, not ${JSON.stringify(raw)}`);
    };
    switch (type) {
      case ApplicationCommandOptionType.Integer: {
        const value = Number(raw);
        return Number.isInteger(value) ? value : fail('an integer');
      }
      case ApplicationCommandOptionType.Number: {
        const value = Number(raw);
        return Number.isFinite(value) ? value : fail('a number');
      }
      case ApplicationCommandOptionType.Boolean:
        return typeof raw === 'boolean' ? raw : raw === 'true' ? true : raw === 'false' ? false : fail('true or false');
      default:
        return typeof raw === 'object' ? fail('text') : String(raw);
    }
  }

  /** data.resolved for user, member, role and channel ids, as Discord sends it (channels with the invoker's permissions). */
  private resolveIds(guild: EmulatedGuild, ids: { id: string; type: number }[], invokerId: string): Json {
    const users: Json = {};
    const members: Json = {};
    const roles: Json = {};
    const channels: Json = {};
    for (const { id, type } of ids) {
      const member = guild.members.find((candidate) => candidate.user.id === id);
      const role = guild.roles.find((candidate) => candidate.id === id);
      const channel = guild.channels.find((candidate) => candidate.id === id);
      if ((type === ApplicationCommandOptionType.User || type === ApplicationCommandOptionType.Mentionable) && member) {
        users[id] = this.state.userPayload(member.user);
        const { user: _user, ...partial } = this.state.memberPayload(member, this.state.memberPermissions(guild.id, id));
        members[id] = partial;
      } else if ((type === ApplicationCommandOptionType.Role || type === ApplicationCommandOptionType.Mentionable) && role) {
        roles[id] = role;
      } else if (type === ApplicationCommandOptionType.Channel && channel) {
        const permissions = this.state.memberPermissions(guild.id, invokerId).toString();
        channels[id] = { id, name: channel.name, type: channel.type, permissions, parent_id: channel.parent_id };
      } else {
        throw new Error(
          `emulator: ${id} is not a ${type === ApplicationCommandOptionType.Channel ? 'channel' : type === ApplicationCommandOptionType.Role ? 'role' : 'member'} of ${guild.name}`,
        );
      }
    }
    const resolved: Json = {};
    for (const [key, value] of Object.entries({ users, members, roles, channels })) if (Object.keys(value).length) resolved[key] = value;
    return resolved;
  }

  private open(actor: ActorInput, type: number, data: Json, extra: { message?: EmulatedMessage } = {}): PreparedInteraction {
    const { guild, member, channel } = this.actor(actor);
    const user = member.user;
    const permissions = this.state.memberPermissions(guild.id, user.id);
    const { record, response } = this.ledger.open({
      id: snowflake(),
      token: `aW50ZXJhY3Rpb246${randomBytes(48).toString('base64url')}`,
      type,
      guildId: guild.id,
      channelId: channel.id,
      userId: user.id,
      ...(extra.message ? { sourceMessageId: extra.message.id } : {}),
      ...(type === InteractionType.ApplicationCommand || type === InteractionType.ApplicationCommandAutocomplete
        ? { command: { name: String(data.name), type: Number(data.type), invoked: invokedName(data) } }
        : {}),
    });
    // Discord sends the invoker's permissions on the channel; discord-api-types' channel type has no field for them.
    const channelWithPermissions = { ...channel, permissions: permissions.toString() };
    const payload: InteractionPayload = {
      id: record.id,
      application_id: this.state.applicationId,
      type,
      data,
      guild_id: guild.id,
      guild: { id: guild.id, locale: guild.locale as Locale, features: [] },
      channel_id: channel.id,
      channel: channelWithPermissions,
      member: { ...this.state.memberPayload(member), permissions: permissions.toString() },
      user: this.state.userPayload(user),
      token: record.token,
      version: 1,
      app_permissions: this.state.memberPermissions(guild.id, this.state.bot.id).toString(),
      locale: (actor.locale ?? user.locale ?? 'en-US') as Locale,
      guild_locale: guild.locale as Locale,
      entitlements: [],
      authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: guild.id },
      context: InteractionContextType.Guild,
      attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
      ...(extra.message ? { message: apiMessage(extra.message) } : {}),
    };
    return { record, payload, response };
  }
}

/** The command as Discord names it in a reply's interaction: with its subcommand group and subcommand ("faq add"). */
function invokedName(data: Record<string, unknown>): string {
  const names = [String(data.name)];
  let options = data.options as { name: string; type: number; options?: unknown }[] | undefined;
  for (;;) {
    const nested = options?.find(
      (option) => option.type === ApplicationCommandOptionType.Subcommand || option.type === ApplicationCommandOptionType.SubcommandGroup,
    );
    if (!nested) return names.join(' ');
    names.push(nested.name);
    options = nested.options as typeof options;
  }
}
