/**
 * npm run bench:stall
 * Does heavy work stall the bot? The real bot on the emulator, with a corpus of 50,000 entries, answers
 * a steady stream of /ask (one every 50 ms; STALL_ASK_EVERY_MS) while it (1) reloads the corpus after a
 * file changes, (2) runs the dry run of a 10,000-entry /faq import, (3) applies it, and (4) runs a second
 * dry run in the server
 * now holding those 10,000. For each phase: the event loop's maximum delay (perf_hooks), /ask latency
 * from the moment each was due (so a stalled loop counts in full), and how many /ask got no answer in
 * Discord's 3 s. A quiet phase of the same bot is the baseline. STALL_PHASES=reload or =import runs one group.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pino from 'pino';
import { COMMANDS } from '../commands/index.js';
import { loadConfig } from '../src/config.js';
import { startEmulatedApp } from '../src/sandbox/emulated-app.js';
import type { EmulatedMessage } from '../src/sandbox/emulator/index.js';
import { ms, summarizeTimes } from './stats.js';
import { writeSyntheticCorpus } from './synthetic.js';

const CORPUS_ENTRIES = Number(process.env.STALL_CORPUS_ENTRIES ?? 50_000);
const IMPORT_ENTRIES = Number(process.env.STALL_IMPORT_ENTRIES ?? 10_000);
const ASK_EVERY_MS = Number(process.env.STALL_ASK_EVERY_MS ?? 50);
const QUIET_MS = 3_000;
/** Every wait is bounded: a phase that takes longer than this is reported as failed. */
const PHASE_TIMEOUT_MS = 180_000;
/** Which groups of phases run: "reload", "import" or both (the default). */
const PHASES = new Set((process.env.STALL_PHASES ?? 'reload,import').split(','));
const QUESTIONS = [
  'Does Netflix use Apache Spark?',
  'Which database does Discord use?',
  'Kafka or Flink at Uber?',
  'Netflix vs Spotify databases',
];

/** An import file of `count` short entries, under the 1 MB an import may be. */
function importFile(count: number, topic: string): string {
  const lines = ['entries:'];
  for (let index = 0; index < count; index++) {
    lines.push(`  - question: How does team ${index} ship ${topic} ${index % 89}?`, `    answer: Small steps ${index}.`);
  }
  return `${lines.join('\n')}\n`;
}

const dataDir = await mkdtemp(path.join(tmpdir(), 'stackwise-bench-stall-'));
const corpusDir = path.join(dataDir, 'corpus');
await writeSyntheticCorpus(corpusDir, CORPUS_ENTRIES);

const logLines: { msg: string }[] = [];
const logger = pino({ level: 'info' }, { write: (line: string) => logLines.push(JSON.parse(line) as { msg: string }) });
const bootStarted = performance.now();
const harness = await startEmulatedApp({
  config: loadConfig({
    DATA_DIR: path.join(dataDir, 'data'),
    CORPUS_DIR: corpusDir,
    ASK_COOLDOWN_LIMIT: '1000',
    ASK_COOLDOWN_SECONDS: '1',
    MAX_SERVER_ENTRIES: String(IMPORT_ENTRIES * 3),
    MAX_IMPORT_ENTRIES: String(IMPORT_ENTRIES),
  }),
  logger,
  commands: COMMANDS,
  watchCorpus: true,
  restRequestsPerSecond: 10_000,
});
const bootSeconds = (performance.now() - bootStarted) / 1000;
const { emulator } = harness;
const guild = emulator.guilds[0]!;
const asker = { guildId: guild.id, userId: guild.member.id };
const curator = { guildId: guild.id, userId: guild.moderator.id };

/** Sends /ask on a fixed schedule; a send the stalled loop made late is timed from when it was due. */
function askStream() {
  const latencies: number[] = [];
  let lost = 0;
  const waits: Promise<void>[] = [];
  const started = performance.now();
  let sent = 0;
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    const now = performance.now();
    for (; started + sent * ASK_EVERY_MS <= now; sent++) {
      const due = started + sent * ASK_EVERY_MS;
      const ask = emulator.sendCommand(asker, 'ask', { question: QUESTIONS[sent % QUESTIONS.length]! });
      waits.push(
        ask.response.then(
          () => {
            if (emulator.interaction(ask.id)?.refusedCallbacks.length) lost++;
            else latencies.push(performance.now() - due);
          },
          () => {
            lost++;
          },
        ),
      );
    }
    timer = setTimeout(tick, Math.max(0, started + sent * ASK_EVERY_MS - performance.now()));
  };
  tick();
  return {
    async stop() {
      clearTimeout(timer);
      await Promise.all(waits);
      return { sent, lost, ...summarizeTimes(latencies), max: Math.max(0, ...latencies) };
    },
  };
}

