/**
 * npm run bench:start [-- --runs N --entries N]
 * Spawn to ready: from spawning `npm start` until the bot has answered its first /ask through the emulator
 * (sent as soon as the bot identifies on the gateway), the median of several runs, next to a minimal
 * discord.js bot (bench/minimal-bot.mjs) started the same way, through npm, against the same emulator.
 * `--entries 50000` grows the corpus with synthetic entries first. A first start builds the index snapshot
 * in DATA_DIR; it is reported apart, and the runs after it load the snapshot, as every start with unchanged files does.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { COMMANDS } from '../commands/index.js';
import { deployCommands } from '../src/discord/deploy.js';
import { DiscordEmulator } from '../src/sandbox/emulator/index.js';
import { summarizeTimes } from './stats.js';
import { writeSyntheticCorpus } from './synthetic.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' }, entries: { type: 'string', default: '0' } } });
const RUNS = Number(values.runs);
const ENTRIES = Number(values.entries);
/** A start that takes longer than this is reported as failed. */
const START_TIMEOUT_MS = 120_000;
const POLL_MS = 5;

const emulator = await DiscordEmulator.start();
const workDir = await mkdtemp(path.join(tmpdir(), 'stackwise-bench-start-'));
const guild = emulator.guilds[0]!;
await deployCommands(
  { token: emulator.token, applicationId: emulator.applicationId, apiBase: emulator.apiBase, guildId: guild.id },
  COMMANDS,
);
let corpusDir = 'corpus';
if (ENTRIES > 0) {
  corpusDir = path.join(workDir, 'corpus');
  await writeSyntheticCorpus(corpusDir, ENTRIES);
}

function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const killer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }, 10_000);
  return exited.finally(() => clearTimeout(killer));
}

/** Milliseconds from spawning `npm run <script>` to the answer of its first /ask. */
async function timeStart(script: string): Promise<number> {
  const identified = emulator.gatewayCounts.identify;
  const started = performance.now();
  const child = spawn('npm', ['run', '--silent', script], {
    env: {
      ...process.env,
      DISCORD_TOKEN: emulator.token,
      DISCORD_APPLICATION_ID: emulator.applicationId,
      DISCORD_API_BASE: emulator.apiBase,
      CORPUS_DIR: corpusDir,
      DATA_DIR: path.join(workDir, 'data'),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  try {
    const deadline = started + START_TIMEOUT_MS;
    while (emulator.gatewayCounts.identify === identified) {
      if (performance.now() > deadline) throw new Error(`${script}: no gateway identify within ${START_TIMEOUT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    const response = await emulator.sendCommand({ guildId: guild.id, userId: guild.member.id }, 'ask', {
      question: 'Does Netflix use Apache Spark?',
    }).response;
    if (response.type !== 4) throw new Error(`${script}: the first /ask got response type ${response.type}`);
    return performance.now() - started;
  } finally {
    await stop(child);
  }
}

try {
  const bot: number[] = [];
  const minimal: number[] = [];
  // The first start after a corpus change builds the index and writes its snapshot; the runs after it load that.
  const first = await timeStart('start');
  for (let run = 0; run < RUNS; run++) {
    bot.push(await timeStart('start'));
    minimal.push(await timeStart('bench:minimal-bot'));
  }
  const ours = summarizeTimes(bot).median;
  const theirs = summarizeTimes(minimal).median;
  const corpus = ENTRIES > 0 ? `the shipped corpus grown to ${ENTRIES.toLocaleString('en')} entries` : 'the shipped corpus';
  console.log(`Node ${process.version}; spawn to first /ask answered, median of ${RUNS} runs each, on ${corpus}`);
  console.log('| bot | median | runs |');
  console.log('|---|---|---|');
  console.log(`| npm start | ${ours.toFixed(0)} ms | ${bot.map((time) => time.toFixed(0)).join(', ')} |`);
  console.log(`| minimal discord.js bot | ${theirs.toFixed(0)} ms | ${minimal.map((time) => time.toFixed(0)).join(', ')} |`);
  console.log(`ratio: ${(ours / theirs).toFixed(2)}`);
  console.log(`first start, which builds the index and writes the snapshot: ${first.toFixed(0)} ms`);
} finally {
  await emulator.close();
  await rm(workDir, { recursive: true, force: true });
}
