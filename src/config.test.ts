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

  it('names every invalid variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' })).toThrow(/PORT[\s\S]*LOG_LEVEL/);
  });
});
