import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('defaults to port 3000 and the embedded database in ./data/db', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      logLevel: 'info',
      databaseUrl: undefined,
      importOnStart: true,
    });
    expect(config.pgliteDir).toBe(path.resolve('data/db'));
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      DATA_DIR: '/srv/citybridge',
      DATABASE_URL: 'postgres://user@db:5432/citybridge',
      LOG_LEVEL: 'warn',
      IMPORT_ON_START: 'false',
    });
    expect(config).toMatchObject({
      port: 8080,
      dataDir: '/srv/citybridge',
      pgliteDir: '/srv/citybridge/db',
      reportsDir: '/srv/citybridge/reports',
      databaseUrl: 'postgres://user@db:5432/citybridge',
      logLevel: 'warn',
      importOnStart: false,
    });
  });

  it('reads which proxies to trust: never every hop', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.0.2.1' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '192.0.2.1',
    ]);
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/99' })).toThrow(/TRUST_PROXY/);
  });

  it('reads who may read the metrics: this machine by default, none turns them off', () => {
    expect(loadConfig({}).metricsAllow).toEqual(['127.0.0.0/8', '::1']);
    expect(loadConfig({ METRICS_ALLOW: '' }).metricsAllow).toEqual(['127.0.0.0/8', '::1']);
    expect(loadConfig({ METRICS_ALLOW: 'none' }).metricsAllow).toEqual([]);
    expect(loadConfig({ METRICS_ALLOW: ' 10.0.0.0/8, 192.0.2.1,2001:db8::/32 ' }).metricsAllow).toEqual([
      '10.0.0.0/8',
      '192.0.2.1',
      '2001:db8::/32',
    ]);
    for (const bad of ['everyone', '10.0.0.0/33', '10.0.0.0/8,', 'prometheus.internal', '::1/129']) {
      expect(() => loadConfig({ METRICS_ALLOW: bad })).toThrow(/METRICS_ALLOW/);
    }
  });

  it('reads the log format: pretty in a terminal, JSON lines through a pipe, unless LOG_FORMAT says', () => {
    expect(loadConfig({}).logFormat).toBe(process.stdout.isTTY ? 'pretty' : 'json');
    expect(loadConfig({ LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT/);
  });

  it('names every invalid variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' })).toThrow(/PORT[\s\S]*LOG_LEVEL/);
  });
});
