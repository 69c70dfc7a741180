#!/usr/bin/env -S node --max-semi-space-size=1 --optimize-for-size --v8-pool-size=1
// The citybridge command: runs the server's build (dist/), building it first when it is missing or stale.
// Node's flags (here, in `npm start` and in docs/citybridge@.service) trade a little speed for memory: a young
// generation of 1 MB, a heap that is collected before it grows, and one V8 background thread rather than four
// (each keeps memory of its own: 30 MB less after a mixed load). The first-start import peaks at half the memory
// with them, and serving loses nothing measurable. Starting up is slower with the second, which `serve` leaves off
// until it listens (src/v8-flags.ts).
import { ensureServerBuild } from './server-build.js';

await ensureServerBuild({ log: (message) => process.stderr.write(`${message}\n`) });
// By its address, so that the type checker reads the sources (src/), not their build.
await import(new URL('../dist/cli/main.js', import.meta.url).href);
