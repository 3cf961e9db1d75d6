import path from 'node:path';
import type { ShardScope } from './store/shards.js';

/** Everything the bot reads from its environment, validated once at start. */
export interface Config {
  /** Absent: run the local sandbox instead of connecting to Discord. */
  discordToken?: string;
  applicationId?: string;
  /** Another Discord API, e.g. http://127.0.0.1:PORT/api; absent means Discord's own. */
  apiBase?: string;
  devGuildId?: string;
  logLevel: LogLevel;
  logFormat: 'json' | 'pretty' | 'auto';
  dataDir: string;
  corpusDir: string;
  askCooldown: { limit: number; windowMs: number };
  /**
   * Ask Discord for the privileged Message Content intent (DISCORD_MESSAGE_CONTENT), so an auto-answer reads a
   * new post's first message as well as its title. It must be switched on in the Developer Portal too.
   */
  messageContentIntent: boolean;
  botOwnerIds: string[];
  sandboxPort: number;
  /** What one server may hold, so that one process stays healthy. */
  limits: CurationLimits;
  /**
   * SHARD_COUNT (and SHARD_IDS): run the gateway shards in processes of their own under discord.js's
   * ShardingManager. Absent: one process, as for small bots and the sandbox.
   */
  sharding?: Sharding;
  /** Inside a shard process the manager started: the shard it runs; only its servers are loaded. */
  shard?: ShardScope;
}

interface Sharding {
  /** How many shards there are in all; `auto`: as many as GET /gateway/bot recommends. */
  count: number | 'auto';
  /** The shards this machine runs (SHARD_IDS); absent: all of them. */
  ids?: number[];
}

export interface CurationLimits {
  /** Entries one server may write (MAX_SERVER_ENTRIES). */
  entriesPerServer: number;
  /** Entries one /faq import may carry (MAX_IMPORT_ENTRIES). */
  entriesPerImport: number;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
type LogLevel = (typeof LOG_LEVELS)[number];

const CONFIG_DEFAULTS = {
  logLevel: 'info' as LogLevel,
  dataDir: './data',
  corpusDir: './corpus',
  askCooldownLimit: 5,
  askCooldownWindowSeconds: 10,
  sandboxPort: 3000,
  maxServerEntries: 2000,
  maxImportEntries: 1000,
  /** Far above any bot's needs (Discord recommends one shard per 1,000 servers). */
  maxShardCount: 100_000,
};

/** A configuration problem; its message names the variable and never shows a secret's value. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

const SNOWFLAKE = /^\d{17,20}$/;

function optional(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function snowflake(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = optional(env, name);
  if (value !== undefined && !SNOWFLAKE.test(value)) throw new ConfigError(name, 'must be a Discord id (17 to 20 digits)');
  return value;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const value = optional(env, name);
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max}, not "${value}"`);
  }
  return number;
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const value = optional(env, name)?.toLowerCase();
  if (value === undefined || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  throw new ConfigError(name, `must be true or false, not "${value}"`);
}

/** "0,2", "0-3" or both ("0-3,6"): the shard ids, each below the count. */
function shardIds(value: string, count: number): number[] {
  const ids = new Set<number>();
  for (const part of value.split(',').map((item) => item.trim())) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(part);
    const first = range ? Number(range[1]) : Number.NaN;
    const last = range?.[2] === undefined ? first : Number(range[2]);
    if (!range || last < first) throw new ConfigError('SHARD_IDS', `must be shard ids such as "0,2" or "0-3", not "${value}"`);
    if (last >= count) throw new ConfigError('SHARD_IDS', `must be below SHARD_COUNT (${count}), not ${last}`);
    for (let id = first; id <= last; id += 1) ids.add(id);
  }
  return [...ids].sort((a, b) => a - b);
}

function sharding(env: NodeJS.ProcessEnv): Sharding | undefined {
  const count = optional(env, 'SHARD_COUNT')?.toLowerCase();
  const ids = optional(env, 'SHARD_IDS');
  if (count === undefined) {
    if (ids !== undefined) throw new ConfigError('SHARD_IDS', 'needs SHARD_COUNT (the number of shards on every machine)');
    return undefined;
  }
  if (count === 'auto') {
    if (ids !== undefined) throw new ConfigError('SHARD_IDS', 'needs a number in SHARD_COUNT, not auto: every machine must agree on it');
    return { count: 'auto' };
  }
  const number = integer(env, 'SHARD_COUNT', 1, 1, CONFIG_DEFAULTS.maxShardCount);
  return { count: number, ...(ids === undefined ? {} : { ids: shardIds(ids, number) }) };
}

