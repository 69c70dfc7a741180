import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/helpers/db.ts';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { createLogger, standOut } from './logger.ts';

/** A log destination in memory: what was written, as text. */
function memoryStream() {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

let database: TestDatabase;
let app: FastifyInstance | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await app?.close();
  app = undefined;
});
afterAll(() => database.destroy());

/** The app logging into memory, with a route that fails. */
async function appLoggingTo(logLevel: Config['logLevel'], logFormat: Config['logFormat']) {
  const output = memoryStream();
  const { logger, http } = createLogger({ logLevel, logFormat, destination: output.stream, colors: false });
  app = await buildApp({ database, ...http });
  app.get('/api/test/failure', async () => {
    throw new Error('the test route fails');
  });
  return { logger, app, output };
}

describe('pretty log lines, for a terminal', () => {
  it('are one short line per event: the time, the level and the message, without pid, host or service', async () => {
    const { logger, output } = await appLoggingTo('info', 'pretty');
    logger.info({ database: 'PGlite in /tmp/x' }, 'database opened');
    await expect
      .poll(output.text)
      .toMatch(/^\d\d:\d\d:\d\d INFO: database opened {"database":"PGlite in \/tmp\/x"}\n$/);
  });

  it('show a request as one line at debug only, with the secrets of its address left out', async () => {
    const quiet = await appLoggingTo('info', 'pretty');
    await quiet.app.inject({ url: '/api/health' });
    await quiet.app.inject({ url: '/api/test/failure' });
    await expect.poll(quiet.output.text).toMatch(/ERROR: GET \/api\/test\/failure 500 \d+\.\d ms\n/);
    expect(quiet.output.text()).not.toContain('/api/health');
    expect(quiet.output.text()).not.toContain('incoming request');
    await quiet.app.close();

    const { app, output } = await appLoggingTo('debug', 'pretty');
    await app.inject({ url: '/api/health' });
    await app.inject({ url: `/api/calendars/private/${'q'.repeat(43)}/events.ics` });
    await expect
      .poll(output.text)
      .toMatch(/ DEBUG: GET \/api\/calendars\/private\/…\/events.ics 404 \d+\.\d ms\n/);
    expect(output.text()).toMatch(/^\d\d:\d\d:\d\d DEBUG: GET \/api\/health 200 \d+\.\d ms\n/m);
    expect(output.text()).not.toContain('q'.repeat(43));
    expect(output.text()).not.toContain('incoming request');
  });

  it("show an error's message and its stack, line by line", async () => {
    const { logger, app, output } = await appLoggingTo('info', 'pretty');
    logger.error({ err: new Error('the disk is full') }, 'writing the report failed');
    expect(output.text()).toContain('ERROR: writing the report failed');
    expect(output.text()).toMatch(/\n {4}err: Error: the disk is full\n {8}at /);

    await app.inject({ url: '/api/test/failure' });
    await expect.poll(output.text).toMatch(/ERROR: GET \/api\/test\/failure 500/);
    expect(output.text()).toMatch(/ERROR: unhandled error ?\n {4}err: Error: the test route fails\n {8}at /);
  });

  it('are coloured where the terminal has colours', () => {
    const output = memoryStream();
    const { logger } = createLogger({
      logLevel: 'info',
      logFormat: 'pretty',
      destination: output.stream,
      colors: true,
    });
    logger.error('it broke');
    expect(output.text()).toContain('\u001b[31mERROR\u001b[39m');
  });
});

describe('JSON log lines, for machines', () => {
  it("are Fastify's two lines per request, each with the request's id", async () => {
    const { logger, app, output } = await appLoggingTo('info', 'json');
    logger.info('started');
    const response = await app.inject({ url: '/api/health' });
    await expect.poll(output.text).toContain('request completed');
    const lines = output
      .text()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines[0]).toMatchObject({ level: 30, service: 'citybridge', msg: 'started' });
    const requestLines = lines.filter((line) => line.req || line.res);
    expect(requestLines).toMatchObject([
      { msg: 'incoming request', req: { method: 'GET', url: '/api/health' } },
      { msg: 'request completed', res: { statusCode: 200 } },
    ]);
    for (const line of requestLines) expect(line.reqId).toBe(response.headers['x-request-id']);
  });
});

describe('a notice for whoever started the process', () => {
  it('stands between blank lines as it is, and framed in bold where the terminal has colours', () => {
    const text = 'No user exists yet. Open this link:\n\n  http://localhost:3000/setup#token=x';
    expect(standOut(text, false)).toBe(`\n${text}\n\n`);
    const coloured = standOut(text, true);
    expect(coloured).toContain(`\u001b[1m${text}\u001b[22m`);
    expect(coloured).toMatch(/^\n.*─{78}.*\n/);
    expect(coloured.endsWith('\n\n')).toBe(true);
  });
});
