import { isIP } from 'node:net';
import { and, lt, sql } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import { signInAttempts } from '../../db/schema.ts';

/**
 * Password guessing is limited per client address (against spraying many accounts from one place) and per
 * account (against guessing one account from many places). Only failed attempts count. The counters live in the
 * database, so every instance behind a load balancer counts the same attempts.
 */
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const SIGN_IN_LIMITS = { address: 30, account: 10 } as const;

export type AttemptScope = keyof typeof SIGN_IN_LIMITS;

export interface AttemptKeys {
  /** The client's address, as the trusted proxy reports it. */
  address: string;
  /** The account the attempt is for: an e-mail address, compared without regard to case. */
  account: string;
  /**
   * The attempt comes from a browser that has signed in to this account before. Its failures still count, but
   * the account's limit does not shut it out: whoever exhausts an account's limit from elsewhere cannot lock the
   * owner out of the browsers they use.
   */
  knownDevice?: boolean;
}

/** The eight 16-bit groups of an IPv6 address (which may end in an IPv4 address), or undefined. */
function ipv6Groups(address: string): number[] | undefined {
  let text = address;
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail) {
    if (isIP(tail[1]!) !== 4) return undefined;
    const [a, b, c, d] = tail[1]!.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, tail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, rest, ...more] = text.split('::');
  if (more.length > 0) return undefined;
  const left = head ? head.split(':') : [];
  const right = rest ? rest.split(':') : [];
  const missing = 8 - left.length - right.length;
  if (rest === undefined ? missing !== 0 : missing < 1) return undefined;
  const groups = [...left, ...Array<string>(rest === undefined ? 0 : missing).fill('0'), ...right].map(
    (group) => Number.parseInt(group, 16),
  );
  return groups.every((group) => Number.isInteger(group) && group >= 0 && group <= 0xffff)
    ? groups
    : undefined;
}

/**
 * The counter key of a client address: one spelling per address (no port, no zone, IPv4-mapped IPv6 as IPv4),
 * and one key per IPv6 /64, the block one subscriber gets, so that rotating through it counts as one client.
 */
export function addressKey(address: string): string {
  let text = address.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) text = bracketed[1]!;
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(':'));
  text = text.replace(/%.*$/, '');
  if (isIP(text) === 4) return text;
  const groups = isIP(text) === 6 ? ipv6Groups(text) : undefined;
  if (!groups) return text;
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`;
}

/** Counts one attempt in a scope and answers the failures in its window, this one included. */
async function countAttempt(db: DbOrTx, scope: AttemptScope, key: string, now: Date) {
  const windowStart = new Date(now.getTime() - SIGN_IN_WINDOW_MS);
  const [row] = await db
    .insert(signInAttempts)
    .values({ scope, key, windowStartedAt: now, failures: 1 })
    .onConflictDoUpdate({
      target: [signInAttempts.scope, signInAttempts.key],
      set: {
        failures: sql`case when ${signInAttempts.windowStartedAt} <= ${windowStart} then 1 else ${signInAttempts.failures} + 1 end`,
        windowStartedAt: sql`case when ${signInAttempts.windowStartedAt} <= ${windowStart} then ${now} else ${signInAttempts.windowStartedAt} end`,
      },
    })
    .returning({ failures: signInAttempts.failures, windowStartedAt: signInAttempts.windowStartedAt });
  return row!;
}

/**
 * Counts an attempt against both limits before the password is checked (so that parallel attempts cannot all
 * slip through), and refuses it with 429 RATE_LIMITED once either limit is reached. Call `forgiveAttempt` when
 * the password turns out to be right.
 */
export async function reserveAttempt(db: DbOrTx, keys: AttemptKeys, now = new Date()): Promise<void> {
  const counts = [
    { scope: 'address' as const, ...(await countAttempt(db, 'address', addressKey(keys.address), now)) },
    { scope: 'account' as const, ...(await countAttempt(db, 'account', keys.account.toLowerCase(), now)) },
  ];
  const over = counts.filter(
    (count) =>
      count.failures > SIGN_IN_LIMITS[count.scope] && !(count.scope === 'account' && keys.knownDevice),
  );
  if (over.length === 0) return;
  const until = Math.max(...over.map((count) => count.windowStartedAt.getTime() + SIGN_IN_WINDOW_MS));
  const seconds = Math.max(1, Math.ceil((until - now.getTime()) / 1000));
  throw new AppError(
    'RATE_LIMITED',
    `Too many failed sign-in attempts; try again in ${Math.ceil(seconds / 60)} minutes`,
    over.map((count) => ({ field: count.scope, message: 'has too many failed attempts' })),
    undefined,
    { 'retry-after': String(seconds) },
  );
}

/** Takes back the attempt a successful sign-in reserved: only failures count. */
export async function forgiveAttempt(db: DbOrTx, keys: AttemptKeys): Promise<void> {
  await db
    .update(signInAttempts)
    .set({ failures: sql`greatest(${signInAttempts.failures} - 1, 0)` })
    .where(
      sql`(${signInAttempts.scope}, ${signInAttempts.key}) in (('address', ${addressKey(keys.address)}), ('account', ${keys.account.toLowerCase()}))`,
    );
}

/** Removes counters whose window has passed. */
export async function purgeAttempts(db: DbOrTx, now = new Date()): Promise<number> {
  const rows = await db
    .delete(signInAttempts)
    .where(and(lt(signInAttempts.windowStartedAt, new Date(now.getTime() - SIGN_IN_WINDOW_MS))))
    .returning({ key: signInAttempts.key });
  return rows.length;
}
