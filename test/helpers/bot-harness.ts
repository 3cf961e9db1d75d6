import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { COMMANDS } from '../../commands/index.js';
import { type RunningApp, startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { LiveEngine } from '../../src/curation/live-engine.js';
import type { RunningBot } from '../../src/discord/bot.js';
import type { InteractionHooks } from '../../src/discord/router.js';
import { DiscordEmulator } from '../../src/sandbox/emulator/index.js';
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
  options: { hooks?: InteractionHooks; env?: Record<string, string>; interactionDeadlineMs?: number; guilds?: GuildSeed[] } = {},
): Promise<Harness> {
  const emulator = await DiscordEmulator.start({
    ...(options.interactionDeadlineMs ? { interactionDeadlineMs: options.interactionDeadlineMs } : {}),
    ...(options.guilds ? { guilds: options.guilds } : {}),
  });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'stackwise-e2e-'));
  const logs = new LogCapture();
  const logger = pino({ level: 'debug', base: undefined }, logs.stream);
  const config = {
    ...loadConfig({ DATA_DIR: dataDir, CORPUS_DIR: FIXTURE_CORPUS, ...options.env }),
    discordToken: emulator.token,
    applicationId: emulator.applicationId,
    apiBase: emulator.apiBase,
  };
  let deployToGuilds: string[] = emulator.guilds.map((guild) => guild.id);
  const boot = async (): Promise<RunningApp> => {
    const app = await startApp({
      config,
      logger,
      commands: COMMANDS,
      deployToGuilds,
      restRequestsPerSecond: 10_000,
      ...(options.hooks ? { hooks: options.hooks } : {}),
    });
    deployToGuilds = [];
    return app;
  };
  let app = await boot();
  const harness: Harness = {
    emulator,
    get engine() {
      return app.live.current;
    },
    get bot() {
      return app.bot;
    },
    get live() {
      return app.live;
    },
    get store() {
      return app.store;
    },
    logs,
    dataDir,
    async restart() {
      await app.stop();
      app = await boot();
    },
    async stop() {
      await app.stop();
      await emulator.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}
