import { randomBytes } from 'node:crypto';
import { DiscordErrorCode, InteractionType, snowflake } from './protocol.js';
import type { EmulatedMessage, EmulatorState } from './state.js';
import { HttpError } from './rest.js';

export interface InteractionRecord {
  id: string;
  token: string;
  type: number;
  guildId?: string;
  channelId: string;
  userId: string;
  createdAt: number;
  acknowledged: boolean;
  /** The message a component sits on. */
  sourceMessageId?: string;
  /** The reply (or the updated message) that webhooks' @original means. */
  originalMessageId?: string;
}

export interface InteractionResponse {
  type: number;
  data: Record<string, unknown>;
}

/** Tracks every interaction sent and enforces Discord's rules for answering it. */
export class InteractionLedger {
  private readonly records = new Map<string, InteractionRecord>();
  private readonly tokens = new Map<string, InteractionRecord>();
  private readonly waiters = new Map<string, (response: InteractionResponse) => void>();

  constructor(private readonly deadlineMs: number) {}

  open(record: Omit<InteractionRecord, 'acknowledged' | 'createdAt'>): InteractionRecord {
    const full = { ...record, acknowledged: false, createdAt: Date.now() };
    this.records.set(full.id, full);
    this.tokens.set(full.token, full);
    return full;
  }

  record(id: string): InteractionRecord | undefined {
    return this.records.get(id);
  }

  byToken(token: string): InteractionRecord | undefined {
    return this.tokens.get(token);
  }

  /** The first response; a second gets 40060, a late one 10062, as on Discord. */
  acknowledge(id: string, token: string, body: Record<string, unknown>): InteractionRecord {
    const record = this.records.get(id);
    if (!record || record.token !== token) throw new HttpError(404, DiscordErrorCode.UnknownInteraction, 'Unknown interaction');
    if (record.acknowledged) {
      throw new HttpError(400, DiscordErrorCode.AlreadyAcknowledged, 'Interaction has already been acknowledged.');
    }
    if (Date.now() - record.createdAt > this.deadlineMs) {
      throw new HttpError(404, DiscordErrorCode.UnknownInteraction, 'Unknown interaction');
    }
    record.acknowledged = true;
    this.waiters.get(id)?.({ type: Number(body.type), data: (body.data ?? {}) as Record<string, unknown> });
    this.waiters.delete(id);
    return record;
  }

  /** Resolves with the first response, or rejects after `timeoutMs`. */
  waitForResponse(id: string, timeoutMs: number): Promise<InteractionResponse> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(id);
        reject(new Error(`emulator: no response to interaction ${id} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.set(id, (response) => {
        clearTimeout(timer);
        resolve(response);
      });
    });
  }
}

export interface Actor {
  guildId: string;
  userId: string;
  channelId?: string;
}

/** Builds INTERACTION_CREATE payloads the way Discord sends them. */
export class InteractionFactory {
  constructor(
    private readonly state: EmulatorState,
    private readonly ledger: InteractionLedger,
  ) {}

  private base(actor: Actor, type: number, data: Record<string, unknown>, message?: EmulatedMessage) {
    const guild = this.state.guildOf(actor.guildId);
    if (!guild) throw new Error(`emulator: unknown guild ${actor.guildId}`);
    const user = [guild.moderator, guild.member].find((candidate) => candidate.id === actor.userId);
    if (!user) throw new Error(`emulator: unknown user ${actor.userId} in guild ${guild.name}`);
    const channelId = actor.channelId ?? message?.channel_id ?? guild.channelId;
    const record = this.ledger.open({
      id: snowflake(),
      token: `token.${randomBytes(24).toString('base64url')}`,
      type,
      guildId: guild.id,
      channelId,
      userId: user.id,
      ...(message ? { sourceMessageId: message.id } : {}),
    });
    const payload = {
      id: record.id,
      application_id: this.state.applicationId,
      type,
      data,
      guild_id: guild.id,
      guild: { id: guild.id, locale: 'en-US', features: [] },
      channel_id: channelId,
      channel: { id: channelId, type: 0, guild_id: guild.id, name: 'general', permissions: '0' },
      member: {
        user,
        roles: this.state.roleIds(guild.id, user.id),
        permissions: this.state.memberPermissions(guild.id, user.id).toString(),
        joined_at: new Date().toISOString(),
        deaf: false,
        mute: false,
        flags: 0,
        pending: false,
      },
      token: record.token,
      version: 1,
      app_permissions: '2147485696',
      locale: 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': guild.id },
      context: 0,
      attachment_size_limit: 8 * 1024 * 1024,
      ...(message ? { message } : {}),
    };
    return { record, payload };
  }

  command(actor: Actor, name: string, options: Record<string, string | number | boolean> = {}) {
    const command = [...(this.state.commands.get(actor.guildId) ?? []), ...(this.state.commands.get('') ?? [])].find(
      (candidate) => candidate.name === name,
    );
    return this.base(actor, InteractionType.ApplicationCommand, {
      id: command?.id ?? snowflake(),
      name,
      type: 1,
      guild_id: actor.guildId,
      options: Object.entries(options).map(([optionName, value]) => ({ name: optionName, type: optionType(value), value })),
    });
  }

  autocomplete(actor: Actor, name: string, focused: string, value: string, others: Record<string, string | number | boolean> = {}) {
    return this.base(actor, InteractionType.Autocomplete, {
      id: snowflake(),
      name,
      type: 1,
      options: [
        ...Object.entries(others).map(([optionName, other]) => ({ name: optionName, type: optionType(other), value: other })),
        { name: focused, type: 3, value, focused: true },
      ],
    });
  }

  button(actor: Actor, message: EmulatedMessage, customId: string) {
    return this.base(actor, InteractionType.MessageComponent, { custom_id: customId, component_type: 2 }, message);
  }

  modalSubmit(actor: Actor, customId: string, fields: Record<string, string>) {
    return this.base(actor, InteractionType.ModalSubmit, {
      custom_id: customId,
      components: Object.entries(fields).map(([fieldId, value]) => ({
        type: 1,
        components: [{ type: 4, custom_id: fieldId, value }],
      })),
    });
  }
}

function optionType(value: string | number | boolean): number {
  if (typeof value === 'boolean') return 5;
  if (typeof value === 'number') return Number.isInteger(value) ? 4 : 10;
  return 3;
}
