import { randomBytes } from 'node:crypto';
import { type APIGuildMember, type APIUser, ChannelType, type GuildMemberFlags, PermissionFlagsBits } from 'discord-api-types/v10';
import { ALL_PERMISSIONS } from './constants.js';
import type { UploadedFile } from './http.js';
import type { EmulatedMessage } from './messages.js';
import {
  buildGuild,
  DEFAULT_GUILD_SEEDS,
  type EmulatedChannel,
  type EmulatedDmChannel,
  type EmulatedGuild,
  type EmulatedMember,
  type EmulatedThread,
  type EmulatedUser,
  type GuildSeed,
  makeUser,
} from './seeds.js';
import { snowflake } from './snowflake.js';

export interface StateOptions {
  applicationId?: string;
  /** The bot's username and its application's name. Default "Stackwise". */
  applicationName?: string;
  guilds?: GuildSeed[];
}

/** A registered application command as Discord returns it. */
export type ApplicationCommand = Record<string, unknown> & { id: string; name: string; type: number; version: string };

/** A bot token shaped like Discord's: base64 user id, a timestamp part and an HMAC-like part. */
function makeToken(applicationId: string): string {
  const time = Buffer.from(Math.floor(Date.now() / 1000).toString()).toString('base64url');
  return `${Buffer.from(applicationId).toString('base64url')}.${time}.${randomBytes(27).toString('base64url')}`;
}

/** Everything the emulated Discord knows: the bot, guilds with their channels, roles and members, commands and messages. */
export class EmulatorState {
  readonly applicationId: string;
  readonly applicationName: string;
  readonly token: string;
  readonly bot: EmulatedUser;
  readonly guilds: EmulatedGuild[];
  readonly messages = new Map<string, EmulatedMessage>();
  /** Files users attached to command options (ATTACHMENT options), by attachment id. */
  readonly uploads = new Map<string, UploadedFile & { attachmentId: string; channelId: string }>();
  /** Registered commands: key '' for global, else the guild id. */
  readonly commands = new Map<string, ApplicationCommand[]>();
  /** DM channels by id: each user's DM with the bot, and DMs between users. */
  readonly dmChannels = new Map<string, EmulatedDmChannel>();
  /** Users who added the app to their account (a user install). */
  readonly userInstalls = new Set<string>();

  constructor(options: StateOptions = {}) {
    this.applicationId = options.applicationId ?? snowflake();
    this.applicationName = options.applicationName ?? 'Stackwise';
    this.token = makeToken(this.applicationId);
    // A bot user shares its application's id.
    this.bot = makeUser(this.applicationName, this.applicationId, { bot: true });
    this.guilds = (options.guilds ?? DEFAULT_GUILD_SEEDS).map((seed) => buildGuild(seed, this.bot));
    const ids = new Set<string>();
    for (const guild of this.guilds) {
      for (const id of [guild.id, ...guild.channels.map((channel) => channel.id)]) {
        if (ids.has(id)) throw new Error(`emulator: id ${id} is used twice in the guild seeds`);
        ids.add(id);
      }
    }
  }

  guild(guildId: string): EmulatedGuild | undefined {
    return this.guilds.find((candidate) => candidate.id === guildId);
  }

  /** A channel or a thread (Discord's threads are channels too). */
  channel(channelId: string): { guild: EmulatedGuild; channel: EmulatedChannel | EmulatedThread } | undefined {
    for (const guild of this.guilds) {
      const channel =
        guild.channels.find((candidate) => candidate.id === channelId) ?? guild.threads.find((thread) => thread.id === channelId);
      if (channel) return { guild, channel };
    }
    return undefined;
  }

  thread(threadId: string): { guild: EmulatedGuild; thread: EmulatedThread } | undefined {
    for (const guild of this.guilds) {
      const thread = guild.threads.find((candidate) => candidate.id === threadId);
      if (thread) return { guild, thread };
    }
    return undefined;
  }

  /** The guilds that added the app: what the bot sees in READY and GUILD_CREATE. */
  get installedGuilds(): EmulatedGuild[] {
    return this.guilds.filter((guild) => guild.botInstalled);
  }

