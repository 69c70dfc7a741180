/** Today's date in UTC as YYYY-MM-DD, part of cache keys of responses that show ages. */
export function todayKey(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}
