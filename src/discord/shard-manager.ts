/**
 * SHARD_COUNT set: `npm start` runs discord.js's ShardingManager, which starts one process per shard (of
 * SHARD_IDS, or all), each the bot as dist/main.js runs it, and respawns a shard whose process dies. Nothing
 * else runs here: every shard process loads its own servers' entries and answers its own interactions.
 */
import type { ChildProcess } from 'node:child_process';
import { REST, Routes, type Shard, ShardingManager } from 'discord.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

const SHARDING_TIMINGS = {
  /** Between two shards' starts: Discord allows one IDENTIFY per 5 s (max_concurrency 1). */
  spawnDelayMs: 5_500,
  /** How long a shard process may take to become ready before the start fails. */
  spawnTimeoutMs: 60_000,
  /** How long a shard process may take to shut down (it finishes its interactions) before it is killed. */
  stopTimeoutMs: 10_000,
};

/** SHARD_COUNT=auto: the count GET /gateway/bot recommends, asked of the API the bot uses (DISCORD_API_BASE). */
async function recommendedShardCount(config: Config & { discordToken: string }): Promise<number> {
  const rest = new REST(config.apiBase ? { api: config.apiBase } : {}).setToken(config.discordToken);
  const answer = (await rest.get(Routes.gatewayBot())) as { shards?: number };
  return Math.max(1, Math.trunc(answer.shards ?? 1));
}

function stopProcess(child: ChildProcess | null, logger: Logger): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      logger.warn({ pid: child.pid }, 'shard process did not stop in time: killed');
      child.kill('SIGKILL');
      resolve();
    }, SHARDING_TIMINGS.stopTimeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export interface RunningShards {
  /** Resolves once every shard process is ready; rejects when one could not start (it died first, or timed out). */
  spawned: Promise<void>;
  /** Stops respawning, and stops every shard process (each finishes its interactions in flight). */
  stop(): Promise<void>;
}

/** Starts the shard processes of `file` (dist/main.js) and returns how to stop them. */
export async function startShards(config: Config & { discordToken: string }, file: string, logger: Logger): Promise<RunningShards> {
  const sharding = config.sharding ?? { count: 'auto' };
  const count = sharding.count === 'auto' ? await recommendedShardCount(config) : sharding.count;
  const manager = new ShardingManager(file, {
    mode: 'process',
    totalShards: count,
    ...(sharding.ids ? { shardList: sharding.ids } : {}),
    token: config.discordToken,
    respawn: true,
    // The same Node options as this process (source maps, heap settings; tsx under npm run dev).
    execArgv: process.execArgv,
  });
  let stopping = false;
  manager.on('shardCreate', (shard: Shard) => {
    shard.on('spawn', (child) => {
      const pid = 'pid' in child ? child.pid : undefined;
      logger.info({ shard: shard.id, shardCount: count, pid }, 'shard process started');
      // A SIGTERM that came while the shards were still being started stops this one too.
      if (stopping) void stopProcess(shard.process, logger);
    });
    shard.on('death', (child) => {
      const exitCode = 'exitCode' in child ? child.exitCode : undefined;
      if (!stopping) logger.warn({ shard: shard.id, exitCode }, 'shard process exited: starting it again');
    });
    shard.on('error', (error) => logger.error({ err: error, shard: shard.id }, 'shard process error'));
  });
  logger.info({ shardCount: count, shards: sharding.ids ?? 'all' }, 'starting shard processes');
  const spawned = manager
    .spawn({ amount: count, delay: SHARDING_TIMINGS.spawnDelayMs, timeout: SHARDING_TIMINGS.spawnTimeoutMs })
    .then(() => logger.info({ shardCount: count, shards: [...manager.shards.keys()] }, 'every shard process is ready'));
  return {
    spawned,
    async stop() {
      stopping = true;
      manager.respawn = false;
      await Promise.all([...manager.shards.values()].map((shard) => stopProcess(shard.process, logger)));
    },
  };
}
