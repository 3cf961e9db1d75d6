/**
 * npm run bench:e2e
 * Time from sending INTERACTION_CREATE to receiving the bot's callback, over 1,000 sequential
 * /ask interactions, the throughput of a burst of 500, and 300 sequential /faq edit form submits
 * (each a durable SQLite transaction plus a live index update), through the local Discord emulator.
 * The bot runs as `npm start` runs it, in a process of its own, next to a minimal discord.js bot
 * (`npm run bench:minimal-bot`), each logged in to an emulator of its own in this process; and again with
 * SHARD_COUNT=2 (a manager and two shard processes, one guild on each shard), the asks shared between both guilds.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { COMMANDS } from '../commands/index.js';
import { deployCommands } from '../src/discord/deploy.js';
import { DiscordEmulator, guildIdOnShard } from '../src/sandbox/emulator/index.js';
import { botEnv, startBot, stopBot } from './processes.js';
import { ms, summarizeTimes } from './stats.js';

const SEQUENTIAL = 1000;
/** Sequential asks go to each bot in turn, this many at a time. */
const BLOCK = 100;
const BURST = 500;
const EDITS = 300;
const QUESTIONS = [
  'Does Netflix use Apache Spark?',
  'Which database does Netflix use?',
  'Does Discord use Rust?',
  'Does Netflix use Rust?',
  'How much is Netflix?',
];

/**
 * An emulator with the commands deployed, and the bot that `script` starts logged in to it, answering.
 * `shards` above 1: the emulator recommends that many, has a guild on each, and asks go to each in turn.
 */
async function startOnEmulator(script: string, env: NodeJS.ProcessEnv, shards = 1) {
  const emulator = await DiscordEmulator.start(
    shards > 1
      ? {
          recommendedShards: shards,
          guilds: Array.from({ length: shards }, (_, shard) => ({ name: `Bench Shard ${shard}`, id: guildIdOnShard(shard, shards) })),
        }
      : {},
  );
  const guilds = shards > 1 ? emulator.guilds : [emulator.guilds[0]!];
  for (const { id } of guilds) {
    await deployCommands(
      { token: emulator.token, applicationId: emulator.applicationId, apiBase: emulator.apiBase, guildId: id },
      COMMANDS,
    );
  }
  const child = await startBot(emulator, script, botEnv(emulator, env), shards);
  const guild = guilds[0]!;
  return {
    emulator,
    guild,
    async ask(index: number): Promise<number> {
      const asked = guilds[index % guilds.length]!;
      const sent = emulator.sendCommand({ guildId: asked.id, userId: asked.member.id }, 'ask', {
        question: QUESTIONS[index % QUESTIONS.length]!,
      });
      await sent.response;
      return performance.now() - sent.sentAt;
    },
    async close(): Promise<void> {
      await stopBot(child);
      await emulator.close();
    },
  };
}

