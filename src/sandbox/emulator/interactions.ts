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
  PermissionFlagsBits,
} from 'discord-api-types/v10';
import type { InteractionLedger, InteractionRecord, InteractionResponse } from './ledger.js';
import { apiMessage, type EmulatedMessage } from './messages.js';
import type { EmulatedGuild, EmulatedMember, EmulatedUser } from './seeds.js';
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

/**
 * Who acts, and where. In a guild (`guildId`), the channel defaults to its main channel. Without a guild, the
 * interaction comes from a DM: `channelId` names one (see `DiscordEmulator.dmChannel`), else the user's DM with
 * the bot.
 */
export interface ActorInput {
  guildId?: string;
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
  guildId: string;
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

/** Where an interaction happens: a guild channel, the user's DM with the bot, or a DM between users. */
interface Place {
  context: InteractionContextType;
  user: EmulatedUser;
  channelId: string;
  /** The channel as the interaction carries it. */
  channel: Json;
  guild?: EmulatedGuild;
  member?: EmulatedMember;
}

/** Who authorized the app for an interaction: the guild install (a guild id, or "0" in the bot's DM) and the user install. */
type Owners = Partial<Record<ApplicationIntegrationType, string>>;

const CONTEXT_NAMES: Record<number, string> = {
  [InteractionContextType.Guild]: 'a guild',
  [InteractionContextType.BotDM]: "a DM with the app's bot",
  [InteractionContextType.PrivateChannel]: 'a DM or group DM without the bot',
};
const ALL_CONTEXTS = [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel];
/** What Discord gives an app in DMs (app_permissions): attach files, embed links, mention everyone; in its own DM, external emoji too. */
const DM_APP_PERMISSIONS = PermissionFlagsBits.AttachFiles | PermissionFlagsBits.EmbedLinks | PermissionFlagsBits.MentionEveryone;

/** Builds INTERACTION_CREATE payloads the way Discord sends them, and opens each in the ledger. */
export class InteractionFactory {
  constructor(
    private readonly state: EmulatorState,
    private readonly ledger: InteractionLedger,
    /** Where the emulator serves files, e.g. http://127.0.0.1:1234 */
    private readonly attachmentBase: () => string,
  ) {}

  command(input: CommandInput): PreparedInteraction {
    const place = this.actor(input);
    const schema = this.registered(place, input.name, ApplicationCommandType.ChatInput);
    const owners = this.commandOwners(place, schema, `/${input.name}`);
    const { options, resolved } = this.options(place, schema, input);
    return this.open(place, input, owners, InteractionType.ApplicationCommand, {
      id: schema?.id ?? snowflake(),
      name: input.name,
      type: ApplicationCommandType.ChatInput,
      ...(schema?.guild_id ? { guild_id: schema.guild_id } : {}),
      ...(options.length ? { options } : {}),
      ...(resolved ? { resolved } : {}),
    });
  }

  autocomplete(input: AutocompleteInput): PreparedInteraction {
    const place = this.actor(input);
    const schema = this.registered(place, input.name, ApplicationCommandType.ChatInput);
    const owners = this.commandOwners(place, schema, `/${input.name}`);
    const typed = { ...input.options, [input.focused]: input.value ?? input.options?.[input.focused] ?? '' };
    const { options } = this.options(place, schema, { ...input, options: typed }, input.focused);
    return this.open(place, input, owners, InteractionType.ApplicationCommandAutocomplete, {
      id: schema?.id ?? snowflake(),
      name: input.name,
      type: ApplicationCommandType.ChatInput,
      ...(schema?.guild_id ? { guild_id: schema.guild_id } : {}),
      options,
    });
  }

  button(input: ButtonInput): PreparedInteraction {
    const message = this.visibleMessage(input.messageId, input.userId);
    const place = this.placeOf(message, input.userId);
    return this.open(
      place,
      input,
      this.messageOwners(message),
      InteractionType.MessageComponent,
      { custom_id: input.customId, component_type: ComponentType.Button },
      { message },
    );
  }

