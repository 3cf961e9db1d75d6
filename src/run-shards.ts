/** What `npm start` runs when SHARD_COUNT is set: the shard manager, which starts a process per shard. */
import type { Config } from './config.js';
import { startShards } from './discord/shard-manager.js';
import { createLogger } from './logger.js';

export function runShards(config: Config & { discordToken: string }, file: string): void {
  const pretty = config.logFormat === 'pretty' || (config.logFormat === 'auto' && process.stdout.isTTY === true);
  const logger = createLogger({ level: config.logLevel, pretty }).child({ shard: 'manager' });
  const started = startShards(config, file, logger);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down the shard processes');
    started
      .then((shards) => shards.stop())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  // A shard process that dies before it is ready (a bad token, a damaged store) stops the whole start.
  started
    .then((shards) =>
      shards.spawned.catch(async (error: unknown) => {
        if (stopping) return;
        stopping = true;
        logger.fatal({ err: error }, 'a shard process could not start: stopping');
        await shards.stop();
        process.exit(1);
      }),
    )
    .catch((error: unknown) => {
      logger.fatal({ err: error }, 'the shard processes could not start');
      process.exit(1);
    });
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}
