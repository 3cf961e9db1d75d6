import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createInflate, constants as zlibConstants } from 'node:zlib';
import { Client, DiscordAPIError, Events, GatewayIntentBits, PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DiscordEmulator, snowflakeTime } from '../../src/sandbox/emulator/index.js';
import { type Connected, deliver, startConnected, WAIT_MS } from './helpers.js';

let world: Connected;
beforeAll(async () => {
  world = await startConnected();
});
afterAll(async () => {
  await world?.stop();
});

const actor = (emu: DiscordEmulator) => ({ guildId: emu.guilds[0]!.id, userId: emu.guilds[0]!.member.id });

/** Sends /ping and checks the client still answers it. */
async function stillAnswers(connected: Connected): Promise<void> {
  const { interaction, sent } = await deliver(connected.client, () => connected.emu.sendCommand({ ...actor(connected.emu), name: 'ping' }));
  if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
  await interaction.reply('pong');
  expect((await sent.response).type).toBe(4);
}

describe('login', () => {
  it('gets ready quickly and sees both seeded guilds', () => {
    // discord.js waits 15 s for any guild READY lists but never sends; this must be far below.
    expect(world.readyInMs).toBeLessThan(5000);
    const { client, emu } = world;
    expect(client.user.id).toBe(emu.applicationId);
    expect(client.application.id).toBe(emu.applicationId);
    expect(client.guilds.cache.map((guild) => guild.name).sort()).toEqual(['Stackwise Sandbox A', 'Stackwise Sandbox B']);
    expect(emu.counters.identify).toBe(1);
  });

  it('seeds each guild with a text channel, @everyone, a Moderator role and real snowflakes', () => {
    for (const seed of world.emu.guilds) {
      const guild = world.client.guilds.cache.get(seed.id)!;
      expect(guild.channels.cache.get(seed.channelId)?.isTextBased()).toBe(true);
      expect(guild.roles.everyone.id).toBe(seed.id);
      const moderator = guild.roles.cache.get(seed.moderatorRoleId)!;
      expect(moderator.name).toBe('Moderator');
      expect(moderator.permissions.has(PermissionFlagsBits.ManageGuild)).toBe(true);
      expect(guild.roles.everyone.permissions.has(PermissionFlagsBits.ManageGuild)).toBe(false);
      expect(guild.members.me?.id).toBe(world.emu.applicationId);
      for (const id of [seed.id, seed.channelId, seed.moderator.id, seed.member.id]) {
        expect(id).toMatch(/^\d{17,20}$/);
        expect(Math.abs(snowflakeTime(id) - Date.now())).toBeLessThan(60_000);
      }
    }
  });

  it('refuses a wrong token: 401 on REST, close 4004 on the gateway', async () => {
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: world.emu.apiBase, globalRequestsPerSecond: 10_000 } });
    await expect(client.login('not-the-token')).rejects.toThrow(/invalid token/i);
    await client.destroy();

    const socket = new WebSocket(`${world.emu.gatewayUrl}?v=10&encoding=json`);
    const [hello] = (await once(socket, 'message', { signal: AbortSignal.timeout(WAIT_MS) })) as [Buffer];
    expect(JSON.parse(String(hello))).toMatchObject({ op: 10, d: { heartbeat_interval: 41_250 } });
    socket.send(JSON.stringify({ op: 2, d: { token: 'wrong', intents: 1, properties: {} } }));
    const [code] = (await once(socket, 'close', { signal: AbortSignal.timeout(WAIT_MS) })) as [number];
    expect(code).toBe(4004);
  });

  it('answers an unknown route with a Discord-like 404 and reports it', async () => {
    const error = await world.client.rest.get('/nothing/here').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).status).toBe(404);
    expect(world.emu.unknownRoutes).toContainEqual({ method: 'GET', path: '/nothing/here' });
  });
});

