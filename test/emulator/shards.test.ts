import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import { type Client, Events, type Interaction } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DiscordEmulator, guildIdOnShard } from '../../src/sandbox/emulator/index.js';
import { shardOfGuild } from '../../src/store/shards.js';
import { connectClient, WAIT_MS } from './helpers.js';

let emu: DiscordEmulator;
const clients: Client<true>[] = [];
/** Interaction ids each shard's client received. */
const received: string[][] = [[], []];

beforeAll(async () => {
  emu = await DiscordEmulator.start({
    recommendedShards: 2,
    guilds: [
      { name: 'Shard Zero One', id: guildIdOnShard(0, 2) },
      { name: 'Shard One One', id: guildIdOnShard(1, 2) },
      { name: 'Shard Zero Two', id: guildIdOnShard(0, 2) },
    ],
  });
  for (const shard of [0, 1]) {
    const { client } = await connectClient(emu, { shards: [shard], shardCount: 2 });
    client.on(Events.InteractionCreate, (interaction: Interaction) => received[shard]!.push(interaction.id));
    clients.push(client);
  }
});
afterAll(async () => {
  for (const client of clients) await client.destroy();
  await emu?.close();
});

/** Waits (bounded) until `check` holds. */
async function until(check: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < WAIT_MS / 25 && !check(); attempt++) await delay(25);
  expect(check()).toBe(true);
}

/** Opens a raw gateway connection and identifies with `shard`: resolves with the close code, if it closes. */
async function identifyWith(shard: unknown): Promise<number | 'ready'> {
  const socket = new WebSocket(`${emu.gatewayUrl}?v=10&encoding=json`);
  try {
    await once(socket, 'message', { signal: AbortSignal.timeout(WAIT_MS) });
    const outcome = new Promise<number | 'ready'>((resolve) => {
      socket.on('close', (code) => resolve(code));
      socket.on('message', (data) => {
        if (JSON.parse(String(data)).t === 'READY') resolve('ready');
      });
    });
    socket.send(JSON.stringify({ op: 2, d: { token: emu.token, intents: 1, properties: {}, shard } }));
    return await Promise.race([outcome, delay(WAIT_MS).then(() => -1)]);
  } finally {
    socket.close();
  }
}

describe('shards', () => {
  it('recommends its shard count in GET /gateway/bot', async () => {
    const body = (await clients[0]!.rest.get('/gateway/bot')) as { shards: number };
    expect(body.shards).toBe(2);
  });

  it('seeds guilds on the shard asked for', () => {
    expect(emu.guilds.map((guild) => shardOfGuild(guild.id, 2))).toEqual([0, 1, 0]);
  });

  it("gives each shard's session only its own guilds", () => {
    expect(clients.map((client) => client.guilds.cache.map((guild) => guild.name).sort())).toEqual([
      ['Shard Zero One', 'Shard Zero Two'],
      ['Shard One One'],
    ]);
    expect(emu.sessions.map((session) => session.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
  });

  it("delivers a guild's interaction to its shard only, once, and a DM's to shard 0", async () => {
    const [zero, one] = [emu.guilds[0]!, emu.guilds[1]!];
    const inZero = emu.sendCommand({ guildId: zero.id, userId: zero.member.id, name: 'ping' });
    const inOne = emu.sendCommand({ guildId: one.id, userId: one.member.id, name: 'ping' });
    const dm = emu.dmChannel(one.member.id);
    const inDm = emu.sendCommand({ channelId: dm.id, userId: one.member.id, name: 'ping' });
    await until(() => received[0]!.includes(inDm.id) && received[0]!.includes(inZero.id) && received[1]!.includes(inOne.id));
    // Settled: nothing crossed over meanwhile.
    await delay(100);
    expect(received[0]!.filter((id) => [inZero.id, inOne.id, inDm.id].includes(id)).sort()).toEqual([inZero.id, inDm.id].sort());
    expect(received[1]!.filter((id) => [inZero.id, inOne.id, inDm.id].includes(id))).toEqual([inOne.id]);
  });

  it('delivers an interaction to one session even when two run the same shard: the newest', async () => {
    const { client: second } = await connectClient(emu, { shards: [1], shardCount: 2 });
    const seen: string[] = [];
    second.on(Events.InteractionCreate, (interaction: Interaction) => seen.push(interaction.id));
    try {
      const one = emu.guilds[1]!;
      const sent = emu.sendCommand({ guildId: one.id, userId: one.member.id, name: 'ping' });
      await until(() => seen.includes(sent.id));
      await delay(100);
      expect(received[1]).not.toContain(sent.id);
      expect(received[0]).not.toContain(sent.id);
    } finally {
      await second.destroy();
    }
  });

  it('closes an IDENTIFY with a wrong shard with 4010, and one with too few shards with 4011', async () => {
    expect(await identifyWith([2, 2])).toBe(4010);
    expect(await identifyWith([-1, 2])).toBe(4010);
    expect(await identifyWith([0.5, 2])).toBe(4010);
    const strict = await DiscordEmulator.start({ requiredShards: 2 });
    try {
      const socket = new WebSocket(`${strict.gatewayUrl}?v=10&encoding=json`);
      await once(socket, 'message', { signal: AbortSignal.timeout(WAIT_MS) });
      socket.send(JSON.stringify({ op: 2, d: { token: strict.token, intents: 1, properties: {}, shard: [0, 1] } }));
      const [code] = (await once(socket, 'close', { signal: AbortSignal.timeout(WAIT_MS) })) as [number];
      expect(code).toBe(4011);
    } finally {
      await strict.close();
    }
  });
});
