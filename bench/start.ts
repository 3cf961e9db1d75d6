/**
 * npm run bench:start [-- --runs N --entries N]
 * Spawn to ready: from spawning `npm start` until the bot has answered its first /ask through the emulator
 * (sent as soon as the bot identifies on the gateway), the median of several runs, next to a minimal
 * discord.js bot (bench/minimal-bot.mjs) started the same way, through npm, against the same emulator.
 * `--entries 50000` grows the corpus with synthetic entries first. A first start builds the index snapshot
 * in DATA_DIR; it is reported apart, and the runs after it load the snapshot, as every start with unchanged files does.
 * Last, the bot's heap once it has answered: one more start, run by Node directly with its inspector on
 * loopback, which collects garbage and reads the heap of the bot's main thread; and its resident memory.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { COMMANDS } from '../commands/index.js';
import { deployCommands } from '../src/discord/deploy.js';
import { DiscordEmulator } from '../src/sandbox/emulator/index.js';
import { botEnv, firstAnswer, START_TIMEOUT_MS, startBot, stopBot, waitForIdentify } from './processes.js';
import { summarizeTimes } from './stats.js';
import { writeSyntheticCorpus } from './synthetic.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' }, entries: { type: 'string', default: '0' } } });
const RUNS = Number(values.runs);
const ENTRIES = Number(values.entries);
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

const env = () => botEnv(emulator, { CORPUS_DIR: corpusDir, DATA_DIR: path.join(workDir, 'data') });

/** One call to the inspector at `url` (Chrome DevTools protocol), resolved with its result. */
function inspect(socket: WebSocket, id: number, method: string): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`inspector: no reply to ${method}`)), START_TIMEOUT_MS);
    socket.addEventListener('message', function onMessage(event) {
      const reply = JSON.parse(String(event.data)) as { id?: number; result?: Record<string, number> };
      if (reply.id !== id) return;
      socket.removeEventListener('message', onMessage);
      clearTimeout(timer);
      resolve(reply.result ?? {});
    });
    socket.send(JSON.stringify({ id, method }));
  });
}

/** The bot's main-thread heap after a full garbage collection, and its resident memory, once it has answered. */
async function heapAfterStart(): Promise<{ heapMb: number; rssMb: number }> {
  const identified = emulator.gatewayCounts.identify;
  // npm start's own Node arguments ("exec node <arguments>"), with the inspector added.
  const startScript = (JSON.parse(await readFile('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start;
  const nodeArguments = startScript.replace(/^exec node /, '').split(' ');
  const child = spawn(process.execPath, ['--inspect=127.0.0.1:0', ...nodeArguments], {
    env: env(),
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error('the inspector did not start')), START_TIMEOUT_MS);
      child.stderr?.on('data', (chunk: Buffer) => {
        text += String(chunk);
        const found = /ws:\/\/127\.0\.0\.1:\d+\/[\w-]+/.exec(text);
        if (found) {
          clearTimeout(timer);
          resolve(found[0]);
        }
      });
    });
    await waitForIdentify(emulator, identified, 'heap run');
    await firstAnswer(emulator, 'heap run');
    const socket = new WebSocket(url);
    await new Promise((resolve, reject) => {
      socket.addEventListener('open', resolve, { once: true });
      socket.addEventListener('error', reject, { once: true });
    });
    await inspect(socket, 1, 'HeapProfiler.collectGarbage');
    const { usedSize = 0 } = await inspect(socket, 2, 'Runtime.getHeapUsage');
    socket.close();
    const status = await readFile(`/proc/${child.pid}/status`, 'utf8').catch(() => '');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
    return { heapMb: usedSize / 2 ** 20, rssMb: rssKb / 1024 };
  } finally {
    await stopBot(child);
  }
}

/** Milliseconds from spawning `npm run <script>` to the answer of its first /ask. */
async function timeStart(script: string): Promise<number> {
  const started = performance.now();
  const child = await startBot(emulator, script, env());
  const time = performance.now() - started;
  await stopBot(child);
  return time;
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
  const { heapMb, rssMb } = await heapAfterStart();
  console.log(
    `the bot once it has answered: heap ${heapMb.toFixed(0)} MB after a full garbage collection (main thread), resident ${rssMb.toFixed(0)} MB`,
  );
} finally {
  await emulator.close();
  await rm(workDir, { recursive: true, force: true });
}