describe('reconnecting', () => {
  it('resumes after op 7 RECONNECT without a second IDENTIFY, replaying what it missed', async () => {
    const resumed = once(world.client, Events.ShardResume, { signal: AbortSignal.timeout(WAIT_MS) });
    expect(world.emu.forceReconnect()).toBe(1);
    // Sent while the client is away: it must arrive through the replay after RESUME.
    const { interaction, sent } = await deliver(world.client, () => world.emu.sendCommand({ ...actor(world.emu), name: 'ping' }));
    await resumed;
    if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
    await interaction.reply('pong after resume');
    expect((await sent.response).data.content).toBe('pong after resume');
    expect(world.emu.counters).toMatchObject({ identify: 1, resume: 1, resumed: 1, resumeUrlConnections: 1 });
    expect(world.emu.sessions).toEqual([expect.objectContaining({ connected: true, resumes: 1 })]);
    await stillAnswers(world);
  });

  it('resumes after the socket closes with a resumable code', async () => {
    const before = world.emu.counters.resumed;
    const resumed = once(world.client, Events.ShardResume, { signal: AbortSignal.timeout(WAIT_MS) });
    world.emu.forceReconnect({ via: 'close', closeCode: 4000 });
    await resumed;
    expect(world.emu.counters.resumed).toBe(before + 1);
    expect(world.emu.counters.identify).toBe(1);
    await stillAnswers(world);
  });

  it('identifies again after a session it cannot resume', async () => {
    // discord.js spaces IDENTIFYs 5 s apart (client-side); this client skips that wait.
    const connected = await startConnected(
      {},
      { ws: { buildIdentifyThrottler: async () => ({ waitForIdentify: async () => undefined }) } },
    );
    try {
      const ready = once(connected.client, Events.ShardReady, { signal: AbortSignal.timeout(WAIT_MS) });
      connected.emu.invalidateSessions({ resumable: false });
      await ready;
      expect(connected.emu.counters.identify).toBe(2);
      await stillAnswers(connected);
    } finally {
      await connected.stop();
    }
  });
});

describe('the gateway protocol', () => {
  it('speaks zlib-stream when asked, each payload ending in a sync flush', async () => {
    const socket = new WebSocket(`${world.emu.gatewayUrl}?v=10&encoding=json&compress=zlib-stream`);
    const inflate = createInflate({ finishFlush: zlibConstants.Z_SYNC_FLUSH });
    const payloads: { op: number; t?: string }[] = [];
    let text = '';
    inflate.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      try {
        payloads.push(JSON.parse(text) as { op: number; t?: string });
        text = '';
      } catch {
        // A payload split across chunks; wait for the rest.
      }
    });
    socket.on('message', (data: Buffer) => {
      expect([...data.subarray(-4)]).toEqual([0x00, 0x00, 0xff, 0xff]);
      inflate.write(data);
      inflate.flush(zlibConstants.Z_SYNC_FLUSH);
    });
    const until = async (predicate: () => boolean) => {
      const deadline = Date.now() + WAIT_MS;
      while (!predicate() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    };
    await until(() => payloads.length >= 1);
    expect(payloads[0]?.op).toBe(10);
    socket.send(JSON.stringify({ op: 2, d: { token: world.emu.token, intents: GatewayIntentBits.Guilds, properties: {} } }));
    await until(() => payloads.filter((payload) => payload.t === 'GUILD_CREATE').length === 2);
    expect(payloads.map((payload) => payload.t ?? payload.op)).toEqual([10, 'READY', 'GUILD_CREATE', 'GUILD_CREATE']);
    socket.close(1000);
    await once(socket, 'close', { signal: AbortSignal.timeout(WAIT_MS) });
    inflate.destroy();
  });

  it('refuses privileged intents the app was not granted (4014)', async () => {
    const socket = new WebSocket(`${world.emu.gatewayUrl}?v=10&encoding=json`);
    await once(socket, 'message', { signal: AbortSignal.timeout(WAIT_MS) });
    socket.send(
      JSON.stringify({
        op: 2,
        d: { token: world.emu.token, intents: GatewayIntentBits.Guilds | GatewayIntentBits.MessageContent, properties: {} },
      }),
    );
    const [code] = (await once(socket, 'close', { signal: AbortSignal.timeout(WAIT_MS) })) as [number];
    expect(code).toBe(4014);
  });
});

describe('shutdown', () => {
  it('client.destroy() and emu.close() leave nothing open: a process doing it exits by itself', async () => {
    const script = fileURLToPath(new URL('./fixtures/exit-check.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
    clearTimeout(killer);
    expect({ code, signal, output }).toMatchObject({ code: 0, signal: null });
    const closeMs = Number(/closed in (\d+) ms/.exec(output)?.[1]);
    expect(closeMs).toBeLessThan(2000);
  });

  it('close() is bounded and may be called twice', async () => {
    const emu = await DiscordEmulator.start();
    await Promise.all([emu.close(), emu.close()]);
    await expect(fetch(`${emu.apiBase}/v10/gateway`)).rejects.toThrow();
  });
});
