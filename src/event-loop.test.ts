import { describe, expect, it } from 'vitest';
import { withEventLoopHeld } from './event-loop.ts';

const timers = () => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;

describe('withEventLoopHeld', () => {
  it('holds a timer that keeps the event loop busy while the work runs, and lets it go after', async () => {
    const before = timers();
    let during = 0;
    const value = await withEventLoopHeld(async () => {
      await Promise.resolve();
      during = timers();
      return 42;
    });
    expect(value).toBe(42);
    expect(during).toBe(before + 1);
    expect(timers()).toBe(before);
  });

  it('lets the timer go when the work fails', async () => {
    const before = timers();
    await expect(
      withEventLoopHeld(async () => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(timers()).toBe(before);
  });
});
