import path from 'node:path';

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
  };
}
