import { setFlagsFromString } from 'node:v8';

/** Whether the command line leaves V8's `--optimize-for-size` on: the last of its spellings wins, as in V8. */
function optimizesForSize(execArgv: readonly string[]): boolean {
  let on = false;
  for (const arg of execArgv) {
    const flag = arg.replaceAll('_', '-');
    if (flag === '--optimize-for-size') on = true;
    else if (flag === '--no-optimize-for-size' || flag === '--nooptimize-for-size') on = false;
  }
  return on;
}

/**
 * Turns V8's `--optimize-for-size` off for a while, when the process was started with it, and answers the function
 * that turns it on again (only its first call does anything; without the flag, neither does anything).
 *
 * `npm start` runs the server with the flag, which keeps a serving process under 256 MB. With it, V8 also collects
 * far more often while the app's modules load: a restart took about 15 % longer (interleaved runs). So the server
 * starts without it and turns it on once it serves, or before the first-start import, the most memory-hungry thing
 * it does. V8 reads the flag as it works (the collector at each collection), which the bench's memory figures after
 * a restart show: they are those of a process started with the flag.
 */
export function suspendOptimizeForSize(
  execArgv: readonly string[] = process.execArgv,
  setFlags: (flags: string) => void = setFlagsFromString,
): () => void {
  if (!optimizesForSize(execArgv)) return () => {};
  setFlags('--no-optimize-for-size');
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    setFlags('--optimize-for-size');
  };
}
