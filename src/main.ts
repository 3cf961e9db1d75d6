/**
 * npm start: runs the bot against Discord (or the API at DISCORD_API_BASE) when DISCORD_TOKEN is set;
 * without one, the local sandbox: the emulator, the real bot and a Discord-like web page.
 */
import dotenv from 'dotenv';
import { type Config, ConfigError, loadConfig } from './config.js';
import { LiveEngine } from './curation/live-engine.js';
import { startBot } from './discord/bot.js';
import { createLogger, type Logger } from './logger.js';
import { Store } from './store/index.js';

dotenv.config({ quiet: true });

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

function onShutdown(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

const config = configOrExit();
const pretty = config.logFormat === 'pretty' || (config.logFormat === 'auto' && process.stdout.isTTY === true);
const logger = createLogger({ level: config.logLevel, pretty });

if (!config.discordToken) {
  const { startSandbox } = await import('./sandbox/start.js');
  const sandbox = await startSandbox(config, logger);
  console.log(`No DISCORD_TOKEN set: started the local sandbox at ${sandbox.url} (open it in a browser; Ctrl-C stops it)`);
  onShutdown(logger, sandbox.stop);
} else {
  const store = Store.open(config.dataDir);
  const live = await LiveEngine.load(config.corpusDir, store, logger);
  const corpusWatch = await live.watch(config.corpusDir, logger);
  const bot = await startBot({ config: { ...config, discordToken: config.discordToken }, live, store, logger });
  onShutdown(logger, async () => {
    await corpusWatch.close();
    await bot.stop();
    store.close();
  });
}
