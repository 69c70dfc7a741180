/**
 * `npm run bench:web`: the atlas in headless Chromium (software WebGL, 1280×800, the map full screen) over the
 * whole shipped world data, against a floor page (bench/floor: every tie fetched as 16-bit integers with Natural
 * Earth's land and drawn once on a 2D canvas) loaded alternately with it in the same run. Absolute times on a
 * shared machine move by a factor of two from day to day; the ratios to the floor are the figures to read.
 *
 * - navigation → every tie painted, and first contentful paint: a fresh browser per load, started and left to
 *   settle before the navigation, timed to two animation frames after the ready condition holds
 * - click a place on the map, or choose one in the search results → its ties highlighted and the panel painted,
 *   timed from the input event
 * - frame times while zooming (mouse wheel) and panning (drag)
 * - the first view's bytes as transferred (compressed), and that no workspace code is among them
 *
 * The server runs as a process of its own (`citybridge serve`, which imports the world data and builds the web
 * app when needed). Set CITYBRIDGE_DATA_DIR to a folder with an imported `db` to skip the import, BENCH_RUNS to
 * change the number of loads of each page (default 7).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { type Browser, type CDPSession, chromium, type Page } from 'playwright-core';
import type { NetworkResponse, PlaceSearchResponse } from '../src/contract.ts';
import { startFloorServer } from './floor.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const VIEWPORT = { width: 1280, height: 800 };
const launch = () =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ms = (value: number) => `${Math.round(value)} ms`;
/** A median with its spread: "412 ms (380–530)". */
const spread = (values: number[]) =>
  `${ms(median(values))} (${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))})`;
const rows: string[][] = [];
const record = (measure: string, ours: string, floor: string, ratio: string, target: string) => {
  rows.push([measure, ours, floor, ratio, target]);
  process.stderr.write(`  ${measure}: ${ours} | floor ${floor} | ${ratio} (target ${target})\n`);
};

/** Ready conditions, evaluated in the page. */
const OURS_READY =
  "performance.getEntriesByName('citybridge:ties-painted').length > 0 || performance.getEntriesByName('citybridge:network-drawn').length > 0";
const FLOOR_READY = 'document.body.dataset.ready === "true"';
const MAP_READY = '[data-testid="map"][data-ready="true"]';

/**
 * In-page timing, installed before the page's own scripts: `__bench.watch(test, done)` calls done with the time
 * two animation frames after the test first holds (checked on every DOM change and every frame), the frame that
 * shows it; `__bench.arm(test)` does the same for an interaction, from the first input event after arming.
 */
function initScript(ready: string): string {
  return `(() => {
  if (window !== window.top || window.__bench) return;
  const bench = (window.__bench = {});
  const raf2 = (callback) => requestAnimationFrame(() => requestAnimationFrame(callback));
  bench.watch = (test, done) => {
    let finished = false;
    const check = () => {
      if (finished) return;
      let holds = false;
      try { holds = Boolean(test()); } catch {}
      if (!holds) return;
      finished = true;
      observer.disconnect();
      raf2(() => done(performance.now()));
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    const poll = () => { if (!finished) { check(); requestAnimationFrame(poll); } };
    requestAnimationFrame(poll);
  };
  bench.watch(() => (${ready}), (time) => { bench.painted = time; });
  bench.watch(() => document.querySelector('input[role="combobox"]'), (time) => { bench.search = time; });
  bench.arm = (test) => {
    const sample = (bench.sample = { input: undefined, painted: undefined });
    const onInput = (event) => {
      if (sample.input !== undefined) return;
      sample.input = event.timeStamp;
      bench.watch(test, (time) => { sample.painted = time; });
    };
    for (const type of ['pointerdown', 'keydown']) window.addEventListener(type, onInput, { capture: true, once: true });
  };
})()`;
}

/** Waits until a freshly launched browser has stopped starting up (under 10 % of a core for half a second). */
async function settle(cdp: CDPSession): Promise<void> {
  const cpu = async () => {
    const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as {
      processInfo: { cpuTime: number }[];
    };
    return processInfo.reduce((sum, process) => sum + process.cpuTime, 0);
  };
  const started = Date.now();
  let previous = await cpu();
  let calm = 0;
  while (calm < 2 && Date.now() - started < 10_000) {
    await sleep(250);
    const now = await cpu();
    calm = now - previous < 0.025 ? calm + 1 : 0;
    previous = now;
  }
}

