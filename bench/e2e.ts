/**
 * npm run bench:e2e
 * Time from sending INTERACTION_CREATE to receiving the bot's callback, over 1,000 sequential
 * /ask interactions, the throughput of a burst of 500, and 300 sequential /faq edit form submits
 * (each a durable SQLite transaction plus a live index update), through the local Discord emulator.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { COMMANDS } from '../commands/index.js';
import { loadConfig } from '../src/config.js';
import { deployCommands } from '../src/discord/deploy.js';
import { startEmulatedApp } from '../src/sandbox/emulated-app.js';
import { DiscordEmulator } from '../src/sandbox/emulator/index.js';
import { startMinimalBot } from './minimal-bot.mjs';
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

/** The minimal bot on an emulator of its own, in this process, as Stackwise runs here: one /ask at a time, timed. */
async function startMinimalBotHarness() {
  const emulator = await DiscordEmulator.start();
  const guild = emulator.guilds[0]!;
  await deployCommands(
    { token: emulator.token, applicationId: emulator.applicationId, apiBase: emulator.apiBase, guildId: guild.id },
    COMMANDS,
  );
  const client = await startMinimalBot(emulator.token, emulator.apiBase, 10_000);
  const actor = { guildId: guild.id, userId: guild.member.id };
  return {
    async once(index: number): Promise<number> {
      const sent = emulator.sendCommand(actor, 'ask', { question: QUESTIONS[index % QUESTIONS.length]! });
      await sent.response;
      return performance.now() - sent.sentAt;
    },
    async close(): Promise<void> {
      await client.destroy();
      await emulator.close();
    },
  };
}

const dataDir = await mkdtemp(path.join(tmpdir(), 'stackwise-bench-e2e-'));
const harness = await startEmulatedApp({
  config: loadConfig({ DATA_DIR: dataDir, CORPUS_DIR: 'corpus', ASK_COOLDOWN_LIMIT: '1000', ASK_COOLDOWN_SECONDS: '1' }),
  logger: pino({ level: 'warn' }),
  commands: COMMANDS,
  restRequestsPerSecond: 10_000,
});
try {
  const guild = harness.emulator.guilds[0]!;
  const actor = { guildId: guild.id, userId: guild.member.id };
  const once = async (index: number) => {
    const sent = harness.emulator.sendCommand(actor, 'ask', { question: QUESTIONS[index % QUESTIONS.length]! });
    await sent.response;
    return performance.now() - sent.sentAt;
  };
  // Both bots run side by side and take turns, a block of asks each, so a busy moment of a shared machine
  // falls on both rather than on whichever was being measured then.
  const minimalBot = await startMinimalBotHarness();
  for (let index = 0; index < 100; index++) {
    await once(index); // warm up
    await minimalBot.once(index);
  }
  const times: number[] = [];
  const minimalTimes: number[] = [];
  for (let block = 0; block < SEQUENTIAL / BLOCK; block++) {
    for (let index = block * BLOCK; index < (block + 1) * BLOCK; index++) times.push(await once(index));
    for (let index = block * BLOCK; index < (block + 1) * BLOCK; index++) minimalTimes.push(await minimalBot.once(index));
  }
  await minimalBot.close();
  const sequential = summarizeTimes(times);
  const minimal = summarizeTimes(minimalTimes);

  await new Promise((resolve) => setTimeout(resolve, 1100)); // let the cooldown window pass
  const started = performance.now();
  await Promise.all(Array.from({ length: BURST }, (_, index) => once(index)));
  const seconds = (performance.now() - started) / 1000;

  const moderator = { guildId: guild.id, userId: guild.moderator.id };
  const form = (answer: string) => ({
    question: 'How does Discord fan out messages?',
    answer,
    phrasings: '',
    tags: 'Discord',
    sources: '',
  });
  const opened = await harness.emulator.sendCommand({ ...moderator, name: 'faq', subcommand: 'add' }).response;
  await harness.emulator.submitModal(moderator, String(opened.data.custom_id), form('Revision 1.')).response;
  const entryId = harness.app.store.entries.list(guild.id)[0]!.entryId;
  const editTimes: number[] = [];
  for (let revision = 1; revision <= EDITS; revision++) {
    const sent = harness.emulator.submitModal({
      ...moderator,
      customId: `sw1:me:${revision}:${entryId}`,
      fields: form(`Revision ${revision + 1}.`),
    });
    await sent.response;
    editTimes.push(performance.now() - sent.sentAt);
  }
  const edits = summarizeTimes(editTimes);

  console.log(`Node ${process.version}; INTERACTION_CREATE sent -> callback received, through the emulator on loopback`);
  console.log(`sequential /ask x${SEQUENTIAL}: median ${ms(sequential.median)}, p99 ${ms(sequential.p99)}`);
  console.log(
    `minimal discord.js bot (bench/minimal-bot.mjs), same run, in alternating blocks of ${BLOCK}: median ${ms(minimal.median)}, p99 ${ms(minimal.p99)}; ` +
      `Stackwise /ask p99 ratio x${(sequential.p99 / minimal.p99).toFixed(2)}`,
  );
  console.log(`burst of ${BURST}: ${seconds.toFixed(2)} s, ${(BURST / seconds).toFixed(0)} interactions/s`);
  console.log(`sequential /faq edit form submits x${EDITS}: median ${ms(edits.median)}, p99 ${ms(edits.p99)}`);
} finally {
  await harness.stop();
  await rm(dataDir, { recursive: true, force: true });
}