  messageContextMenu(input: MessageContextMenuInput): PreparedInteraction {
    const message = this.visibleMessage(input.messageId, input.userId);
    const place = this.placeOf(message, input.userId);
    const schema = this.registered(place, input.name, ApplicationCommandType.Message);
    const owners = this.commandOwners(place, schema, `"${input.name}"`);
    return this.open(place, input, owners, InteractionType.ApplicationCommand, {
      id: schema?.id ?? snowflake(),
      name: input.name,
      type: ApplicationCommandType.Message,
      ...(schema?.guild_id ? { guild_id: schema.guild_id } : {}),
      target_id: message.id,
      resolved: { messages: { [message.id]: apiMessage(message) } },
    });
  }

  userContextMenu(input: UserContextMenuInput): PreparedInteraction {
    const place = this.actor(input);
    const schema = this.registered(place, input.name, ApplicationCommandType.User);
    const owners = this.commandOwners(place, schema, `"${input.name}"`);
    return this.open(place, input, owners, InteractionType.ApplicationCommand, {
      id: schema?.id ?? snowflake(),
      name: input.name,
      type: ApplicationCommandType.User,
      ...(schema?.guild_id ? { guild_id: schema.guild_id } : {}),
      target_id: input.targetUserId,
      resolved: this.resolveIds(place, [{ id: input.targetUserId, type: ApplicationCommandOptionType.User }], input.userId),
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
    const channelId = input.channelId ?? opener?.channelId;
    // A modal shown in a DM is submitted there; otherwise in the guild given or where it was shown.
    const inDm = channelId !== undefined && this.state.dm(channelId) !== undefined;
    const guildId = inDm ? undefined : (input.guildId ?? opener?.guildId);
    if (!guildId && !inDm)
      throw new Error(`emulator: no modal "${input.customId}" was shown to user ${input.userId}; pass guildId to submit one anyway`);
    const source = opener?.sourceMessageId ? this.state.messages.get(opener.sourceMessageId) : undefined;
    const actor = {
      ...(guildId ? { guildId } : {}),
      userId: input.userId,
      ...(channelId ? { channelId } : {}),
      ...(input.locale ? { locale: input.locale } : {}),
    };
    const place = this.actor(actor);
    const owners = opener?.authorizingOwners ?? this.defaultOwners(place);
    const components = opener?.modal ? this.mirrorModal(opener.modal, input.fields) : this.rowsOf(input.fields);
    return this.open(
      place,
      actor,
      owners,
      InteractionType.ModalSubmit,
      { custom_id: input.customId, components },
      source ? { message: source } : {},
    );
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
    return message;
  }

  /** Where a message is, as the place an interaction on it comes from. */
  private placeOf(message: EmulatedMessage, userId: string): Place {
    return this.actor(
      message.guild_id ? { guildId: message.guild_id, userId, channelId: message.channel_id } : { userId, channelId: message.channel_id },
    );
  }

  private actor(actor: ActorInput): Place {
    const user = this.state.user(actor.userId);
    if (!actor.guildId) {
      if (!user) throw new Error(`emulator: unknown user ${actor.userId}`);
      const dm = actor.channelId ? this.state.dm(actor.channelId) : this.state.dmChannel([user.id, this.state.bot.id]);
      if (!dm) throw new Error(`emulator: ${actor.channelId} is not a DM channel; pass guildId for a guild channel`);
      if (!dm.recipients.some((recipient) => recipient.id === user.id)) throw new Error(`emulator: user ${user.id} is not in DM ${dm.id}`);
      const withBot = dm.recipients.some((recipient) => recipient.id === this.state.bot.id);
      return {
        context: withBot ? InteractionContextType.BotDM : InteractionContextType.PrivateChannel,
        user,
        channelId: dm.id,
        channel: this.state.dmPayload(dm, user.id),
      };
    }
    const guild = this.state.guild(actor.guildId);
    if (!guild) throw new Error(`emulator: unknown guild ${actor.guildId}`);
    const member = guild.members.find((candidate) => candidate.user.id === actor.userId);
    if (!member) throw new Error(`emulator: user ${actor.userId} is not a member of ${guild.name}`);
    const channelId = actor.channelId ?? guild.channelId;
    const channel =
      guild.channels.find((candidate) => candidate.id === channelId) ?? guild.threads.find((candidate) => candidate.id === channelId);
    if (!channel) throw new Error(`emulator: channel ${channelId} is not in ${guild.name}`);
    // Discord sends the invoker's permissions on the channel; discord-api-types' channel type has no field for them.
    const permissions = this.state.memberPermissions(guild.id, member.user.id).toString();
    return { context: InteractionContextType.Guild, user: member.user, channelId, channel: { ...channel, permissions }, guild, member };
  }

  /**
   * The registered command a user would pick: in a guild that added the app, its guild command first, else a
   * global one; elsewhere only global ones exist.
   */
  private registered(place: Place, name: string, type: number): ApplicationCommand | undefined {
    const matches = (command: ApplicationCommand) => command.name === name && command.type === type;
    const inGuild = place.guild?.botInstalled ? (this.state.commands.get(place.guild.id) ?? []).find(matches) : undefined;
    return inGuild ?? (this.state.commands.get('') ?? []).find(matches);
  }

  /**
   * authorizing_integration_owners for a command, as Discord fills it: the guild install where the guild added
   * the app (in the bot's DM, "0"), the user install when this user added it to their account, each only if the
   * command is installable that way. A command not offered in this context, or by no installation here, throws:
   * a Discord client would not show it.
   */
  private commandOwners(place: Place, schema: ApplicationCommand | undefined, label: string): Owners {
    if (!schema) return this.defaultOwners(place);
    const guildCommand = Boolean(schema.guild_id);
    const types = guildCommand
      ? [ApplicationIntegrationType.GuildInstall]
      : ((schema.integration_types as number[] | undefined) ?? [ApplicationIntegrationType.GuildInstall]);
    const contexts = guildCommand ? [InteractionContextType.Guild] : ((schema.contexts as number[] | null | undefined) ?? ALL_CONTEXTS);
    if (!contexts.includes(place.context))
      throw new Error(`emulator: ${label} is not offered in ${CONTEXT_NAMES[place.context]} (its contexts are ${contexts.join(', ')})`);
    const owners: Owners = {};
    if (types.includes(ApplicationIntegrationType.GuildInstall)) {
      if (place.context === InteractionContextType.Guild && place.guild?.botInstalled)
        owners[ApplicationIntegrationType.GuildInstall] = place.guild.id;
      if (place.context === InteractionContextType.BotDM) owners[ApplicationIntegrationType.GuildInstall] = '0';
    }
    if (types.includes(ApplicationIntegrationType.UserInstall) && this.state.userInstalls.has(place.user.id))
      owners[ApplicationIntegrationType.UserInstall] = place.user.id;
    if (Object.keys(owners).length === 0)
      throw new Error(
        `emulator: ${label} is not available to user ${place.user.id} in ${CONTEXT_NAMES[place.context]}: no installation of the app covers it here`,
      );
    return owners;
  }

  /** For what no registered command decides: the guild install where there is one, else the user's own. */
  private defaultOwners(place: Place): Owners {
    if (place.context === InteractionContextType.Guild && place.guild?.botInstalled)
      return { [ApplicationIntegrationType.GuildInstall]: place.guild.id };
    if (place.context === InteractionContextType.BotDM) return { [ApplicationIntegrationType.GuildInstall]: '0' };
    return { [ApplicationIntegrationType.UserInstall]: place.user.id };
  }

  /** A component's interaction is authorized as the interaction that made its message was; a bot's own post, by where it is. */
  private messageOwners(message: EmulatedMessage): Owners {
    const fromInteraction = message.interaction_metadata?.authorizing_integration_owners as Owners | undefined;
    if (fromInteraction && Object.keys(fromInteraction).length) return fromInteraction;
    return message.guild_id
      ? { [ApplicationIntegrationType.GuildInstall]: message.guild_id }
      : { [ApplicationIntegrationType.GuildInstall]: '0' };
  }

  /**
   * Options as Discord nests and types them. A registered command decides the types and refuses
   * what a Discord client could not send (unknown options, a missing required one, a value
   * outside its choices, a missing subcommand); an unregistered one gets types from the values.
   */
  private options(place: Place, schema: ApplicationCommand | undefined, input: CommandInput, focused?: string) {
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
        const attachment = this.upload(where, name, place.channelId, raw);
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
    const resolved = resolvable.length ? this.resolveIds(place, resolvable, input.userId) : undefined;
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

  /**
   * data.resolved for user, member, role and channel ids, as Discord sends it (channels with the invoker's
   * permissions). Outside a guild only users resolve, with no member.
   */
  private resolveIds(place: Place, ids: { id: string; type: number }[], invokerId: string): Json {
    const users: Json = {};
    const members: Json = {};
    const roles: Json = {};
    const channels: Json = {};
    const guild = place.guild;
    for (const { id, type } of ids) {
      if (!guild) {
        const user = this.state.user(id);
        if (!user || (type !== ApplicationCommandOptionType.User && type !== ApplicationCommandOptionType.Mentionable))
          throw new Error(`emulator: ${id} is not a user one can pick in a DM`);
        users[id] = this.state.userPayload(user);
        continue;
      }
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

  private open(
    place: Place,
    input: { locale?: string },
    owners: Owners,
    type: number,
    data: Json,
    extra: { message?: EmulatedMessage } = {},
  ): PreparedInteraction {
    const { guild, member, user } = place;
    const { record, response } = this.ledger.open({
      id: snowflake(),
      token: `aW50ZXJhY3Rpb246${randomBytes(48).toString('base64url')}`,
      type,
      ...(guild ? { guildId: guild.id } : {}),
      channelId: place.channelId,
      userId: user.id,
      context: place.context,
      authorizingOwners: owners,
      ...(extra.message ? { sourceMessageId: extra.message.id } : {}),
      ...(type === InteractionType.ApplicationCommand || type === InteractionType.ApplicationCommandAutocomplete
        ? { command: { name: String(data.name), type: Number(data.type), invoked: invokedName(data) } }
        : {}),
    });
    const appPermissions = guild?.botInstalled
      ? this.state.memberPermissions(guild.id, this.state.bot.id)
      : place.context === InteractionContextType.BotDM
        ? DM_APP_PERMISSIONS | PermissionFlagsBits.UseExternalEmojis
        : DM_APP_PERMISSIONS;
    // In a guild Discord sends the member (with the user inside it); in a DM, the user.
    const who =
      guild && member
        ? {
            guild_id: guild.id,
            guild: { id: guild.id, locale: guild.locale as Locale, features: [] },
            guild_locale: guild.locale as Locale,
            member: { ...this.state.memberPayload(member), permissions: this.state.memberPermissions(guild.id, user.id).toString() },
          }
        : { user: this.state.userPayload(user) };
    const payload = {
      id: record.id,
      application_id: this.state.applicationId,
      type,
      data,
      ...who,
      channel_id: place.channelId,
      channel: place.channel as unknown as InteractionPayload['channel'],
      token: record.token,
      version: 1,
      app_permissions: appPermissions.toString(),
      locale: (input.locale ?? user.locale ?? 'en-US') as Locale,
      entitlements: [],
      authorizing_integration_owners: owners,
      context: place.context,
      attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
      ...(extra.message ? { message: apiMessage(extra.message) } : {}),
    } satisfies InteractionPayload;
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