const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();

async function phase(name: string, work: () => Promise<void>): Promise<void> {
  loop.reset();
  const stream = askStream();
  const started = performance.now();
  let failure = '';
  await work().catch((error: unknown) => {
    failure = ` FAILED: ${error instanceof Error ? error.message : String(error)}`;
  });
  const seconds = (performance.now() - started) / 1000;
  const asks = await stream.stop();
  const maxDelayMs = loop.max / 1e6;
  console.log(
    `| ${name}${failure} | ${seconds.toFixed(1)} s | ${maxDelayMs.toFixed(1)} ms | ${asks.sent} | ${asks.lost} | ${ms(asks.median)} | ${ms(asks.p99)} | ${ms(asks.max)} |`,
  );
}

const until = async (what: string, check: () => boolean) => {
  for (const deadline = performance.now() + PHASE_TIMEOUT_MS; !check(); ) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/** The reply to a deferred command, once edited with content. */
async function finalReply(sent: { id: string; response: Promise<unknown> }): Promise<EmulatedMessage> {
  await sent.response;
  await until('the reply', () => (emulator.originalMessage(sent.id)?.content ?? '') !== '');
  return emulator.originalMessage(sent.id)!;
}

let preview: EmulatedMessage | undefined;
const dryRun = async (topic: string) => {
  const file = { filename: `${topic}.yaml`, content: importFile(IMPORT_ENTRIES, topic) };
  preview = await finalReply(emulator.sendCommand({ ...curator, name: 'faq', subcommand: 'import', options: { file } }));
  if (!/Dry run/.test(preview.content)) throw new Error(preview.content.slice(0, 200));
};

try {
  console.log(
    `Node ${process.version}; ${harness.app.live.current.size.toLocaleString('en')} entries (booted in ${bootSeconds.toFixed(1)} s); ` +
      `/ask every ${ASK_EVERY_MS} ms through the emulator; imports of ${IMPORT_ENTRIES.toLocaleString('en')} entries`,
  );
  console.log('| phase | took | max event-loop delay | /ask sent | lost | /ask median | /ask p99 | /ask max |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (let index = 0; index < 100; index++)
    await emulator.sendCommand(asker, 'ask', { question: QUESTIONS[index % QUESTIONS.length]! }).response;
  await phase('quiet (baseline)', () => new Promise((resolve) => setTimeout(resolve, QUIET_MS)));
  if (PHASES.has('reload'))
    await phase('corpus reload', async () => {
      const reloads = () => logLines.filter((line) => line.msg === 'corpus reloaded').length;
      const before = reloads();
      const file = path.join(corpusDir, 'questions', 'synthetic', 'part-0.yaml');
      await writeFile(file, await readFile(file, 'utf8'));
      await until('the reload', () => reloads() > before);
    });
  if (PHASES.has('import')) await importPhases();
} finally {
  loop.disable();
  await harness.stop();
  await rm(dataDir, { recursive: true, force: true });
}

async function importPhases(): Promise<void> {
  await phase('import dry run', () => dryRun('widgets'));
  await phase('import confirm', async () => {
    const button = (preview!.components as { components: { label?: string; custom_id?: string }[] }[])
      .flatMap((row) => row.components)
      .find((component) => component.label === 'Import')!;
    const clicked = emulator.clickButton(curator, preview!, button.custom_id!);
    await clicked.response;
    await until('the import', () => /Imported|Nothing was imported/.test(emulator.message(preview!.id)?.content ?? ''));
    const outcome = emulator.message(preview!.id)!.content;
    if (!/Imported/.test(outcome)) throw new Error(outcome);
  });
  await phase(`dry run, server holding ${IMPORT_ENTRIES.toLocaleString('en')}`, () => dryRun('gadgets'));
}
