import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { COMMANDS } from '../../commands/index.js';
import { loadConfig } from '../../src/config.js';
import type { LiveEngine } from '../../src/curation/live-engine.js';
import type { RunningBot } from '../../src/discord/bot.js';
import type { InteractionHooks } from '../../src/discord/router.js';
import { LOGGER_OPTIONS } from '../../src/logger.js';
import { startEmulatedApp } from '../../src/sandbox/emulated-app.js';
import type { DiscordEmulator } from '../../src/sandbox/emulator/index.js';
import type { GuildSeed } from '../../src/sandbox/emulator/seeds.js';
import type { AnswerEngine } from '../../src/search/engine.js';
import type { Store } from '../../src/store/index.js';
import { FIXTURE_CORPUS } from './fixture.js';

/** Log lines captured in memory, so tests can assert what was logged. */
export class LogCapture {
  readonly lines: Record<string, unknown>[] = [];
  readonly stream = { write: (line: string) => this.lines.push(JSON.parse(line) as Record<string, unknown>) };
  find(message: string): Record<string, unknown>[] {
    return this.lines.filter((line) => line.msg === message);
  }
}

export interface Harness {
  emulator: DiscordEmulator;
  readonly bot: RunningBot;
  /** The live engine of the current boot: the fixture corpus plus the server entries in the store. */
  readonly engine: AnswerEngine;
  readonly live: LiveEngine;
  readonly store: Store;
  logs: LogCapture;
  dataDir: string;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** The emulator plus the real bot on the fixture corpus, with commands registered in both guilds. */
export async function startHarness(
  options: {
    hooks?: InteractionHooks;
    env?: Record<string, string>;
    interactionDeadlineMs?: number;
    guilds?: GuildSeed[];
    /** Default: the fixture corpus. */
    corpusDir?: string;
  } = {},
): Promise<Harness> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'stackwise-e2e-'));
  const logs = new LogCapture();
  const logger = pino({ ...LOGGER_OPTIONS, level: 'debug' }, logs.stream);
  const running = await startEmulatedApp({
    config: loadConfig({ DATA_DIR: dataDir, CORPUS_DIR: options.corpusDir ?? FIXTURE_CORPUS, ...options.env }),
    logger,
    commands: COMMANDS,
    restRequestsPerSecond: 10_000,
    emulator: {
      ...(options.interactionDeadlineMs ? { interactionDeadlineMs: options.interactionDeadlineMs } : {}),
      ...(options.guilds ? { guilds: options.guilds } : {}),
    },
    ...(options.hooks ? { hooks: options.hooks } : {}),
  });
  const harness: Harness = {
    emulator: running.emulator,
    get engine() {
      return running.app.live.current;
    },
    get bot() {
      return running.app.bot;
    },
    get live() {
      return running.app.live;
    },
    get store() {
      return running.app.store;
    },
    logs,
    dataDir,
    restart: () => running.restart(),
    async stop() {
      await running.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}
