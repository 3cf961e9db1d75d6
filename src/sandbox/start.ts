import type { Config } from '../config.js';
import { LiveEngine } from '../curation/live-engine.js';
import { startBot } from '../discord/bot.js';
import { deployCommands } from '../discord/deploy.js';
import type { Logger } from '../logger.js';
import { Store } from '../store/index.js';
import { DiscordEmulator } from './emulator/index.js';
import { SandboxWebServer } from './web-server.js';

export interface RunningSandbox {
  url: string;
  emulator: DiscordEmulator;
  stop(): Promise<void>;
}

/**
 * Three things on 127.0.0.1: the Discord emulator, the real bot connected to it, and a web page
 * that acts as a Discord client. Commands are registered with the emulator here, so a newcomer
 * runs nothing else.
 */
export async function startSandbox(config: Config, logger: Logger): Promise<RunningSandbox> {
  const emulator = await DiscordEmulator.start({
    onUnknownRoute: (method, path) => logger.warn({ method, path }, 'emulator: unknown route'),
  });
  for (const guild of emulator.guilds) {
    await deployCommands({ token: emulator.token, applicationId: emulator.applicationId, apiBase: emulator.apiBase, guildId: guild.id });
  }
  const store = Store.open(config.dataDir);
  const live = await LiveEngine.load(config.corpusDir, store, logger);
  const corpusWatch = await live.watch(config.corpusDir, logger);
  const bot = await startBot({
    config: { ...config, discordToken: emulator.token, applicationId: emulator.applicationId, apiBase: emulator.apiBase },
    live,
    store,
    logger: logger.child({ component: 'bot' }),
    restRequestsPerSecond: 1000,
  });
  const web = new SandboxWebServer(emulator, logger.child({ component: 'sandbox' }));
  const url = await web.listen(config.sandboxPort);
  return {
    url,
    emulator,
    async stop() {
      await web.close();
      await corpusWatch.close();
      await bot.stop();
      store.close();
      await emulator.close();
    },
  };
}
