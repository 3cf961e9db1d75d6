/**
 * npm start: runs the bot against Discord (or the API at DISCORD_API_BASE).
 */
import dotenv from 'dotenv';
import { ConfigError, loadConfig, type Config } from './config.js';
import { startBot } from './discord/bot.js';
import { createLogger, type Logger } from './logger.js';
import { loadEngine } from './search/load-engine.js';
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
  console.error('Configuration: DISCORD_TOKEN is not set. Set it (and DISCORD_APPLICATION_ID) in the environment or in .env.');
  process.exit(1);
} else {
  const engine = await loadEngine(config.corpusDir, logger);
  const store = Store.open(config.dataDir);
  const bot = await startBot({ config: { ...config, discordToken: config.discordToken }, engine, store, logger });
  onShutdown(logger, async () => {
    await bot.stop();
    store.close();
  });
}
