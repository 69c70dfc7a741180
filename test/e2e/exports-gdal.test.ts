import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { makePartnership, makePlace } from '../helpers/factories.ts';

/**
 * The GeoJSON export as a GIS tool reads it: GDAL's ogrinfo (Debian's gdal-bin, installed with Chromium for these
 * tests) opens it and counts its ties and places, the lines across the antimeridian included.
 */

const run = promisify(execFile);
let t: TestApp;
let dir: string;

beforeAll(async () => {
  t = await createTestApp();
  dir = await mkdtemp(path.join(tmpdir(), 'citybridge-gdal-'));
  const db = t.database.db;
  const espoo = await makePlace(db, { name: 'Espoo', lat: 60.21, lng: 24.66 });
  const shanghai = await makePlace(db, { name: 'Shanghai', country: 'CN', lat: 31.23, lng: 121.47 });
  const tokyo = await makePlace(db, { name: 'Tokyo', country: 'JP', lat: 35.68, lng: 139.69 });
  const sanFrancisco = await makePlace(db, {
    name: 'San Francisco',
    country: 'US',
    lat: 37.77,
    lng: -122.42,
  });
  const auckland = await makePlace(db, { name: 'Auckland', country: 'NZ', lat: -36.85, lng: 174.76 });
  await makePartnership(db, [espoo.id, shanghai.id], { kind: 'twin_town' });
  await makePartnership(db, [tokyo.id, sanFrancisco.id], { kind: 'twin_town' });
  await makePartnership(db, [auckland.id, sanFrancisco.id], { kind: 'friendship_city' });
  await makePartnership(db, [espoo.id, tokyo.id], { visibility: 'internal' });
});
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

/** ogrinfo's summary of the file's one layer, with an attribute filter. */
async function featureCount(file: string, where?: string) {
  const { stdout } = await run('ogrinfo', ['-ro', '-so', '-al', ...(where ? ['-where', where] : []), file]);
  return Number(/Feature Count: (\d+)/.exec(stdout)?.[1]);
}

describe('the GeoJSON export', () => {
  it('opens in GDAL with the right feature counts', async () => {
    const answer = await t.app.inject({ url: '/api/exports/geojson' });
    expect(answer.statusCode).toBe(200);
    const file = path.join(dir, 'ties.geojson');
    await writeFile(file, answer.rawPayload);
    expect(await featureCount(file)).toBe(8);
    expect(await featureCount(file, "record = 'tie'")).toBe(3);
    expect(await featureCount(file, "record = 'place'")).toBe(5);
    const { stdout } = await run('ogrinfo', ['-ro', '-al', '-where', "kind = 'friendship_city'", file]);
    expect(stdout).toContain('MULTILINESTRING');
    const extent = /Extent: \(([-\d.]+), [-\d.]+\) - \(([-\d.]+), [-\d.]+\)/.exec(
      (await run('ogrinfo', ['-ro', '-so', '-al', file])).stdout,
    );
    expect(Number(extent?.[1])).toBeGreaterThanOrEqual(-180);
    expect(Number(extent?.[2])).toBeLessThanOrEqual(180);
  });
});
