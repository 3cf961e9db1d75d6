import { ChannelType, PermissionFlagsBits } from 'discord-api-types/v10';
import { snowflake } from './snowflake.js';

/** What a test may say about a guild; everything left out gets a sensible default. */
export interface GuildSeed {
  name: string;
  id?: string;
  /** The guild's preferred_locale (interactions' guild_locale). Default 'en-US'. */
  locale?: string;
  /**
   * Channels, the first one being the guild's main (text) channel. Default: one text channel, "general".
   * `type: 'forum'` makes a forum channel (type 15), where people create posts (threads).
   */
  channels?: (string | { name: string; id?: string; type?: 'text' | 'forum' })[];
  /** Permissions of @everyone. Default: view channels, send messages, read history, use commands. */
  everyonePermissions?: bigint | string;
  /** Roles besides @everyone. Default: "Moderator" with Manage Server. */
  roles?: { name: string; id?: string; permissions?: bigint | string }[];
  /** Members by role name. Default: "<x>-moderator" (Moderator) and "<x>-member" (no role). */
  members?: { username: string; id?: string; roles?: string[]; locale?: string; bot?: boolean }[];
  /**
   * Whether the guild has added the app (a guild install, with its bot). Default true. A guild that has not is
   * never in READY or GUILD_CREATE and refuses the bot's REST calls (50001); its members reach the app only
   * through a user install.
   */
  botInstalled?: boolean;
  /** What the bot's managed role grants. Default: view, send, embed links, attach files, read history, external emoji. */
  botPermissions?: bigint | string;
}

export interface EmulatedUser {
  id: string;
  username: string;
  global_name: string;
  discriminator: '0';
  avatar: null;
  bot?: boolean;
  /** Not part of Discord's user object: the locale the user's client sends in interactions. */
  locale?: string;
}

interface EmulatedRole {
  id: string;
  name: string;
  permissions: string;
  position: number;
  color: number;
  hoist: boolean;
  managed: boolean;
  mentionable: boolean;
  flags: number;
  tags?: Record<string, string>;
}

export interface EmulatedChannel {
  id: string;
  type: number;
  guild_id: string;
  name: string;
  position: number;
  permission_overwrites: unknown[];
  nsfw: boolean;
  topic: string | null;
  parent_id: string | null;
  last_message_id: string | null;
  rate_limit_per_user: number;
  flags: number;
  /** Forum channels only. */
  available_tags?: unknown[];
  default_reaction_emoji?: null;
  default_sort_order?: null;
  default_forum_layout?: number;
}

/** A thread: a forum post, or a thread in a text channel. Discord sends it as a channel. */
export interface EmulatedThread {
  id: string;
  type: number;
  guild_id: string;
  parent_id: string;
  owner_id: string;
  name: string;
  last_message_id: string | null;
  message_count: number;
  member_count: number;
  total_message_sent: number;
  rate_limit_per_user: number;
  flags: number;
  applied_tags: string[];
  thread_metadata: {
    archived: boolean;
    auto_archive_duration: number;
    archive_timestamp: string;
    locked: boolean;
    create_timestamp: string;
  };
}

/** A DM channel: with the bot (its recipients include it) or between users (a private channel to the bot). */
export interface EmulatedDmChannel {
  id: string;
  type: ChannelType.DM;
  recipients: EmulatedUser[];
  last_message_id: string | null;
  flags: number;
}

export interface EmulatedMember {
  user: EmulatedUser;
  roles: string[];
  joined_at: string;
}

export interface EmulatedGuild {
  id: string;
  name: string;
  locale: string;
  ownerId: string;
  /** The first text channel. */
  channelId: string;
  everyoneRoleId: string;
  /** The first role granting Manage Server (the "Moderator" role by default). */
  moderatorRoleId: string;
  /** The first member with Manage Server or Administrator through a role. */
  moderator: EmulatedUser;
  /** The first member without it. */
  member: EmulatedUser;
  channels: EmulatedChannel[];
  /** Active threads (forum posts and threads in text channels), oldest first. */
  threads: EmulatedThread[];
  roles: EmulatedRole[];
  /** Every member: the owner, the seeded members and the bot (when installed). */
  members: EmulatedMember[];
  /** Whether the guild has added the app; see GuildSeed.botInstalled. */
  botInstalled: boolean;
}

export const DEFAULT_GUILD_SEEDS: GuildSeed[] = [{ name: 'Stackwise Sandbox A' }, { name: 'Stackwise Sandbox B' }];

const EVERYONE_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseApplicationCommands;
const MODERATOR_PERMISSIONS = EVERYONE_PERMISSIONS | PermissionFlagsBits.ManageGuild;
/** What the bot's managed role grants: what an invite with the usual scopes would ask for. */
const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.UseExternalEmojis;

const MODERATION = PermissionFlagsBits.ManageGuild | PermissionFlagsBits.Administrator;

export function makeUser(username: string, id: string = snowflake(), extra: Partial<EmulatedUser> = {}): EmulatedUser {
  return { id, username, global_name: username, discriminator: '0', avatar: null, ...extra };
}

