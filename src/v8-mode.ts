import { setFlagsFromString } from 'node:v8';

const FOR_SIZE = '--optimize-for-size';

/**
 * `npm start` runs Node with `--optimize-for-size`, so that V8 favours memory over speed: a serving process stays
 * under 256 MB. Starting up that way takes a quarter longer (its collector runs more often while the app's modules
 * load and compile). A server started with the flag turns it off until it serves, and on again once it does, or
 * before the first-start import, the most memory-hungry thing it does. V8 reads the flag as it goes: its collector
 * sizes the heap by it at every collection.
 *
 * Answers the function that turns it on again (only the first call does anything). Without the flag on the command
 * line, nothing changes.
 */
export function startAtFullSpeed(
  execArgv: readonly string[] = process.execArgv,
  setFlags: (flags: string) => void = setFlagsFromString,
): () => void {
  if (!execArgv.includes(FOR_SIZE)) return () => {};
  setFlags('--no-optimize-for-size');
  let favoured = false;
  return () => {
    if (favoured) return;
    favoured = true;
    setFlags(FOR_SIZE);
  };
}
