import pino, { type Logger, type LoggerOptions } from 'pino';

export type { Logger };

export interface LoggerConfig {
  level: string;
  /** Human-readable lines instead of JSON. */
  pretty: boolean;
  /** Where lines go: 1 stdout, 2 stderr. */
  fd?: 1 | 2;
}

/** Paths whose values never reach a log line. */
const REDACTED_PATHS = ['token', '*.token', 'config.discordToken', 'headers.authorization', '*.headers.authorization'];

/**
 * Interaction and webhook tokens travel in URL paths (/interactions/<id>/<token>/callback,
 * /webhooks/<app>/<token>), and discord.js puts those URLs in its errors.
 */
const TOKEN_IN_PATH = /(\/(?:interactions|webhooks)\/\d{5,25})\/[\w.-]{16,}/g;
const MAX_DEPTH = 8;

function redactTokens(text: string): string {
  return text.replace(TOKEN_IN_PATH, '$1/[redacted]');
}

/** Every string in a log object, tokens redacted; error bodies are kept out entirely. */
function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactTokens(value);
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (value instanceof Error) return scrub(pino.stdSerializers.err(value), depth + 1);
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    // discord.js attaches the request it sent to its errors; it can carry message text and files.
    if (key === 'requestBody') continue;
    copy[key] = scrub(item, depth + 1);
  }
  return copy;
}

/** The options every logger of the bot uses, tests' included, so secrets are redacted the same way everywhere. */
export const LOGGER_OPTIONS: LoggerOptions = {
  redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  base: undefined,
  serializers: { err: (error: Error) => scrub(pino.stdSerializers.err(error)) },
  formatters: { log: (object) => scrub(object) as Record<string, unknown> },
  hooks: {
    logMethod(args, method) {
      method.apply(this, args.map((arg) => (typeof arg === 'string' ? redactTokens(arg) : arg)) as Parameters<typeof method>);
    },
  },
};

export function createLogger(config: LoggerConfig): Logger {
  const options: LoggerOptions = { ...LOGGER_OPTIONS, level: config.level };
  if (config.pretty) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { destination: config.fd ?? 1 } } });
  }
  return pino(options, pino.destination({ fd: config.fd ?? 1, sync: true }));
}