function role(id: string, name: string, permissions: bigint, position: number, extra: Partial<EmulatedRole> = {}): EmulatedRole {
  return {
    id,
    name,
    permissions: permissions.toString(),
    position,
    color: 0,
    hoist: false,
    managed: false,
    mentionable: false,
    flags: 0,
    ...extra,
  };
}

function channel(
  guildId: string,
  name: string,
  position: number,
  id: string = snowflake(),
  type: 'text' | 'forum' = 'text',
): EmulatedChannel {
  const forum =
    type === 'forum' ? { available_tags: [], default_reaction_emoji: null, default_sort_order: null, default_forum_layout: 0 } : {};
  return {
    id,
    type: type === 'forum' ? ChannelType.GuildForum : ChannelType.GuildText,
    guild_id: guildId,
    name,
    position,
    permission_overwrites: [],
    nsfw: false,
    topic: null,
    parent_id: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0,
    ...forum,
  };
}

/** Turns a seed into a full guild: ids, @everyone, the bot's managed role, and a moderator and a member. */
export function buildGuild(seed: GuildSeed, bot: EmulatedUser): EmulatedGuild {
  const id = seed.id ?? snowflake();
  const slug = seed.name.split(/\s+/).at(-1)!.toLowerCase();
  const joinedAt = new Date().toISOString();

  const roles = [role(id, '@everyone', BigInt(seed.everyonePermissions ?? EVERYONE_PERMISSIONS), 0)];
  for (const [index, spec] of (seed.roles ?? [{ name: 'Moderator', permissions: MODERATOR_PERMISSIONS }]).entries()) {
    roles.push(role(spec.id ?? snowflake(), spec.name, BigInt(spec.permissions ?? EVERYONE_PERMISSIONS), index + 1));
  }
  const roleNamed = (name: string) => {
    const found = roles.find((candidate) => candidate.name === name);
    if (!found) throw new Error(`emulator: guild "${seed.name}" has no role "${name}"`);
    return found.id;
  };
  const isModeration = (roleIds: string[]) =>
    roles.some((candidate) => roleIds.includes(candidate.id) && (BigInt(candidate.permissions) & MODERATION) !== 0n);

  const members: EmulatedMember[] = (
    seed.members ?? [{ username: `${slug}-moderator`, roles: ['Moderator'] }, { username: `${slug}-member` }]
  ).map((spec) => ({
    user: makeUser(spec.username, spec.id, { ...(spec.locale ? { locale: spec.locale } : {}), ...(spec.bot ? { bot: true } : {}) }),
    roles: (spec.roles ?? []).map(roleNamed),
    joined_at: joinedAt,
  }));
  // Tests rely on guild.moderator and guild.member, so a seed without one of them gets it added.
  let moderatorRole = roles.find((candidate) => candidate.id !== id && (BigInt(candidate.permissions) & MODERATION) !== 0n);
  if (!moderatorRole) {
    moderatorRole = role(snowflake(), 'Moderator', MODERATOR_PERMISSIONS, roles.length);
    roles.push(moderatorRole);
  }
  if (!members.some((candidate) => isModeration(candidate.roles))) {
    members.push({ user: makeUser(`${slug}-moderator`), roles: [moderatorRole.id], joined_at: joinedAt });
  }
  if (!members.some((candidate) => !isModeration(candidate.roles) && !candidate.user.bot)) {
    members.push({ user: makeUser(`${slug}-member`), roles: [], joined_at: joinedAt });
  }
  const moderator = members.find((candidate) => isModeration(candidate.roles))!.user;
  const member = members.find((candidate) => !isModeration(candidate.roles) && !candidate.user.bot)!.user;

  // The owner has every permission, so it is neither the moderator nor the member.
  const owner = makeUser(`${slug}-owner`);
  const botInstalled = seed.botInstalled ?? true;
  members.unshift({ user: owner, roles: [], joined_at: joinedAt });
  if (botInstalled) {
    const botRole = role(snowflake(), bot.username, BigInt(seed.botPermissions ?? BOT_PERMISSIONS), roles.length, {
      managed: true,
      tags: { bot_id: bot.id },
    });
    roles.push(botRole);
    members.push({ user: bot, roles: [botRole.id], joined_at: joinedAt });
  }

  const channels = (seed.channels ?? ['general']).map((spec, index) =>
    typeof spec === 'string' ? channel(id, spec, index) : channel(id, spec.name, index, spec.id, spec.type),
  );
  if (channels[0]?.type !== ChannelType.GuildText) throw new Error(`emulator: guild "${seed.name}" needs a text channel first`);

  return {
    id,
    name: seed.name,
    locale: seed.locale ?? 'en-US',
    ownerId: owner.id,
    channelId: channels[0]!.id,
    everyoneRoleId: id,
    moderatorRoleId: moderatorRole.id,
    moderator,
    member,
    channels,
    threads: [],
    roles,
    members,
    botInstalled,
  };
}
