import { randomBytes } from 'node:crypto';
import { Permission, snowflake } from './protocol.js';

export interface EmulatedUser {
  id: string;
  username: string;
  global_name: string;
  discriminator: '0';
  avatar: null;
  bot?: boolean;
}

export interface EmulatedGuild {
  id: string;
  name: string;
  channelId: string;
  everyoneRoleId: string;
  moderatorRoleId: string;
  /** A moderator (Manage Server through a role) and a plain member. */
  moderator: EmulatedUser;
  member: EmulatedUser;
}

export interface EmulatedMessage {
  id: string;
  channel_id: string;
  guild_id?: string;
  author: EmulatedUser;
  content: string;
  embeds: unknown[];
  components: unknown[];
  attachments: unknown[];
  flags: number;
  type: number;
  timestamp: string;
  edited_timestamp: string | null;
  application_id?: string;
  webhook_id?: string;
  /** Who may see it: everyone in the channel, or only this user (ephemeral). */
  visibleTo?: string;
  allowed_mentions?: unknown;
  mentions: unknown[];
  mention_roles: unknown[];
  mention_everyone: boolean;
  pinned: boolean;
  tts: boolean;
}

function user(name: string): EmulatedUser {
  return { id: snowflake(), username: name, global_name: name, discriminator: '0', avatar: null };
}

function guild(name: string): EmulatedGuild {
  const id = snowflake();
  return {
    id,
    name,
    channelId: snowflake(),
    everyoneRoleId: id,
    moderatorRoleId: snowflake(),
    moderator: user(`${name.split(' ').at(-1)?.toLowerCase()}-moderator`),
    member: user(`${name.split(' ').at(-1)?.toLowerCase()}-member`),
  };
}

/** Everything the emulated Discord knows: the bot, two guilds, their messages and commands. */
export class EmulatorState {
  readonly token = `emulator.${randomBytes(18).toString('base64url')}`;
  readonly applicationId = snowflake();
  readonly bot: EmulatedUser = { ...user('Stackwise'), id: this.applicationId, bot: true };
  readonly guilds: EmulatedGuild[] = [guild('Stackwise Sandbox A'), guild('Stackwise Sandbox B')];
  readonly messages = new Map<string, EmulatedMessage>();
  /** Registered commands: key '' for global, else the guild id. */
  readonly commands = new Map<string, Record<string, unknown>[]>();

  guildOf(guildId: string): EmulatedGuild | undefined {
    return this.guilds.find((candidate) => candidate.id === guildId);
  }

  memberPermissions(guildId: string, userId: string): bigint {
    const seed = this.guildOf(guildId);
    const base = Permission.ViewChannel | Permission.SendMessages;
    return seed?.moderator.id === userId ? base | Permission.ManageGuild : base;
  }

  roleIds(guildId: string, userId: string): string[] {
    const seed = this.guildOf(guildId);
    return seed?.moderator.id === userId ? [seed.moderatorRoleId] : [];
  }

  /** The GUILD_CREATE payload discord.js needs to build a Guild. */
  guildPayload(seed: EmulatedGuild): Record<string, unknown> {
    const everyone = Permission.ViewChannel | Permission.SendMessages;
    return {
      id: seed.id,
      name: seed.name,
      icon: null,
      owner_id: seed.moderator.id,
      unavailable: false,
      member_count: 3,
      large: false,
      joined_at: new Date().toISOString(),
      features: [],
      preferred_locale: 'en-US',
      roles: [
        { id: seed.everyoneRoleId, name: '@everyone', permissions: everyone.toString(), position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 },
        { id: seed.moderatorRoleId, name: 'Moderator', permissions: (everyone | Permission.ManageGuild).toString(), position: 1, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 },
      ],
      channels: [{ id: seed.channelId, type: 0, name: 'general', guild_id: seed.id, position: 0, permission_overwrites: [], nsfw: false }],
      members: [],
      emojis: [],
      stickers: [],
      threads: [],
      voice_states: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
    };
  }

  createMessage(fields: Partial<EmulatedMessage> & { channel_id: string }): EmulatedMessage {
    const message: EmulatedMessage = {
      id: snowflake(),
      author: this.bot,
      content: '',
      embeds: [],
      components: [],
      attachments: [],
      flags: 0,
      type: 0,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      application_id: this.applicationId,
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      ...fields,
    };
    this.messages.set(message.id, message);
    return message;
  }
}
