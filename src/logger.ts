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

export function createLogger(config: LoggerConfig): Logger {
  const options: LoggerOptions = {
    level: config.level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: undefined,
  };
  if (config.pretty) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { destination: config.fd ?? 1 } } });
  }
  return pino(options, pino.destination({ fd: config.fd ?? 1, sync: true }));
}
