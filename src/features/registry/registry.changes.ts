import * as z from 'zod';
import type { Db, DbOrTx } from '../../db/client.ts';

/**
 * What a registry write changed, so that each read model is dropped only when something it shows changed.
 * `all` (imports, merges and their undoing) drops every model; an empty change drops none.
 */
export interface RegistryChange {
  /** Anything may have changed. */
  all?: boolean;
  /** Published ties or partner counts changed: the world network, its names and the statistics. */
  ties?: boolean;
  /** Place records or their names changed: the names per language and every model that shows a place. */
  places?: boolean;
  /** Places whose partners list changed: a tie of theirs, or the partner count of one of their partners. */
  partnersOf?: readonly number[];
}

/** A committed registry revision and what it changed, as announced with NOTIFY. */
export interface RegistryNotice {
  revision: number;
  change: RegistryChange;
}

export const EVERYTHING: RegistryChange = { all: true };

/** What read models declare they show; a change names the tags it touched (see `tagsOf`). */
export const MODEL_TAGS = {
  ties: 'ties',
  places: 'places',
  partnersOf: (placeId: number) => `partners-of:${placeId}`,
};

/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; a longer change is announced as `all`. */
const MAX_PAYLOAD_BYTES = 7900;

// Strict: a change of a kind this process does not know (a newer version beside it) must not be read as less.
const payloadSchema = z.strictObject({
  revision: z.number().int().nonnegative(),
  all: z.literal(true).optional(),
  ties: z.literal(true).optional(),
  places: z.literal(true).optional(),
  partnersOf: z.array(z.number().int()).optional(),
});

/** The NOTIFY payload of a notice: compact JSON, or a change of everything when it would be too long. */
export function encodeNotice({ revision, change }: RegistryNotice): string {
  const partnersOf = [...new Set(change.partnersOf ?? [])];
  const payload = JSON.stringify(
    change.all
      ? { revision, all: true }
      : {
          revision,
          ...(change.ties ? { ties: true } : {}),
          ...(change.places ? { places: true } : {}),
          ...(partnersOf.length > 0 ? { partnersOf } : {}),
        },
  );
  return Buffer.byteLength(payload) <= MAX_PAYLOAD_BYTES ? payload : JSON.stringify({ revision, all: true });
}

/** Reads a NOTIFY payload; undefined when it is not a notice (a lost connection, another version's format). */
export function decodeNotice(payload: string): RegistryNotice | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return undefined;
  }
  const result = payloadSchema.safeParse(parsed);
  if (!result.success) return undefined;
  const { revision, ...change } = result.data;
  return { revision, change };
}

/** The tags a change touched, or 'all'. */
export function tagsOf(change: RegistryChange): string[] | 'all' {
  if (change.all) return 'all';
  return [
    ...(change.ties ? [MODEL_TAGS.ties] : []),
    ...(change.places ? [MODEL_TAGS.places] : []),
    ...(change.partnersOf ?? []).map(MODEL_TAGS.partnersOf),
  ];
}

type CommitListener = (notice: RegistryNotice) => void;
const commitListeners = new WeakMap<object, Set<CommitListener>>();

/**
 * Calls `listener` with the notices of the writes this process commits on `db` and announces with
 * `announceCommitted`: at once, where the NOTIFY reaches a PostgreSQL server's listeners a moment after the commit.
 */
export function onCommitted(db: Db, listener: CommitListener): () => void {
  const listeners = commitListeners.get(db) ?? new Set();
  commitListeners.set(db, listeners);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/**
 * Tells this process's read models what a write just committed, so its author sees it on the next read. `db` is
 * the database the transaction ran on; inside an enclosing transaction nothing is committed yet, and nothing is
 * listening on a transaction, so nothing is announced (the NOTIFY follows at the real commit).
 */
export function announceCommitted(db: DbOrTx, notice: RegistryNotice | undefined): void {
  if (!notice) return;
  for (const listener of commitListeners.get(db) ?? []) listener(notice);
}
