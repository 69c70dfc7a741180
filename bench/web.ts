/**
 * `npm run bench:web`: the atlas in headless Chromium (software WebGL) over the whole shipped world data.
 *
 * - navigation → every tie drawn: median of 5 cold loads, a fresh browser each
 * - select a place → its ties highlighted and the panel painted, after the partners API answered
 * - frame times while panning (mouse drag) and zooming (mouse wheel)
 * - bytes for the first view (JS, CSS, data), as transferred compressed
 *
 * The server runs as a process of its own (`citybridge serve`, which imports the world data and builds the web
 * app when needed). Set CITYBRIDGE_DATA_DIR to a folder with an imported `db` to skip the import.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { type Browser, chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const launch = () =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const rows: string[][] = [];
const record = (measure: string, value: string, target: string) => {
  rows.push([measure, value, target]);
  process.stderr.write(`  ${measure}: ${value}\n`);
};

async function coldLoad(url: string): Promise<{ drawnMs: number; bytes: number; requests: number }> {
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(url);
    await page.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: 60_000 });
    // The frame in which the network layer drew every tie (and every place) onto the map.
    const drawnMs = (await page.evaluate(
      "performance.getEntriesByName('citybridge:network-drawn')[0]?.startTime ?? -1",
    )) as number;
    // The first view: what was transferred (compressed, with headers) until the ties were drawn; the names for
    // tooltips follow after.
    const { bytes, requests } = (await page.evaluate(`(() => {
      const drawn = performance.getEntriesByName('citybridge:network-drawn')[0].startTime;
      const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
        .filter((entry) => entry.startTime <= drawn);
      return { bytes: entries.reduce((sum, entry) => sum + entry.transferSize, 0), requests: entries.length };
    })()`)) as { bytes: number; requests: number };
    if (process.env.BENCH_VERBOSE) {
      process.stderr.write(
        `${await page.evaluate("JSON.stringify(performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)]))")}\n`,
      );
    }
    return { drawnMs, bytes, requests };
  } finally {
    await browser.close();
  }
}

async function selection(browser: Browser, url: string): Promise<number[]> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url);
  await page.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: 60_000 });
  const timings: number[] = [];
  for (const query of ['Espoo', 'Shanghai', 'Tampere', 'Kristianstad', 'Chicago', 'Budapest', 'Osaka']) {
    const input = page.getByRole('combobox', { name: 'Search for a place' });
    await input.fill(query);
    await page
      .getByRole('option', { name: new RegExp(query) })
      .first()
      .waitFor();
    const partners = page.waitForResponse((response) => response.url().includes('/partners'));
    await input.press('Enter');
    const response = await partners;
    await response.finished();
    const answeredAt = await page.evaluate(() => performance.now());
    await page.waitForFunction(
      (name) => document.querySelector('#panel-title')?.textContent?.includes(name),
      query,
    );
    // The next two frames: the panel and the highlighted ties are on screen.
    const paintedAt = (await page.evaluate(
      'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now()))))',
    )) as number;
    timings.push(paintedAt - answeredAt);
  }
  await page.close();
  return timings;
}

async function frames(browser: Browser, url: string): Promise<number[]> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url);
  await page.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: 60_000 });
  const box = (await page.locator('[data-testid="map"]').boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  // A string, so that no helper of the TypeScript loader ends up in the page.
  await page.evaluate(`(() => {
    window.frameTimes = [];
    let last = performance.now();
    const tick = (now) => { window.frameTimes.push(now - last); last = now; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
  await page.mouse.move(cx, cy);
  for (let step = 0; step < 8; step += 1) {
    await page.mouse.wheel(0, -120);
    await page.waitForTimeout(60);
  }
  await page.mouse.down();
  for (let step = 0; step < 40; step += 1) await page.mouse.move(cx - step * 8, cy - step * 3, { steps: 2 });
  await page.mouse.up();
  for (let step = 0; step < 8; step += 1) {
    await page.mouse.wheel(0, 120);
    await page.waitForTimeout(60);
  }
  const times = await page.evaluate(() =>
    (window as unknown as { frameTimes: number[] }).frameTimes.slice(1),
  );
  await page.close();
  return times;
}

/** Starts `citybridge serve` as a process of its own, as in production, and answers its URL. */
function serve(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve('bin/citybridge.js'), 'serve'], {
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        DATABASE_URL: '',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const timer = setTimeout(() => reject(new Error('the server did not start in 180 s')), 180_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const url = /"url":"([^"]+)"/.exec(line)?.[1];
      if (url && line.includes('serving')) {
        clearTimeout(timer);
        resolve({ url, child });
      }
    });
    child.on('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
}

async function main() {
  const given = process.env.CITYBRIDGE_DATA_DIR;
  const work = given ? undefined : await mkdtemp(path.join(tmpdir(), 'citybridge-bench-web-'));
  const { url, child } = await serve(given ?? work!);
  // Warm the server's read models, as on a server that has been running.
  for (const route of ['/api/network', '/api/network/names', '/api/settings', '/api/place-names?lang=en']) {
    await (await fetch(`${url}${route}`, { headers: { 'accept-encoding': 'br' } })).arrayBuffer();
  }
  try {
    process.stderr.write('Cold loads (5, a fresh browser each)\n');
    const loads = [];
    for (let run = 0; run < 5; run += 1) loads.push(await coldLoad(url));
    record(
      'navigation → all ties drawn (median of 5 cold loads)',
      `${Math.round(median(loads.map((load) => load.drawnMs)))} ms (runs: ${loads.map((load) => Math.round(load.drawnMs)).join(', ')})`,
      '≤ 700 ms',
    );
    record(
      'first view bytes, compressed',
      `${Math.round(median(loads.map((load) => load.bytes)) / 1024)} KB in ${loads[0]!.requests} requests`,
      '≤ 700 KB',
    );
    const browser = await launch();
    try {
      const selections = await selection(browser, url);
      record(
        'select a place → ties highlighted and panel painted, after the API answered',
        `median ${Math.round(median(selections))} ms, max ${Math.round(Math.max(...selections))} ms (${selections.length} places)`,
        '≤ 50 ms',
      );
      const times = await frames(browser, url);
      const sorted = [...times].sort((a, b) => a - b);
      record(
        'frame time while panning and zooming (wheel and drag)',
        `median ${median(times).toFixed(1)} ms (${(1000 / median(times)).toFixed(0)} fps), p95 ${sorted[Math.floor(sorted.length * 0.95)]!.toFixed(1)} ms, ${times.length} frames`,
        'median ≤ 33 ms',
      );
    } finally {
      await browser.close();
    }
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    if (work) await rm(work, { recursive: true, force: true });
  }
  const header = ['measure', 'figure', 'target'];
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column]!.length)));
  const line = (row: string[]) =>
    `| ${row.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  process.stdout.write(
    `${[line(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.map(line)].join('\n')}\n`,
  );
}

await main();