/** Set by discord.js's ShardingManager in the processes it starts: SHARDS is the shard's id. */
function shardOfProcess(env: NodeJS.ProcessEnv, config: Sharding | undefined): ShardScope | undefined {
  if (env.SHARDING_MANAGER !== 'true' || env.SHARDS === undefined) return undefined;
  const id = Number(env.SHARDS);
  if (!config || typeof config.count !== 'number' || !Number.isInteger(id) || id < 0 || id >= config.count) {
    throw new ConfigError('SHARDS', 'must be the id of a shard below SHARD_COUNT (set by the shard manager)');
  }
  return { ids: [id], count: config.count };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const discordToken = optional(env, 'DISCORD_TOKEN');
  if (discordToken !== undefined && (/\s/.test(discordToken) || discordToken.length < 20)) {
    throw new ConfigError('DISCORD_TOKEN', 'does not look like a bot token');
  }
  const applicationId = snowflake(env, 'DISCORD_APPLICATION_ID');
  if (discordToken && !applicationId) throw new ConfigError('DISCORD_APPLICATION_ID', 'is required when DISCORD_TOKEN is set');

  const apiBase = optional(env, 'DISCORD_API_BASE');
  if (apiBase !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(apiBase);
    } catch {
      url = undefined;
    }
    if (!url || !['http:', 'https:'].includes(url.protocol)) {
      throw new ConfigError('DISCORD_API_BASE', 'must be an http(s) URL such as http://127.0.0.1:8080/api');
    }
  }

  const logLevel = (optional(env, 'LOG_LEVEL') ?? CONFIG_DEFAULTS.logLevel).toLowerCase();
  if (!LOG_LEVELS.includes(logLevel as LogLevel)) throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  const logFormat = (optional(env, 'LOG_FORMAT') ?? 'auto').toLowerCase();
  if (!['json', 'pretty', 'auto'].includes(logFormat)) throw new ConfigError('LOG_FORMAT', 'must be json, pretty or auto');

  const botOwnerIds = (optional(env, 'BOT_OWNER_IDS') ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const badOwner = botOwnerIds.find((id) => !SNOWFLAKE.test(id));
  if (badOwner !== undefined) throw new ConfigError('BOT_OWNER_IDS', 'must be a comma-separated list of Discord user ids');

  const shardConfig = sharding(env);
  const shard = shardOfProcess(env, shardConfig);

  return {
    ...(discordToken ? { discordToken } : {}),
    ...(applicationId ? { applicationId } : {}),
    ...(apiBase ? { apiBase: apiBase.replace(/\/+$/, '') } : {}),
    ...(snowflake(env, 'DEV_GUILD_ID') ? { devGuildId: snowflake(env, 'DEV_GUILD_ID') } : {}),
    logLevel: logLevel as LogLevel,
    logFormat: logFormat as Config['logFormat'],
    dataDir: path.resolve(optional(env, 'DATA_DIR') ?? CONFIG_DEFAULTS.dataDir),
    corpusDir: path.resolve(optional(env, 'CORPUS_DIR') ?? CONFIG_DEFAULTS.corpusDir),
    askCooldown: {
      limit: integer(env, 'ASK_COOLDOWN_LIMIT', CONFIG_DEFAULTS.askCooldownLimit, 1, 1000),
      windowMs: 1000 * integer(env, 'ASK_COOLDOWN_SECONDS', CONFIG_DEFAULTS.askCooldownWindowSeconds, 1, 3600),
    },
    messageContentIntent: flag(env, 'DISCORD_MESSAGE_CONTENT'),
    botOwnerIds,
    limits: {
      entriesPerServer: integer(env, 'MAX_SERVER_ENTRIES', CONFIG_DEFAULTS.maxServerEntries, 1, 1_000_000),
      entriesPerImport: integer(env, 'MAX_IMPORT_ENTRIES', CONFIG_DEFAULTS.maxImportEntries, 1, 100_000),
    },
    sandboxPort: integer(env, 'SANDBOX_PORT', CONFIG_DEFAULTS.sandboxPort, 0, 65535),
    ...(shardConfig ? { sharding: shardConfig } : {}),
    ...(shard ? { shard } : {}),
  };
}