interface Load {
  paintedMs: number;
  fcpMs: number;
  /** When the search box was painted (the app's own first view, after the header). */
  searchMs?: number;
  bytes: number;
  resources: { name: string; bytes: number }[];
}

/** One load in a fresh browser: navigation → ready painted, FCP, and (for ours) what the first view transferred. */
async function coldLoad(url: string, ready: string, firstView: boolean): Promise<Load> {
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.addInitScript({ content: initScript(ready) });
    await settle(await browser.newBrowserCDPSession());
    await page.goto(url, { waitUntil: 'commit' });
    await waitFor(page, 'window.__bench && window.__bench.painted !== undefined');
    // The paint timing entry is added once the frame has been presented, a little after.
    await waitFor(page, "performance.getEntriesByName('first-contentful-paint').length > 0", 10_000).catch(
      () => undefined,
    );
    if (firstView) {
      // The first view is everything the atlas loads until its map is interactive and the network is quiet.
      await page.waitForSelector(MAP_READY, { timeout: 60_000 });
      await quiet(page);
    }
    const result = (await page.evaluate(`(() => {
      const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
      return {
        paintedMs: window.__bench.painted,
        searchMs: window.__bench.search,
        fcpMs: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
        bytes: entries.reduce((sum, entry) => sum + entry.transferSize, 0),
        resources: entries.map((entry) => ({ name: new URL(entry.name).pathname, bytes: entry.transferSize })),
      };
    })()`)) as Load;
    if (process.env.BENCH_VERBOSE) {
      const marks = await page.evaluate(
        "JSON.stringify(performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)]))",
      );
      process.stderr.write(`    ${marks}\n`);
    }
    return result;
  } finally {
    await browser.close();
  }
}

/**
 * Waits until an expression holds in the page. Polled from here: the app's Content-Security-Policy refuses the
 * string evaluation that page.waitForFunction would do in the page.
 */
async function waitFor(page: Page, expression: string, timeout = 60_000): Promise<void> {
  const started = Date.now();
  while (!(await page.evaluate(expression))) {
    if (Date.now() - started > timeout) throw new Error(`timed out waiting for ${expression}`);
    await sleep(20);
  }
}

/** Waits until no resource has been added for half a second. */
async function quiet(page: Page): Promise<void> {
  let count = -1;
  for (let round = 0; round < 40; round += 1) {
    const now = (await page.evaluate("performance.getEntriesByType('resource').length")) as number;
    if (now === count) return;
    count = now;
    await sleep(500);
  }
}

interface Place {
  id: number;
  name: string;
  lng: number;
  lat: number;
}

/** The condition for a selection painted: the place's panel titled and its ties highlighted on the map. */
const selectionPainted = (place: Place) =>
  `(() => {
    const map = document.querySelector('[data-testid="map"]');
    const title = document.querySelector('#panel-title')?.textContent ?? '';
    const rows = document.querySelectorAll('.atlas-panel tbody tr').length > 0;
    const drawn = map?.dataset.selectionDrawn ?? (rows ? ${JSON.stringify(String(place.id))} : '');
    return drawn === ${JSON.stringify(String(place.id))} && title.includes(${JSON.stringify(place.name)});
  })()`;

async function timedSample(page: Page): Promise<number> {
  await waitFor(page, 'window.__bench.sample && window.__bench.sample.painted !== undefined');
  return (await page.evaluate('window.__bench.sample.painted - window.__bench.sample.input')) as number;
}

/** Click a place's dot on the map (hovered first, as a mouse user does), in a map centred on it. */
async function clickOnMap(browser: Browser, url: string, place: Place): Promise<number> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  await page.addInitScript({ content: initScript('false') });
  await page.goto(`${url}?view=${place.lng},${place.lat},5`);
  await page.waitForSelector(MAP_READY, { timeout: 60_000 });
  await quiet(page);
  const box = (await page.getByTestId('map').boundingBox())!;
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(x - 20, y - 20);
  await page.mouse.move(x, y, { steps: 4 });
  await page.getByRole('tooltip').waitFor({ timeout: 10_000 });
  await sleep(300);
  await page.evaluate(`window.__bench.arm(() => ${selectionPainted(place)})`);
  await page.mouse.click(x, y);
  const time = await timedSample(page);
  await page.close();
  return time;
}

