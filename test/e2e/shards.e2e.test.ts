import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { deployCommands } from '../../src/discord/deploy.js';
import { DiscordEmulator, guildIdOnShard } from '../../src/sandbox/emulator/index.js';
import type { EmulatedMessage } from '../../src/sandbox/emulator/messages.js';
import { FIXTURE_CORPUS } from '../helpers/fixture.js';
import { loginEnv, startNpmStart } from '../helpers/main-process.js';

/** Every wait here is bounded by this (a shard process starts in a few seconds; the manager waits 5.5 s between two). */
const WAIT_MS = 40_000;

type Line = Record<string, unknown> & { msg?: string };
type Embed = { title?: string; description?: string };

/** Polls `get` until it returns something, for at most WAIT_MS. */
async function until<T>(what: string, get: () => T | undefined): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = get();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(50);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const entry = (shard: number) => ({
  question: `Which queue does the shard ${shard === 0 ? 'zero' : 'one'} team run?`,
  answer: `The shard ${shard === 0 ? 'zero' : 'one'} team runs RabbitMQ on three nodes.`,
  phrasings: '',
  tags: 'RabbitMQ',
  sources: '',
});

describe('npm start with SHARD_COUNT=2', () => {
  it('runs a process per shard, each answering its own guilds, and respawns one that dies', async () => {
    const emulator = await DiscordEmulator.start({
      recommendedShards: 2,
      guilds: [
        { name: 'Sharded Zero', id: guildIdOnShard(0, 2) },
        { name: 'Sharded One', id: guildIdOnShard(1, 2) },
      ],
    });
    const dataDir = await mkdtemp(path.join(tmpdir(), 'stackwise-shards-'));
    const guilds = emulator.guilds;
    for (const guild of guilds) {
      await deployCommands(
        { token: emulator.token, applicationId: emulator.applicationId, apiBase: emulator.apiBase, guildId: guild.id },
        COMMANDS,
      );
    }
    const npm = startNpmStart({
      ...loginEnv(emulator),
      CORPUS_DIR: FIXTURE_CORPUS,
      DATA_DIR: dataDir,
      LOG_FORMAT: 'json',
      ASK_COOLDOWN_LIMIT: '1000',
      SHARD_COUNT: '2',
    });
    const lines = (): Line[] =>
      npm
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Line);
    const started = (shard: number) => lines().filter((line) => line.msg === 'shard process started' && line.shard === shard);
    const connected = (shard: number) => emulator.sessions.filter((session) => session.connected && session.shard[0] === shard);
    const shardPids: number[] = [];

    const answerTo = async (shard: number, question: string): Promise<EmulatedMessage> => {
      const guild = guilds[shard]!;
      const sent = emulator.sendCommand({ guildId: guild.id, userId: guild.member.id }, 'ask', { question });
      const { type } = await sent.response;
      if (type !== 5) return emulator.originalMessage(sent.id)!;
      return until('the deferred answer', () => {
        const message = emulator.originalMessage(sent.id);
        return message && message.embeds.length > 0 ? message : undefined;
      });
    };
    const addEntry = async (shard: number) => {
      const guild = guilds[shard]!;
      const actor = { guildId: guild.id, userId: guild.moderator.id };
      const shown = await emulator.sendCommand({ ...actor, name: 'faq', subcommand: 'add' }).response;
      expect(shown.type).toBe(9);
      await emulator.submitModal(actor, String(shown.data.custom_id), entry(shard)).response;
    };

    try {
      // Each shard process identifies with its own shard id, and gets ready with its own guild only.
      for (const shard of [0, 1]) {
        await until(`shard ${shard} ready`, () => lines().some((line) => line.msg === 'bot ready' && line.shard === shard));
        await until(`shard ${shard} engine`, () => lines().some((line) => line.msg === 'engine ready' && line.shard === shard));
        shardPids.push(Number(started(shard)[0]!.pid));
      }
      expect(emulator.sessions.map((session) => session.shard).sort()).toEqual([
        [0, 2],
        [1, 2],
      ]);
      expect(
        lines()
          .filter((line) => line.msg === 'bot ready')
          .map((line) => [line.shard, line.guilds]),
      ).toEqual(
        expect.arrayContaining([
          [0, 1],
          [1, 1],
        ]),
      );
      expect(new Set(shardPids).size).toBe(2);

      // /ask and /faq add through its form, in a guild of each shard.
      for (const shard of [0, 1]) {
        const answer = await answerTo(shard, 'Does Netflix use Apache Kafka?');
        expect((answer.embeds[0] as Embed).title).toBe('Does Netflix use Apache Kafka?');
        await addEntry(shard);
        const own = await answerTo(shard, entry(shard).question);
        expect((own.embeds[0] as Embed).description).toContain(entry(shard).answer);
      }
      // A server's data stays in that server: shard one's entry is not shard zero's answer.
      const other = await answerTo(0, entry(1).question);
      expect((other.embeds[0] as Embed | undefined)?.description ?? '').not.toContain(entry(1).answer);

      // Kill shard one's process: shard zero keeps answering, and shard one comes back with its entry.
      process.kill(shardPids[1]!, 'SIGKILL');
      await until('shard one gone', () => !alive(shardPids[1]!) || undefined);
      const stillAnswering = await answerTo(0, entry(0).question);
      expect((stillAnswering.embeds[0] as Embed).description).toContain(entry(0).answer);
      const respawned = await until('shard one respawned', () => started(1).find((line) => Number(line.pid) !== shardPids[1]));
      shardPids.push(Number(respawned.pid));
      await until('shard one identified again', () => connected(1).length > 0 || undefined);
      await until(
        'shard one engine again',
        () => lines().filter((line) => line.msg === 'engine ready' && line.shard === 1).length >= 2 || undefined,
      );
      const afterRestart = await answerTo(1, entry(1).question);
      expect((afterRestart.embeds[0] as Embed).description).toContain(entry(1).answer);

      // SIGTERM to the manager stops every shard process.
      npm.child.kill('SIGTERM');
      expect(await npm.exited(20_000)).toBe(0);
      for (const pid of shardPids) await until(`shard process ${pid} stopped`, () => !alive(pid) || undefined);
    } finally {
      npm.killAll();
      for (const pid of shardPids) {
        if (alive(pid)) process.kill(pid, 'SIGKILL');
      }
      await emulator.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 180_000);

  it('exits 1, leaving no shard process behind, when a shard process cannot log in', async () => {
    const emulator = await DiscordEmulator.start();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'stackwise-shards-'));
    const npm = startNpmStart({
      DISCORD_TOKEN: `${emulator.token}-but-wrong`,
      DISCORD_APPLICATION_ID: emulator.applicationId,
      DISCORD_API_BASE: emulator.apiBase,
      CORPUS_DIR: FIXTURE_CORPUS,
      DATA_DIR: dataDir,
      LOG_FORMAT: 'json',
      SHARD_COUNT: '2',
    });
    try {
      expect(await npm.exited(WAIT_MS)).toBe(1);
      const lines = npm
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Line);
      const pids = lines.filter((line) => line.msg === 'shard process started').map((line) => Number(line.pid));
      expect(pids.length).toBeGreaterThan(0);
      for (const pid of pids) await until(`shard process ${pid} stopped`, () => !alive(pid) || undefined);
      expect(lines.some((line) => line.msg === 'a shard process could not start: stopping')).toBe(true);
    } finally {
      npm.killAll();
      await emulator.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('with SHARD_IDS runs only those shards: a second machine would run the rest', async () => {
    const emulator = await DiscordEmulator.start({
      guilds: [
        { name: 'Elsewhere Zero', id: guildIdOnShard(0, 2) },
        { name: 'Here One', id: guildIdOnShard(1, 2) },
      ],
    });
    const dataDir = await mkdtemp(path.join(tmpdir(), 'stackwise-shards-'));
    const here = emulator.guilds[1]!;
    await deployCommands(
      { token: emulator.token, applicationId: emulator.applicationId, apiBase: emulator.apiBase, guildId: here.id },
      COMMANDS,
    );
    const npm = startNpmStart({
      ...loginEnv(emulator),
      CORPUS_DIR: FIXTURE_CORPUS,
      DATA_DIR: dataDir,
      LOG_FORMAT: 'json',
      SHARD_COUNT: '2',
      SHARD_IDS: '1',
    });
    try {
      await until('shard one ready', () => npm.output().includes('"msg":"every shard process is ready"') || undefined);
      await until('shard one engine', () => npm.output().includes('"msg":"engine ready"') || undefined);
      expect(emulator.sessions.map((session) => session.shard)).toEqual([[1, 2]]);
      const sent = emulator.sendCommand({ guildId: here.id, userId: here.member.id }, 'ask', {
        question: 'Does Netflix use Apache Kafka?',
      });
      expect((await sent.response).type).toBe(4);
      expect((emulator.originalMessage(sent.id)!.embeds[0] as Embed).title).toBe('Does Netflix use Apache Kafka?');
      npm.child.kill('SIGTERM');
      expect(await npm.exited(20_000)).toBe(0);
    } finally {
      npm.killAll();
      await emulator.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
