import { EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EmulatedGateway } from './gateway.js';
import { InteractionFactory, InteractionLedger, type Actor, type InteractionResponse } from './interactions.js';
import { INTERACTION_DEADLINE_MS } from './protocol.js';
import { EmulatedRest } from './rest.js';
import { EmulatorState, type EmulatedGuild, type EmulatedMessage } from './state.js';

export type { EmulatedGuild, EmulatedMessage, InteractionResponse };

export interface EmulatorOptions {
  port?: number;
  /** Discord allows 3 s for the first response; tests may shorten it. */
  interactionDeadlineMs?: number;
  /** How long helpers wait for the bot's response before giving up. */
  responseTimeoutMs?: number;
  onUnknownRoute?: (method: string, path: string) => void;
}

export interface SentInteraction {
  id: string;
  /** Sent to the gateway at this time (performance.now()). */
  sentAt: number;
  response: Promise<InteractionResponse>;
}

/**
 * A local Discord: the REST API and the gateway WebSocket on 127.0.0.1, enough for the
 * real discord.js client. Tests and the sandbox act as users through it.
 */
export class DiscordEmulator extends EventEmitter {
  readonly state = new EmulatorState();
  private readonly ledger: InteractionLedger;
  private readonly factory: InteractionFactory;
  private gateway!: EmulatedGateway;
  private port = 0;

  private constructor(
    private readonly server: Server,
    private readonly options: EmulatorOptions,
  ) {
    super();
    this.ledger = new InteractionLedger(options.interactionDeadlineMs ?? INTERACTION_DEADLINE_MS);
    this.factory = new InteractionFactory(this.state, this.ledger);
  }

  static async start(options: EmulatorOptions = {}): Promise<DiscordEmulator> {
    const server = createServer();
    const emulator = new DiscordEmulator(server, options);
    const rest = new EmulatedRest(
      emulator.state,
      emulator.ledger,
      emulator,
      () => emulator.gatewayUrl,
      options.onUnknownRoute ?? (() => undefined),
    );
    server.on('request', (request, response) => {
      if (request.url?.startsWith('/api/')) void rest.handle(request, response);
      else emulator.emit('httpRequest', request, response);
    });
    emulator.gateway = new EmulatedGateway(server, emulator.state, () => emulator.gatewayUrl);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', resolve);
    });
    emulator.port = (server.address() as AddressInfo).port;
    return emulator;
  }

  get apiBase(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  get httpPort(): number {
    return this.port;
  }

  get token(): string {
    return this.state.token;
  }

  get applicationId(): string {
    return this.state.applicationId;
  }

  get guilds(): readonly EmulatedGuild[] {
    return this.state.guilds;
  }

  get gatewayCounts() {
    return this.gateway.counts;
  }

  commands(guildId?: string): Record<string, unknown>[] {
    return this.state.commands.get(guildId ?? '') ?? [];
  }

  private send({ record, payload }: { record: { id: string }; payload: unknown }): SentInteraction {
    const response = this.ledger.waitForResponse(record.id, this.options.responseTimeoutMs ?? 10_000);
    response.catch(() => undefined);
    const sentAt = performance.now();
    this.gateway.dispatch('INTERACTION_CREATE', payload);
    return { id: record.id, sentAt, response };
  }

  sendCommand(actor: Actor, name: string, options?: Record<string, string | number | boolean>): SentInteraction {
    return this.send(this.factory.command(actor, name, options));
  }

  sendAutocomplete(actor: Actor, name: string, focused: string, value: string, others?: Record<string, string | number | boolean>): SentInteraction {
    return this.send(this.factory.autocomplete(actor, name, focused, value, others));
  }

  clickButton(actor: Actor, message: EmulatedMessage, customId: string): SentInteraction {
    return this.send(this.factory.button(actor, message, customId));
  }

  submitModal(actor: Actor, customId: string, fields: Record<string, string>): SentInteraction {
    return this.send(this.factory.modalSubmit(actor, customId, fields));
  }

  /** The message an interaction's reply created or updated (its webhook @original). */
  originalMessage(interactionId: string): EmulatedMessage | undefined {
    const id = this.ledger.record(interactionId)?.originalMessageId;
    return id ? this.state.messages.get(id) : undefined;
  }

  /** Messages everyone in the channel sees, oldest first. */
  channelMessages(channelId: string): EmulatedMessage[] {
    return [...this.state.messages.values()].filter((message) => message.channel_id === channelId && !message.visibleTo);
  }

  /** Ephemeral messages only this user sees, oldest first. */
  ephemeralMessages(userId: string): EmulatedMessage[] {
    return [...this.state.messages.values()].filter((message) => message.visibleTo === userId);
  }

  message(id: string): EmulatedMessage | undefined {
    return this.state.messages.get(id);
  }

  /** Asks connected clients to reconnect; they resume their sessions. */
  requestReconnect(): void {
    this.gateway.requestReconnect();
  }

  async close(): Promise<void> {
    this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export const startDiscordEmulator = (options?: EmulatorOptions) => DiscordEmulator.start(options);
