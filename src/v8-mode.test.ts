import { describe, expect, it } from 'vitest';
import { startAtFullSpeed } from './v8-mode.ts';

describe('startAtFullSpeed', () => {
  it('turns memory saving off for the start and on again once, when the process was started with it', () => {
    const set: string[] = [];
    const favourMemory = startAtFullSpeed(['--max-semi-space-size=1', '--optimize-for-size'], (flags) =>
      set.push(flags),
    );
    expect(set).toEqual(['--no-optimize-for-size']);
    favourMemory();
    favourMemory();
    expect(set).toEqual(['--no-optimize-for-size', '--optimize-for-size']);
  });

  it('changes nothing for a process started without it', () => {
    const set: string[] = [];
    const favourMemory = startAtFullSpeed(['--max-semi-space-size=1'], (flags) => set.push(flags));
    favourMemory();
    expect(set).toEqual([]);
  });
});
