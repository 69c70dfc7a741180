import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The server as `npm start` runs it: the bundle in dist/, serving over HTTP. Its requests reach the packages the
 * bundle leaves in node_modules (PGlite, argon2, pdfkit and its fonts, the API docs' pages) and those it bundles
 * (Fastify and its plugins, prom-client), and the files it reads from the project (the migrations, data/, the web
 * build).
 */

const run = promisify(execFile);
const bin = path.resolve('bin/citybridge.js');

let dataDir: string;
let server: ChildProcess | undefined;
let url: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'citybridge-served-'));
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', LOG_FORMAT: 'json' };
  delete env.DATABASE_URL;
  await run(
    process.execPath,
    [bin, 'import', 'world', '--data-dir', path.resolve('test/fixtures/world-mini')],
    {
      env,
      timeout: 120_000,
    },
  );
  const child = spawn(process.execPath, [bin, 'serve'], {
    env: { ...env, LOG_LEVEL: 'info', PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  server = child;
  url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the server stopped with ${code} before it served`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const served = /"url":"([^"]+)"/.exec(line)?.[1];
      if (served) resolve(served);
    });
  });
}, 240_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  await rm(dataDir, { recursive: true, force: true });
});

describe('the built server', () => {
  it('has no file that fails to load, whichever process loads it', async () => {
    const chunks = path.resolve('dist/chunks');
    const { stdout } = await run(process.execPath, [
      '--input-type=module',
      '-e',
      `import { readdirSync } from 'node:fs';
       const files = readdirSync(${JSON.stringify(chunks)}).filter((file) => file.endsWith('.js'));
       for (const file of files) await import(${JSON.stringify(`${chunks}/`)} + file);
       console.log(files.length);`,
    ]);
    expect(Number(stdout)).toBeGreaterThan(10);
  });

  it('loads at start none of the packages that only some requests need', async () => {
    // From the command's file, what `serve` loads before it answers: every module imported statically, and those its
    // start imports on demand (the command's own, the app's, its scheduled work's, the setup link's).
    const atStart = /^(serve|app|background|auth\.links\.service)-\w+\.js$/;
    const loaded = new Map<string, string>();
    const visit = async (file: string): Promise<void> => {
      if (loaded.has(file)) return;
      const source = await readFile(file, 'utf8');
      loaded.set(file, source);
      for (const [, kind, target] of source.matchAll(
        /\b(import\s*\(|from\s*|import\s*)"(\.{1,2}\/[^"]+\.js)"/g,
      )) {
        const dynamic = kind!.includes('(');
        if (!dynamic || atStart.test(path.basename(target!)))
          await visit(path.resolve(path.dirname(file), target!));
      }
    };
    await visit(path.resolve('dist/cli/main.js'));
    const bundled = [...loaded.values()].join('\n');
    // Bundled packages are marked by their path: the walk reached the app and Fastify.
    expect(bundled).toContain('// node_modules/fastify/');
    expect([...loaded.keys()].some((file) => /[\\/]app-\w+\.js$/.test(file))).toBe(true);
    for (const onDemand of ['graphology', 'feed', 'sitemap']) {
      expect(bundled, onDemand).not.toContain(`// node_modules/${onDemand}/`);
    }
    // zod's messages in English, which it uses, and none of its other 40-odd languages.
    expect(bundled).toContain('// node_modules/zod/v4/locales/en.js');
    expect(bundled).not.toContain('// node_modules/zod/v4/locales/fi.js');
  });

  it('answers, and becomes ready', async () => {
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
    for (let tries = 0; ; tries++) {
      const ready = await fetch(`${url}/api/ready`);
      if (ready.status === 200) break;
      expect(tries).toBeLessThan(300);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  it('serves the web app, and the API docs with their files', async () => {
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const docs = await fetch(`${url}/api/docs/static/index.html`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger-ui');
    const spec = (await (await fetch(`${url}/api/openapi.json`)).json()) as { openapi: string };
    expect(spec.openapi).toBe('3.1.0');
  });

  it('reads the registry, and makes a PDF report with its fonts', async () => {
    const list = await fetch(`${url}/api/partnerships?country=FI`);
    expect(list.status).toBe(200);
    const { items } = (await list.json()) as { items: { id: string }[] };
    expect(items.length).toBeGreaterThan(0);
    const report = await fetch(`${url}/api/partnerships/${items[0]!.id}/report.pdf`);
    expect(report.status).toBe(200);
    expect(
      Buffer.from(await report.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('checks a password, and counts what it served', async () => {
    const signIn = await fetch(`${url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'nobody@example.org', password: 'not a password' }),
    });
    expect(signIn.status).toBe(401);
    const metrics = await fetch(`${url}/api/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/citybridge_sign_in_refusals_total{reason="unknown_user"} 1/);
  });

  it('stops when told to', async () => {
    const exited = new Promise<number | null>((resolve) => server!.once('exit', resolve));
    server!.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
