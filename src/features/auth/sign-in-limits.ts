import { and, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { signInAttempts } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';

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
    { scope: 'address' as const, ...(await countAttempt(db, 'address', keys.address, now)) },
    { scope: 'account' as const, ...(await countAttempt(db, 'account', keys.account.toLowerCase(), now)) },
  ];
  const over = counts.filter((count) => count.failures > SIGN_IN_LIMITS[count.scope]);
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
      sql`(${signInAttempts.scope}, ${signInAttempts.key}) in (('address', ${keys.address}), ('account', ${keys.account.toLowerCase()}))`,
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
