import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../src/config.js';
import { LiveEngine } from '../../src/curation/live-engine.js';
import { type RunningBot, startBot } from '../../src/discord/bot.js';
import { deployCommands } from '../../src/discord/deploy.js';
import type { InteractionHooks } from '../../src/discord/router.js';
import { DiscordEmulator } from '../../src/sandbox/emulator/index.js';
import type { GuildSeed } from '../../src/sandbox/emulator/seeds.js';
import type { AnswerEngine } from '../../src/search/engine.js';
import { loadEngine } from '../../src/search/load-engine.js';
import { Store } from '../../src/store/index.js';
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
  bot: RunningBot;
  /** The live engine of the current boot: the fixture corpus plus the server entries in the store. */
  readonly engine: AnswerEngine;
  live: LiveEngine;
  store: Store;
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
  for (const guild of emulator.guilds) {
    await deployCommands({ token: emulator.token, applicationId: emulator.applicationId, apiBase: emulator.apiBase, guildId: guild.id });
  }
  const boot = async () => {
    const store = Store.open(dataDir);
    const live = new LiveEngine(await loadEngine(FIXTURE_CORPUS, logger), store);
    const bot = await startBot({
      config,
      live,
      store,
      logger,
      restRequestsPerSecond: 10_000,
      ...(options.hooks ? { hooks: options.hooks } : {}),
    });
    return { store, bot, live };
  };
  const harness: Harness = {
    emulator,
    get engine() {
      return harness.live.current;
    },
    logs,
    dataDir,
    ...(await boot()),
    async restart() {
      await harness.bot.stop();
      harness.store.close();
      Object.assign(harness, await boot());
    },
    async stop() {
      await harness.bot.stop();
      harness.store.close();
      await emulator.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}