/** Type a place's name in the search box and choose the first result with Enter. */
async function chooseInSearch(page: Page, place: Place): Promise<number> {
  const input = page.getByRole('combobox', { name: 'Search for a place' });
  await input.fill(place.name);
  await page
    .getByRole('option', { name: new RegExp(place.name) })
    .first()
    .waitFor();
  await sleep(300);
  await page.evaluate(`window.__bench.arm(() => ${selectionPainted(place)})`);
  await input.press('Enter');
  return timedSample(page);
}

async function frames(browser: Browser, url: string): Promise<number[]> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  await page.goto(url);
  await page.waitForSelector(MAP_READY, { timeout: 60_000 });
  await quiet(page);
  const box = (await page.getByTestId('map').boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  // A string, so that no helper of the TypeScript loader ends up in the page.
  await page.evaluate(`(() => {
    window.frameTimes = [];
    let last = performance.now();
    const tick = (now) => { window.frameTimes.push(now - last); last = now; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
  for (let step = 0; step < 20; step += 1) {
    await page.mouse.wheel(0, step < 10 ? -100 : 100);
    await sleep(50);
  }
  await page.mouse.down();
  const started = Date.now();
  while (Date.now() - started < 2000) {
    const phase = Math.sin(((Date.now() - started) / 2000) * Math.PI * 2);
    await page.mouse.move(cx + 300 * phase, cy + 120 * phase);
    await sleep(16);
  }
  await page.mouse.up();
  const times = (await page.evaluate('window.frameTimes.slice(1)')) as number[];
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
    const timer = setTimeout(() => reject(new Error('the server did not start in 300 s')), 300_000);
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

async function findPlace(url: string, network: NetworkResponse, name: string): Promise<Place> {
  const { results } = (await (
    await fetch(`${url}/api/places?q=${encodeURIComponent(name)}&limit=1`)
  ).json()) as PlaceSearchResponse;
  const found = results[0]!;
  const index = network.places.ids.indexOf(found.id);
  return {
    id: found.id,
    name: found.name,
    lng: network.places.coordinates[index * 2]!,
    lat: network.places.coordinates[index * 2 + 1]!,
  };
}

async function main() {
  const given = process.env.CITYBRIDGE_DATA_DIR;
  const work = given ? undefined : await mkdtemp(path.join(tmpdir(), 'citybridge-bench-web-'));
  const { url: origin, child } = await serve(given ?? work!);
  const url = `${origin}/`;
  // Warm the server's read models, as on a server that has been running.
  for (const route of ['/api/network/names', '/api/settings', '/api/place-names?lang=en']) {
    await (await fetch(`${origin}${route}`, { headers: { 'accept-encoding': 'br' } })).arrayBuffer();
  }
  const network = (await (await fetch(`${origin}/api/network`)).json()) as NetworkResponse;
  const floor = await startFloorServer(network);
  try {
    process.stderr.write(`Cold loads: ours and the floor (${floor.ties} ties) alternately, ${RUNS} each\n`);
    const ours: Load[] = [];
    const floors: Load[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      // Alternate which goes first, so neither always follows the other's browser closing.
      const order = run % 2 === 0 ? (['ours', 'floor'] as const) : (['floor', 'ours'] as const);
      for (const which of order) {
        const load =
          which === 'ours'
            ? await coldLoad(url, OURS_READY, true)
            : await coldLoad(floor.url, FLOOR_READY, false);
        (which === 'ours' ? ours : floors).push(load);
        process.stderr.write(
          `    ${which}: ties painted ${ms(load.paintedMs)}, FCP ${ms(load.fcpMs)}${which === 'ours' ? `, search box ${ms(load.searchMs ?? Number.NaN)}` : ''}\n`,
        );
      }
    }
    const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
    const painted = [
      median(ours.map((load) => load.paintedMs)),
      median(floors.map((load) => load.paintedMs)),
    ];
    // Each load of ours against the floor's load beside it: how much the ratio moves from one pair to the next.
    const pairRatios = ours.map((load, run) => load.paintedMs / floors[run]!.paintedMs);
    record(
      `navigation → every tie painted (median of ${RUNS}, range)`,
      spread(ours.map((load) => load.paintedMs)),
      spread(floors.map((load) => load.paintedMs)),
      `${ratio(painted[0]!, painted[1]!)} (pairs ${Math.min(...pairRatios).toFixed(2)}–${Math.max(...pairRatios).toFixed(2)})`,
      '≤ 2×',
    );
    // Chromium reports no first-contentful-paint for the floor: a canvas is all it has. Its first content is its
    // picture, so that counts as its first contentful paint.
    const floorFcp = (load: Load) => (Number.isFinite(load.fcpMs) ? load.fcpMs : load.paintedMs);
    const fcp = [median(ours.map((load) => load.fcpMs)), median(floors.map(floorFcp))];
    record(
      `first contentful paint (median of ${RUNS}, range; the floor's: its picture painted)`,
      spread(ours.map((load) => load.fcpMs)),
      spread(floors.map(floorFcp)),
      ratio(fcp[0]!, fcp[1]!),
      '≤ 1.5×',
    );
    record(
      `search box painted (median of ${RUNS})`,
      ms(median(ours.map((load) => load.searchMs ?? Number.NaN))),
      '',
      '',
      '',
    );
    const first = ours[ours.length - 1]!;
    const workspace = first.resources.filter((resource) => /workspace|Page-/i.test(resource.name));
    record(
      'first view bytes, compressed (until the map is interactive and the network quiet)',
      `${Math.round(median(ours.map((load) => load.bytes)) / 1024)} KB (median) in ${first.resources.length} requests${
        workspace.length > 0
          ? `, workspace code: ${workspace.map((resource) => resource.name).join(' ')}`
          : ', no workspace code'
      }`,
      `${Math.round(median(floors.map((load) => load.bytes)) / 1024)} KB`,
      '',
      '≤ 700 KB',
    );
    if (process.env.BENCH_VERBOSE) {
      for (const resource of [...first.resources].sort((a, b) => b.bytes - a.bytes))
        process.stderr.write(
          `    ${String(Math.round(resource.bytes / 1024)).padStart(5)} KB ${resource.name}\n`,
        );
    }

    const browser = await launch();
    try {
      const places = await Promise.all(
        ['Espoo', 'Shanghai', 'Tampere', 'Kristianstad', 'Chicago', 'Budapest', 'Osaka'].map((name) =>
          findPlace(origin, network, name),
        ),
      );
      const clicks: number[] = [];
      for (const place of places.slice(0, 3)) clicks.push(await clickOnMap(browser, url, place));
      const page = await browser.newPage({ viewport: VIEWPORT });
      await page.addInitScript({ content: initScript('false') });
      await page.goto(url);
      await page.waitForSelector(MAP_READY, { timeout: 60_000 });
      await quiet(page);
      const searches: number[] = [];
      for (const place of places) searches.push(await chooseInSearch(page, place));
      await page.close();
      const all = [...clicks, ...searches];
      record(
        'click → ties highlighted and panel painted, from the input event',
        `median ${ms(median(all))}, max ${ms(Math.max(...all))} (map clicks ${clicks.map(Math.round).join(', ')}; search ${searches.map(Math.round).join(', ')})`,
        '',
        '',
        '≤ 100 ms',
      );
      const times = await frames(browser, url);
      const sorted = [...times].sort((a, b) => a - b);
      record(
        'frame time while zooming and panning, full screen 1280×800',
        `median ${median(times).toFixed(1)} ms, p95 ${sorted[Math.floor(sorted.length * 0.95)]!.toFixed(1)} ms, ${times.length} frames`,
        '',
        '',
        'median ≤ 33 ms',
      );
    } finally {
      await browser.close();
    }
  } finally {
    await floor.close();
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    if (work) await rm(work, { recursive: true, force: true });
  }
  const header = ['measure', 'ours', 'floor', 'ratio', 'target'];
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column]!.length)));
  const line = (row: string[]) =>
    `| ${row.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  process.stdout.write(
    `${[line(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.map(line)].join('\n')}\n`,
  );
}

await main();
