import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { suspendOptimizeForSize } from './v8-flags.ts';

const run = promisify(execFile);

describe('suspendOptimizeForSize', () => {
  it('turns the flag off, and on again once, when the process was started with it', () => {
    const set: string[] = [];
    const restore = suspendOptimizeForSize(['--max-semi-space-size=1', '--optimize-for-size'], (flags) =>
      set.push(flags),
    );
    expect(set).toEqual(['--no-optimize-for-size']);
    restore();
    restore();
    expect(set).toEqual(['--no-optimize-for-size', '--optimize-for-size']);
  });

  it('reads the command line as V8 does: any spelling, the last one wins', () => {
    const suspends = (execArgv: string[]) => {
      const set: string[] = [];
      suspendOptimizeForSize(execArgv, (flags) => set.push(flags));
      return set.length > 0;
    };
    expect(suspends(['--optimize_for_size'])).toBe(true);
    expect(suspends(['--no-optimize-for-size', '--optimize-for-size'])).toBe(true);
    expect(suspends(['--optimize-for-size', '--no-optimize-for-size'])).toBe(false);
    expect(suspends(['--optimize-for-size', '--nooptimize_for_size'])).toBe(false);
    expect(suspends(['--max-semi-space-size=1'])).toBe(false);
    expect(suspends([])).toBe(false);
  });

  it('sets flags that V8 knows, in a process started as npm start starts the server', async () => {
    const script = [
      "const { suspendOptimizeForSize } = await import('./src/v8-flags.ts');",
      'const restore = suspendOptimizeForSize();',
      'restore();',
      "process.stdout.write('done');",
    ].join('\n');
    const { stdout, stderr } = await run(process.execPath, [
      '--optimize-for-size',
      '--import',
      'tsx',
      '--input-type=module',
      '--eval',
      script,
    ]);
    expect(stdout).toBe('done');
    // V8 takes a flag it does not know without failing, and says so on stderr.
    expect(stderr).toBe('');
  });
});
