/**
 * The floor page for `npm run bench:web`: the least a page must do to show every tie (bench/floor/index.html),
 * served with the ties of the running app's own /api/network as 16-bit hundredths of a degree and Natural Earth's
 * land (world-atlas), from a static server of its own: gzip for text, as a plain static host sends it.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { decodeEdges, type NetworkResponse } from '../src/contract.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** Every tie of the network as [lng1, lat1, lng2, lat2, …] in hundredths of a degree. */
export function floorTies(network: NetworkResponse): Int16Array {
  const { a, b } = decodeEdges(network.edges);
  const coordinates = network.places.coordinates;
  const ties = new Int16Array(a.length * 4);
  for (let edge = 0; edge < a.length; edge += 1) {
    ties[edge * 4] = Math.round(coordinates[a[edge]! * 2]! * 100);
    ties[edge * 4 + 1] = Math.round(coordinates[a[edge]! * 2 + 1]! * 100);
    ties[edge * 4 + 2] = Math.round(coordinates[b[edge]! * 2]! * 100);
    ties[edge * 4 + 3] = Math.round(coordinates[b[edge]! * 2 + 1]! * 100);
  }
  return ties;
}

interface StaticFile {
  body: Buffer;
  type: string;
  gzip?: Buffer;
}

/** Serves the floor page on a free local port; answers its URL and how many ties it draws. */
export async function startFloorServer(
  network: NetworkResponse,
): Promise<{ url: string; ties: number; close: () => Promise<void> }> {
  const ties = floorTies(network);
  const text = (body: Buffer, type: string): StaticFile => ({
    body,
    type,
    gzip: body.length > 1024 ? gzipSync(body, { level: 6 }) : undefined,
  });
  const files = new Map<string, StaticFile>([
    ['/', text(await readFile(path.join(here, 'floor', 'index.html')), 'text/html; charset=utf-8')],
    [
      '/land-110m.json',
      text(await readFile(require.resolve('world-atlas/land-110m.json')), 'application/json'),
    ],
    ['/ties.bin', { body: Buffer.from(ties.buffer), type: 'application/octet-stream' }],
  ]);
  const server: Server = createServer((request, response) => {
    const file = files.get(new URL(request.url ?? '/', 'http://floor').pathname);
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    const gzip = file.gzip && /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
    const body = gzip ? file.gzip! : file.body;
    response.writeHead(200, {
      'content-type': file.type,
      'content-length': body.length,
      'cache-control': 'no-cache',
      ...(gzip ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
    });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    ties: ties.length / 4,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
