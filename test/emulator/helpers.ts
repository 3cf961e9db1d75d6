import { once } from 'node:events';
import { Client, type ClientOptions, Events, GatewayIntentBits, type Interaction } from 'discord.js';
import { DiscordEmulator, type EmulatorOptions } from '../../src/sandbox/emulator/index.js';

/** Every wait in these tests is bounded by this. */
export const WAIT_MS = 5000;

export interface Connected {
  emu: DiscordEmulator;
  client: Client<true>;
  /** Milliseconds from login() to ClientReady. */
  readyInMs: number;
  stop(): Promise<void>;
}

/** A real discord.js client, as the bot makes it, logged in to the emulator. */
export async function connectClient(
  emu: DiscordEmulator,
  extra: Partial<ClientOptions> = {},
): Promise<{ client: Client<true>; readyInMs: number }> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: emu.apiBase, globalRequestsPerSecond: 10_000 },
    ...extra,
  });
  const started = performance.now();
  const ready = once(client, Events.ClientReady, { signal: AbortSignal.timeout(WAIT_MS) });
  await client.login(emu.token);
  await ready;
  return { client: client as Client<true>, readyInMs: performance.now() - started };
}

export async function startConnected(options: EmulatorOptions = {}, clientOptions: Partial<ClientOptions> = {}): Promise<Connected> {
  const emu = await DiscordEmulator.start(options);
  const { client, readyInMs } = await connectClient(emu, clientOptions);
  return {
    emu,
    client,
    readyInMs,
    async stop() {
      await client.destroy();
      await emu.close();
    },
  };
}

/**
 * Sends an interaction and resolves with what the client's interactionCreate received, next to
 * the emulator's handle. The listener is in place before the interaction goes out.
 */
export async function deliver<T extends { id: string }>(client: Client, send: () => T): Promise<{ interaction: Interaction; sent: T }> {
  const received = new Promise<Interaction>((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off(Events.InteractionCreate, listener);
      reject(new Error('the client got no interaction'));
    }, WAIT_MS);
    const listener = (interaction: Interaction) => {
      if (interaction.id !== sentId) return;
      clearTimeout(timer);
      client.off(Events.InteractionCreate, listener);
      resolve(interaction);
    };
    client.on(Events.InteractionCreate, listener);
  });
  let sentId = '';
  const sent = send();
  sentId = sent.id;
  return { interaction: await received, sent };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
