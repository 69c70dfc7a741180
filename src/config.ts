import { isIP } from 'node:net';
import path from 'node:path';
import * as z from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
/** Who may read /api/metrics without METRICS_ALLOW: this machine only. */
export const METRICS_ALLOW_DEFAULT = ['127.0.0.0/8', '::1'] as const;
const LOG_FORMATS = ['pretty', 'json'] as const;

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.url().optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  LOG_FORMAT: z.enum(LOG_FORMATS).optional(),
  IMPORT_ON_START: booleanFromEnv.default(true),
  TRUST_PROXY: z
    .string()
    .trim()
    .transform((value, context): TrustProxy => {
      const lower = value.toLowerCase();
      if (['false', '0', 'no'].includes(lower)) return false;
      if (['true', 'yes'].includes(lower)) return 1;
      if (/^[1-9]\d?$/.test(value)) return Number(value);
      const addresses = value.split(',').map((part) => part.trim());
      if (addresses.every(isAddressOrRange)) return addresses;
      context.addIssue({
        code: 'custom',
        message:
          'must be true, false, a number of proxies, or a comma-separated list of proxy addresses or ranges',
      });
      return z.NEVER;
    })
    .default(false),
  METRICS_ALLOW: z
    .string()
    .trim()
    .transform((value, context): string[] => {
      if (value.toLowerCase() === 'none') return [];
      const ranges = value.split(',').map((part) => part.trim());
      if (ranges.every(isAddressOrRange)) return ranges;
      context.addIssue({
        code: 'custom',
        message: 'must be none, or a comma-separated list of client addresses or ranges',
      });
      return z.NEVER;
    })
    .default([...METRICS_ALLOW_DEFAULT]),
  MAP_STYLE_URL: z.url().optional(),
  PUBLIC_URL: z.url().optional(),
  DOCUMENT_QUOTA_MB: z.coerce.number().int().min(1).default(1024),
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
  MAIL_FROM: z.string().trim().min(3).max(320).optional(),
});

/**
 * Which reverse proxies to believe about the client: false (none), how many proxies stand in front (the client is
 * that many addresses from the right of X-Forwarded-For; `true` means one), or the proxies' addresses or ranges.
 * Never the left-most address, which any client can write.
 */
export type TrustProxy = false | number | string[];

function isAddressOrRange(value: string): boolean {
  const [address, bits, ...rest] = value.split('/');
  if (rest.length > 0 || !address || isIP(address) === 0) return false;
  if (bits === undefined) return true;
  const max = isIP(address) === 4 ? 32 : 128;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= max;
}

/** The one typed configuration of a CityBridge process, read from the environment. */
export interface Config {
  port: number;
  host: string;
  /** Root folder for everything the process keeps on disk. */
  dataDir: string;
  /** The embedded database folder, used when no DATABASE_URL is set. */
  pgliteDir: string;
  /** Where reconciliation reports of imports are written. */
  reportsDir: string;
  databaseUrl: string | undefined;
  logLevel: (typeof LOG_LEVELS)[number];
  /**
   * How log lines look (LOG_FORMAT): one short line per event for people, or JSON lines for machines; pretty when
   * stdout is a terminal, JSON when it is a pipe or a file.
   */
  logFormat: (typeof LOG_FORMATS)[number];
  /** Import the shipped world data on start when the database holds no places. */
  importOnStart: boolean;
  /** Behind reverse proxies: which to trust for the client address and TLS (X-Forwarded-For, -Proto). */
  trustProxy: TrustProxy;
  /** The client addresses and ranges that may read /api/metrics (METRICS_ALLOW); none turns it off. */
  metricsAllow: string[];
  /** A MapLibre style URL for deployments online; without it the offline base map is drawn. */
  mapStyleUrl: string | undefined;
  /** The address users reach the app at, used in one-time links; http://localhost:PORT without one. */
  publicUrl: string;
  /** Where uploaded documents are kept. */
  documentsDir: string;
  /** How many bytes of documents each organisation may keep (DOCUMENT_QUOTA_MB). */
  documentQuotaBytes: number;
  /**
   * Where e-mail goes out (SMTP_URL, with MAIL_FROM as the sender, else citybridge@ the public host); without
   * SMTP_URL no e-mail is sent.
   */
  mail: { smtpUrl: string; from: string } | undefined;
}

export class ConfigError extends Error {}

/** Reads and validates the configuration; throws a ConfigError that names every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const values = parsed.data;
  const dataDir = path.resolve(values.DATA_DIR);
  return {
    port: values.PORT,
    host: values.HOST,
    dataDir,
    pgliteDir: path.join(dataDir, 'db'),
    reportsDir: path.join(dataDir, 'reports'),
    databaseUrl: values.DATABASE_URL,
    logLevel: values.LOG_LEVEL,
    logFormat: values.LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json'),
    importOnStart: values.IMPORT_ON_START,
    trustProxy: values.TRUST_PROXY,
    metricsAllow: values.METRICS_ALLOW,
    mapStyleUrl: values.MAP_STYLE_URL,
    publicUrl: (values.PUBLIC_URL ?? `http://localhost:${values.PORT}`).replace(/\/$/, ''),
    documentsDir: path.join(dataDir, 'documents'),
    documentQuotaBytes: values.DOCUMENT_QUOTA_MB * 1024 * 1024,
    mail: values.SMTP_URL
      ? {
          smtpUrl: values.SMTP_URL,
          from:
            values.MAIL_FROM ??
            `CityBridge <citybridge@${new URL(values.PUBLIC_URL ?? 'http://localhost').hostname}>`,
        }
      : undefined,
  };
}