const dataDir = await mkdtemp(path.join(tmpdir(), 'stackwise-bench-e2e-'));
const shardedDataDir = await mkdtemp(path.join(tmpdir(), 'stackwise-bench-e2e-shards-'));
const STACKWISE_ENV = { CORPUS_DIR: 'corpus', ASK_COOLDOWN_LIMIT: '1000', ASK_COOLDOWN_SECONDS: '1' };
// Each bot in a process of its own, started as people start it (npm start, npm run bench:minimal-bot),
// so neither's heap or garbage collection weighs on the other, nor on the emulator timing them.
const stackwise = await startOnEmulator('start', { ...STACKWISE_ENV, DATA_DIR: dataDir });
const minimalBot = await startOnEmulator('bench:minimal-bot', {});
const sharded = await startOnEmulator('start', { ...STACKWISE_ENV, DATA_DIR: shardedDataDir, SHARD_COUNT: '2' }, 2);
try {
  const { emulator, guild } = stackwise;
  // Both bots take turns, a block of asks each, so a busy moment of a shared machine falls on both
  // rather than on whichever was being measured then.
  for (let index = 0; index < 100; index++) {
    await stackwise.ask(index); // warm up
    await minimalBot.ask(index);
    await sharded.ask(index);
  }
  const times: number[] = [];
  const minimalTimes: number[] = [];
  const shardedTimes: number[] = [];
  for (let block = 0; block < SEQUENTIAL / BLOCK; block++) {
    for (let index = block * BLOCK; index < (block + 1) * BLOCK; index++) times.push(await stackwise.ask(index));
    for (let index = block * BLOCK; index < (block + 1) * BLOCK; index++) minimalTimes.push(await minimalBot.ask(index));
    for (let index = block * BLOCK; index < (block + 1) * BLOCK; index++) shardedTimes.push(await sharded.ask(index));
  }
  const sequential = summarizeTimes(times);
  const minimal = summarizeTimes(minimalTimes);
  const shardedSequential = summarizeTimes(shardedTimes);

  const burst = async (bot: typeof stackwise): Promise<number> => {
    await new Promise((resolve) => setTimeout(resolve, 1100)); // let the cooldown window pass
    const started = performance.now();
    await Promise.all(Array.from({ length: BURST }, (_, index) => bot.ask(index)));
    return (performance.now() - started) / 1000;
  };
  const seconds = await burst(stackwise);
  const shardedSeconds = await burst(sharded);

  const moderator = { guildId: guild.id, userId: guild.moderator.id };
  const form = (answer: string) => ({
    question: 'How does Discord fan out messages?',
    answer,
    phrasings: '',
    tags: 'Discord',
    sources: '',
  });
  const opened = await emulator.sendCommand({ ...moderator, name: 'faq', subcommand: 'add' }).response;
  const added = await emulator.submitModal(moderator, String(opened.data.custom_id), form('Revision 1.')).response;
  const entryId = /sw1:[^"]*?:(s-how-does-discord-fan-out-messages[^"]*)"/.exec(JSON.stringify(added.data))?.[1];
  if (!entryId) throw new Error(`the entry was not added: ${JSON.stringify(added.data).slice(0, 300)}`);
  const editTimes: number[] = [];
  for (let revision = 1; revision <= EDITS; revision++) {
    const sent = emulator.submitModal({
      ...moderator,
      customId: `sw1:me:${revision}:${entryId}`,
      fields: form(`Revision ${revision + 1}.`),
    });
    const response = await sent.response;
    if (!JSON.stringify(response.data).includes(`Revision ${revision + 1}.`)) throw new Error(`edit ${revision} was refused`);
    editTimes.push(performance.now() - sent.sentAt);
  }
  const edits = summarizeTimes(editTimes);

  console.log(`Node ${process.version}; INTERACTION_CREATE sent -> callback received, through the emulator on loopback`);
  console.log(`npm start, sequential /ask x${SEQUENTIAL}: median ${ms(sequential.median)}, p99 ${ms(sequential.p99)}`);
  console.log(
    `minimal discord.js bot (npm run bench:minimal-bot), same run, in alternating blocks of ${BLOCK}: median ${ms(minimal.median)}, p99 ${ms(minimal.p99)}; ` +
      `Stackwise /ask p99 ratio x${(sequential.p99 / minimal.p99).toFixed(2)}`,
  );
  console.log(`burst of ${BURST}: ${seconds.toFixed(2)} s, ${(BURST / seconds).toFixed(0)} interactions/s`);
  console.log(
    `SHARD_COUNT=2 (two shard processes, asks shared between a guild on each), same run: sequential /ask x${SEQUENTIAL}: ` +
      `median ${ms(shardedSequential.median)}, p99 ${ms(shardedSequential.p99)}; burst of ${BURST}: ${shardedSeconds.toFixed(2)} s, ` +
      `${(BURST / shardedSeconds).toFixed(0)} interactions/s`,
  );
  console.log(`sequential /faq edit form submits x${EDITS}: median ${ms(edits.median)}, p99 ${ms(edits.p99)}`);
} finally {
  await stackwise.close();
  await minimalBot.close();
  await sharded.close();
  await rm(dataDir, { recursive: true, force: true });
  await rm(shardedDataDir, { recursive: true, force: true });
}
