import pino, { type Logger } from 'pino';
import type { Config } from './config.ts';

/** The process logger: JSON lines (pino), one per event. */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, base: { service: 'citybridge' } });
}
