import { createRequire } from 'node:module';
import { type FastifyReply, type FastifyRequest, type FastifyServerOptions, LogController } from 'fastify';
import pino, { type Logger } from 'pino';
import type PinoPretty from 'pino-pretty';
import type { Config } from './config.ts';
import { loggedUrl, serializeRequest } from './http/log-requests.ts';

export interface LoggerOptions extends Pick<Config, 'logLevel' | 'logFormat'> {
  /** Where the lines go; stdout without one (tests give a stream in memory). */
  destination?: NodeJS.WritableStream;
  /** Colour the pretty lines; without it, as stdout can (a terminal with colours, NO_COLOR, FORCE_COLOR). */
  colors?: boolean;
}

/** How the HTTP app logs: spread into buildApp's options. */
export interface HttpLogging {
  logger?: FastifyServerOptions['logger'];
  loggerInstance?: Logger;
  logController?: LogController;
}

export interface Logging {
  /** The process's own logger. */
  logger: Logger;
  /** How the HTTP app logs: through the same pretty lines, or in Fastify's own JSON lines. */
  http: HttpLogging;
}

/**
 * The process's loggers. JSON lines for machines (pino's, and Fastify's two lines per request, each with its
 * `reqId`); for people at a terminal, one short line per event, coloured where the terminal has colours, with the
 * requests only at debug (see TerminalRequestLines).
 */
export function createLogger(options: LoggerOptions): Logging {
  const stream = options.destination;
  if (options.logFormat === 'json') {
    return {
      logger: pino({ level: options.logLevel, base: { service: 'citybridge' } }, stream),
      http: {
        logger: {
          level: options.logLevel,
          serializers: { req: serializeRequest },
          ...(stream && { stream }),
        },
      },
    };
  }
  // A stream in this thread, not a worker transport: a line is written when it is logged, before what is printed
  // next (the setup link), and nothing is lost when the process exits.
  // Loaded only for a terminal: a service writing JSON lines never pays for it.
  const pretty = createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;
  const lines = pretty({
    colorize: options.colors ?? stdoutHasColors(),
    sync: true,
    destination: stream,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'reqId',
    singleLine: true,
    customPrettifiers: { time: (time) => String(time), err: prettyError },
    messageFormat: (log, messageKey, _label, { colors }) => {
      const message = withoutControlCharacters(String(log[messageKey] ?? ''));
      return Number(log.level) >= pino.levels.values.error! ? colors.bold(colors.red(message)) : message;
    },
  });
  const logger = pino({ level: options.logLevel, base: null, serializers: { req: serializeRequest } }, lines);
  return { logger, http: { loggerInstance: logger, logController: new TerminalRequestLines() } };
}

/**
 * Fastify's request logging for people at a terminal: no "incoming request" line, and one short line once the
 * answer has gone, `GET /api/places 200 3.1 ms`: at debug, or at error for a 5xx or an answer that failed.
 */
class TerminalRequestLines extends LogController {
  override incomingRequest(): void {
    // One line per request is enough: it comes with the answer.
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const line = `${request.method} ${loggedUrl(request.url)} ${reply.statusCode} ${reply.elapsedTime.toFixed(1)} ms`;
    if (error) reply.log.error({ err: error }, line);
    else if (reply.statusCode >= 500) reply.log.error(line);
    else reply.log.debug(line);
  }
}

/** An error in a pretty line: its stack (which begins with its message) and any fields of its own, not a JSON object. */
function prettyError(value: string | object): string {
  if (typeof value !== 'object') return withoutControlCharacters(String(value));
  const { type, message, stack, ...fields } = value as { type?: string; message?: string; stack?: string };
  const more = Object.keys(fields).length > 0 ? `\n${JSON.stringify(fields)}` : '';
  return withoutControlCharacters(`${stack ?? `${type}: ${message}`}${more}`);
}

/** Messages may carry what a client sent: no escape sequences reach the terminal, only line breaks and tabs. */
function withoutControlCharacters(text: string): string {
  return text.replace(/[^\P{Cc}\n\t]/gu, '');
}

function stdoutHasColors(): boolean {
  return process.stdout.hasColors?.() ?? false;
}

const BOLD = ['\u001b[1m', '\u001b[22m'] as const;
const YELLOW = ['\u001b[33m', '\u001b[39m'] as const;

/**
 * A notice for whoever started the process, printed on stdout (not logged) between blank lines. Where stdout has
 * colours it is bold between two yellow rules, so that it stands out among the log lines; elsewhere it is as given.
 */
export function standOut(text: string, colors = stdoutHasColors()): string {
  if (!colors) return `\n${text}\n\n`;
  const rule = `${YELLOW[0]}${'─'.repeat(78)}${YELLOW[1]}`;
  return `\n${rule}\n${BOLD[0]}${text}${BOLD[1]}\n${rule}\n\n`;
}
