/** What `npm start` runs once src/main.ts has read the configuration and started the corpus worker: the sandbox, or the bot. */
import { COMMANDS } from '../commands/index.js';
import { startApp } from './app.js';
import type { Config } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { StoreError } from './store/database.js';

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

/** A store that cannot be used stops the bot with one line that says what to do, not a stack trace. */
async function orExit<T>(start: Promise<T>): Promise<T> {
  try {
    return await start;
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    console.error(`stackwise: ${error.message}`);
    process.exit(1);
  }
}

/** Starts the sandbox (no token) or the bot, and returns how to stop it. */
async function start(config: Config, logger: Logger): Promise<() => Promise<void>> {
  if (!config.discordToken) {
    const { startSandbox } = await import('./sandbox/start.js');
    const sandbox = await orExit(startSandbox(config, logger, COMMANDS));
    console.log(`No DISCORD_TOKEN set: started the local sandbox at ${sandbox.url} (open it in a browser; Ctrl-C stops it)`);
    return sandbox.stop;
  }
  const app = await orExit(
    startApp({ config: { ...config, discordToken: config.discordToken }, logger, commands: COMMANDS, watchCorpus: true }),
  );
  return app.stop;
}

/** The bot's logger; in a shard process every line carries the shard's id. */
function loggerFor(config: Config): Logger {
  const pretty = config.logFormat === 'pretty' || (config.logFormat === 'auto' && process.stdout.isTTY === true);
  const logger = createLogger({ level: config.logLevel, pretty });
  return config.shard ? logger.child({ shard: config.shard.ids[0] }) : logger;
}

export function run(config: Config): void {
  const logger = loggerFor(config);
  // A shard process whose manager is gone (killed) has nobody to respawn it or stop it: it stops itself.
  if (config.shard) process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  // Listening from the first moment: the bot logs in while the corpus loads, so a signal may come mid-start.
  const started = start(config, logger);
  onShutdown(logger, async () => (await started)());
}
