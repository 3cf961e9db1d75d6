import type { Config } from './config.js';
import { LastGoodFiles } from './corpus/last-good.js';
import { resumeImports } from './curation/import-export.js';
import { LiveEngine } from './curation/live-engine.js';
import { type BotOptions, type RunningBot, startBot } from './discord/bot.js';
import type { CommandSet } from './discord/context.js';
import { deployCommands } from './discord/deploy.js';
import type { InteractionHooks } from './discord/router.js';
import type { Logger } from './logger.js';
import { snapshotFileIn } from './search/snapshot-path.js';
import { Store } from './store/index.js';
import { ownsGuild } from './store/shards.js';

export interface AppOptions {
  config: Config & { discordToken: string };
  logger: Logger;
  commands: CommandSet;
  /** Follow edits to the corpus files (the bot and the sandbox do; tests mostly don't). */
  watchCorpus?: boolean;
  /** Register the commands globally first (the sandbox and tests, against the emulator): what DMs and user installs need. */
  deployGlobally?: boolean;
  hooks?: InteractionHooks;
  restRequestsPerSecond?: number;
}

export interface RunningApp {
  store: Store;
  live: LiveEngine;
  bot: RunningBot;
  /** Finishes the interactions in flight, then closes the watcher, the gateway and the store. */
  stop(): Promise<void>;
}

/**
 * The composition root: store, live engine, corpus watch and bot, wired once. `npm start`, the
 * sandbox, the end-to-end tests and the benchmarks all start the bot through here.
 */
export async function startApp(options: AppOptions): Promise<RunningApp> {
  const { config, logger, commands } = options;
  if (options.deployGlobally) {
    const target = { token: config.discordToken, applicationId: config.applicationId ?? '' };
    await deployCommands({ ...target, ...(config.apiBase ? { apiBase: config.apiBase } : {}) }, commands);
  }
  const store = Store.open(config.dataDir);
  const snapshotFile = snapshotFileIn(config.dataDir);
  // The bot logs in while the corpus loads; interactions that arrive first wait for the engine.
  const loading = (async () => {
    const lastGood = LastGoodFiles.inDataDir(config.corpusDir, config.dataDir);
    const shard = config.shard;
    const owns = shard ? (guildId: string) => ownsGuild(shard, guildId) : undefined;
    const live = await LiveEngine.load(config.corpusDir, store, logger, {
      lastGood,
      limits: config.limits,
      snapshotFile,
      ...(owns ? { owns } : {}),
    });
    try {
      await resumeImports(store, live.curation, logger, owns);
    } catch (error) {
      await live.close();
      throw error;
    }
    return live;
  })();
  const botOptions: BotOptions = { config, live: loading, store, logger, commands };
  if (options.hooks) botOptions.hooks = options.hooks;
  if (options.restRequestsPerSecond) botOptions.restRequestsPerSecond = options.restRequestsPerSecond;
  const [bot, live] = await bothOrNeither(startBot(botOptions), loading, {
    first: (running) => running.stop(),
    second: (running) => running.close(),
  });
  const corpusWatch = options.watchCorpus ? await live.watch(config.corpusDir, logger) : undefined;
  return {
    store,
    live,
    bot,
    async stop() {
      await corpusWatch?.close();
      await bot.stop();
      await live.close();
      await live.flushLastGood();
      store.close();
    },
  };
}

/**
 * Awaits two starts that run side by side. If one fails, the other is stopped once it has started,
 * and the failure is thrown: nothing is left running half-started.
 */
async function bothOrNeither<A, B>(
  first: Promise<A>,
  second: Promise<B>,
  stop: { first: (started: A) => Promise<void>; second: (started: B) => Promise<void> },
): Promise<[A, B]> {
  const [a, b] = await Promise.allSettled([first, second]);
  if (a.status === 'fulfilled' && b.status === 'fulfilled') return [a.value, b.value];
  if (a.status === 'fulfilled') await stop.first(a.value);
  if (b.status === 'fulfilled') await stop.second(b.value);
  throw a.status === 'rejected' ? a.reason : (b as PromiseRejectedResult).reason;
}