  /** The DM channel between these users (the bot may be one), made on first use as Discord does (with `id`, if given). */
  dmChannel(userIds: readonly string[], id: string = snowflake()): EmulatedDmChannel {
    const wanted = [...new Set(userIds)].sort();
    if (wanted.length !== 2) throw new Error(`emulator: a DM is between two users, not ${wanted.length}`);
    for (const channel of this.dmChannels.values()) {
      const ids = channel.recipients.map((user) => user.id).sort();
      if (ids[0] === wanted[0] && ids[1] === wanted[1]) return channel;
    }
    const recipients = wanted.map((id) => {
      const user = this.user(id);
      if (!user) throw new Error(`emulator: unknown user ${id}`);
      return user;
    });
    if (this.dmChannels.has(id) || this.channel(id)) throw new Error(`emulator: channel id ${id} is taken`);
    const channel: EmulatedDmChannel = { id, type: ChannelType.DM, recipients, last_message_id: null, flags: 0 };
    this.dmChannels.set(channel.id, channel);
    return channel;
  }

  dm(channelId: string): EmulatedDmChannel | undefined {
    return this.dmChannels.get(channelId);
  }

  /** A DM channel as Discord sends it to one of its recipients: `recipients` lists the others. */
  dmPayload(channel: EmulatedDmChannel, viewerId: string): Record<string, unknown> {
    const others = channel.recipients.filter((user) => user.id !== viewerId).map((user) => this.userPayload(user));
    return { id: channel.id, type: channel.type, recipients: others, last_message_id: channel.last_message_id, flags: channel.flags };
  }

  member(guildId: string, userId: string): EmulatedMember | undefined {
    return this.guild(guildId)?.members.find((candidate) => candidate.user.id === userId);
  }

  user(userId: string): EmulatedUser | undefined {
    if (userId === this.bot.id) return this.bot;
    for (const guild of this.guilds) {
      const found = guild.members.find((candidate) => candidate.user.id === userId);
      if (found) return found.user;
    }
    return undefined;
  }

  /** Guild-level permissions: @everyone, plus the member's roles; the owner and administrators have all. */
  memberPermissions(guildId: string, userId: string): bigint {
    const guild = this.guild(guildId);
    const member = this.member(guildId, userId);
    if (!guild || !member) return 0n;
    if (guild.ownerId === userId) return ALL_PERMISSIONS;
    let permissions = 0n;
    for (const role of guild.roles) {
      if (role.id === guild.everyoneRoleId || member.roles.includes(role.id)) permissions |= BigInt(role.permissions);
    }
    return permissions & PermissionFlagsBits.Administrator ? ALL_PERMISSIONS : permissions;
  }

  /** A member as Discord sends it, optionally with the permissions it has in an interaction's channel. */
  memberPayload(member: EmulatedMember, permissions?: bigint): APIGuildMember & { permissions?: string } {
    const { locale: _locale, ...user } = member.user;
    return {
      user,
      roles: member.roles,
      joined_at: member.joined_at,
      nick: null,
      avatar: null,
      banner: null,
      premium_since: null,
      communication_disabled_until: null,
      deaf: false,
      mute: false,
      flags: 0 as GuildMemberFlags,
      pending: false,
      ...(permissions === undefined ? {} : { permissions: permissions.toString() }),
    };
  }

  /** A user as Discord sends it (without the emulator's own fields). */
  userPayload(user: EmulatedUser): APIUser {
    const { locale: _locale, ...rest } = user;
    return rest;
  }

  /** The guild object of GET /guilds/{id}. */
  guildPayload(guild: EmulatedGuild): Record<string, unknown> {
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      splash: null,
      discovery_splash: null,
      owner_id: guild.ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 1,
      explicit_content_filter: 0,
      mfa_level: 0,
      system_channel_id: guild.channelId,
      system_channel_flags: 0,
      rules_channel_id: null,
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      premium_subscription_count: 0,
      premium_progress_bar_enabled: false,
      preferred_locale: guild.locale,
      nsfw_level: 0,
      features: [],
      roles: guild.roles,
      emojis: [],
      stickers: [],
    };
  }

  /** The GUILD_CREATE payload discord.js builds a Guild from. */
  guildCreatePayload(guild: EmulatedGuild): Record<string, unknown> {
    const bot = guild.members.find((member) => member.user.id === this.bot.id)!;
    return {
      ...this.guildPayload(guild),
      unavailable: false,
      large: false,
      member_count: guild.members.length,
      joined_at: bot.joined_at,
      channels: guild.channels,
      // With the Guilds intent only, Discord sends the bot's own member.
      members: [this.memberPayload(bot)],
      threads: guild.threads,
      voice_states: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }
}
