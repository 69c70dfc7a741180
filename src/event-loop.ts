/** The longest delay a Node.js timer takes. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/**
 * Runs `work` with the event loop held open. Whenever Node's event loop has nothing left to wait for, Node first waits
 * for every task queued on V8's background threads (`NodePlatform::DrainTasks`). While PGlite starts, those tasks
 * compile its busiest WebAssembly functions for speed, about a quarter of a second of work that nothing needs yet: a
 * start that awaits PGlite's own promises would stand still for it. A timer that never fires keeps the loop busy.
 */
export async function withEventLoopHeld<T>(work: () => Promise<T>): Promise<T> {
  const hold = setInterval(() => {}, LONGEST_TIMER_MS);
  try {
    return await work();
  } finally {
    clearInterval(hold);
  }
}
