import { AppError } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import type { AuditedEntity } from '../audit/audit.constants.ts';
import { readHistory, recordAudit } from '../audit/audit.service.ts';
import { assertVersion, presentHistory } from '../audit/history.ts';
import type { Actor } from '../auth/actor.ts';
import { authorize, policy, type Stake } from '../auth/policy.ts';
import { announceCommitted, type RegistryNotice } from '../registry/registry.changes.ts';

/** The columns every kept record has: its id, its version for the optimistic check, its times and soft-delete mark. */
export interface KeptRow {
  id: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
}

/** A record as its service loaded it: the row, and whatever else its rules and its presenter need. */
export interface LoadedRecord {
  row: KeptRow;
}

/** The change that soft-deletes or restores a record. */
export interface SoftDelete {
  deletedAt: Date | null;
}

/**
 * One kind of kept record, as the lifecycle sees it: how to read and write it, who stands behind it, what its
 * history keeps and how the API shows it. `Loaded` is what `load` reads; `Insert` and `Changes` are what the
 * record's own rules answer for a create and an update.
 */
export interface RecordType<Loaded extends LoadedRecord, Response, Insert, Changes> {
  /** The record's kind in the audit log. */
  entity: AuditedEntity;
  /** How messages name the record: "The organisation is already deleted". */
  noun: string;
  notFound(id: number): AppError;
  /** Reads the record and what its rules and presenter need; `lock` holds the row until the transaction ends. */
  load(db: DbOrTx, id: number, lock: boolean): Promise<Loaded | undefined>;
  /** Inserts a record; answers its id. */
  insert(db: DbOrTx, values: Insert): Promise<number>;
  /** Writes changes to a record and bumps its version. */
  update(db: DbOrTx, id: number, changes: Changes | SoftDelete): Promise<void>;
  /** Who stands behind the record, for the policy. */
  stake(loaded: Loaded): Stake;
  /** The record as its history keeps it. */
  audited(loaded: Loaded): Record<string, unknown>;
  /** The record as the API answers it: a pure function of what `load` read. */
  present(actor: Actor | null, loaded: Loaded): Response;
  /**
   * Whether a deleted record stays readable to everyone who may read it (an activity, to its log's members). By
   * default only those who may restore a deleted record see it.
   */
  deletedReadable?: boolean;
  /** Whether the record takes no more updates (a person whose data is erased): an update answers not found. */
  closed?(loaded: Loaded): boolean;
  /**
   * The record's own rules for coming back from deletion (a second government of a place, a tie that exists
   * again), run after the version check.
   */
  restoring?(db: DbOrTx, actor: Actor | null, before: Loaded): Promise<void>;
  /**
   * Runs last in every write's transaction, with the record before (none for a create) and after: what the write
   * touched beyond the record. A notice it answers is announced to the read models at commit.
   */
  afterWrite?(db: DbOrTx, before: Loaded | undefined, after: Loaded): Promise<RegistryNotice | undefined>;
  /** Answers an error of a write's transaction (a unique key a parallel write took) as the API should. */
  writeError?(error: unknown): never;
}

/** What one write did, for its audit event and `afterWrite`. */
export interface Written<Loaded> {
  /** The audit event's action: create, update, delete, restore, confirm, erase … */
  action: string;
  /** The record written. */
  id: number;
  /** The record before the write; none for a create. */
  before?: Loaded;
  /** False when the history must not keep the record itself (an erasure of personal data). */
  snapshots?: boolean;
}

/** What a change to an existing record does beyond the lifecycle's own steps. */
export interface RecordChange<Loaded, Changes> {
  /** The audit event's action: update, delete, restore, erase … */
  action: string;
  /** The version the client read. */
  version: number;
  /** A change of a live record: a deleted or closed one answers not found. */
  live?: boolean;
  /** Checks the record's state, after the rights and before the version: CONFLICT for a change that makes no sense. */
  check?(before: Loaded): void;
  /** The record's own rules, after the version check; answers what to write. */
  apply(tx: DbOrTx, before: Loaded): Promise<Changes | SoftDelete>;
  /** False when the history must not keep the record itself (an erasure of personal data). */
  snapshots?: boolean;
}

/** A record type whatever its values: the lifecycle's steps that neither insert nor update take any. */
type AnyRecordType<Loaded extends LoadedRecord, Response> = RecordType<Loaded, Response, unknown, unknown>;

/** What every kept record answers besides its own fields (see `keptRecordFields`), but for `canEdit`. */
export function presentKept(row: KeptRow) {
  return {
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    deletedAt: row.deletedAt?.toISOString() ?? null,
  };
}

/** Whether the actor may read a loaded record: deleted ones only if they may restore them, unless `deletedReadable`. */
export function mayRead<Loaded extends LoadedRecord>(
  actor: Actor | null,
  type: Pick<AnyRecordType<Loaded, unknown>, 'stake' | 'deletedReadable'>,
  loaded: Loaded,
): boolean {
  const stake = type.stake(loaded);
  if (!policy.read(actor, stake)) return false;
  return !loaded.row.deletedAt || type.deletedReadable === true || policy.write(actor, stake);
}

/** A record the actor may read. One they may not read answers as one that does not exist. */
export async function readRecord<Loaded extends LoadedRecord, Response>(
  db: DbOrTx,
  actor: Actor | null,
  type: AnyRecordType<Loaded, Response>,
  id: number,
  lock = false,
): Promise<Loaded> {
  const loaded = await type.load(db, id, lock);
  if (!loaded || !mayRead(actor, type, loaded)) throw type.notFound(id);
  return loaded;
}

/**
 * Checks that the actor may change a record they have read: one they may read but not change answers 401 or 403,
 * and a deleted or closed one answers not found when the change is for `live` records only (the default).
 */
export function assertWritable<Loaded extends LoadedRecord>(
  actor: Actor | null,
  type: Pick<AnyRecordType<Loaded, unknown>, 'stake' | 'closed' | 'notFound'>,
  loaded: Loaded,
  { live = true }: { live?: boolean } = {},
): asserts actor is Actor {
  if (live && (loaded.row.deletedAt || type.closed?.(loaded))) throw type.notFound(loaded.row.id);
  authorize(actor, policy.write(actor, type.stake(loaded)));
}

/** A record the actor may read, as the API answers it. */
export async function getRecord<Loaded extends LoadedRecord, Response>(
  db: DbOrTx,
  actor: Actor | null,
  type: AnyRecordType<Loaded, Response>,
  id: number,
): Promise<Response> {
  return type.present(actor, await readRecord(db, actor, type, id));
}

/**
 * Runs one write in a transaction: `work` reads, checks and writes, and says what it did; then the record is read
 * again as it is now, its audit event recorded and its `afterWrite` run. What the write touched is announced once
 * committed; the answer is the record as the API shows it.
 */
export async function writeRecord<Loaded extends LoadedRecord, Response>(
  db: DbOrTx,
  actor: Actor | null,
  type: AnyRecordType<Loaded, Response>,
  work: (tx: DbOrTx) => Promise<Written<Loaded>>,
): Promise<Response> {
  let notice: RegistryNotice | undefined;
  let after: Loaded;
  try {
    after = await db.transaction(async (tx) => {
      const { action, id, before, snapshots = true } = await work(tx);
      const written = await type.load(tx, id, false);
      if (!written) throw type.notFound(id);
      await recordAudit(tx, actor, {
        action,
        entityType: type.entity,
        entityId: id,
        before: snapshots && before ? type.audited(before) : null,
        after: snapshots ? type.audited(written) : null,
      });
      notice = await type.afterWrite?.(tx, before, written);
      return written;
    });
  } catch (error) {
    type.writeError?.(error);
    throw error;
  }
  announceCommitted(db, notice);
  return type.present(actor, after);
}

/**
 * Creates a record. `prepare` applies the record's own rules (who may create it, what it may refer to) and
 * answers the values to insert.
 */
export async function createRecord<Loaded extends LoadedRecord, Response, Insert>(
  db: DbOrTx,
  actor: Actor | null,
  type: RecordType<Loaded, Response, Insert, unknown>,
  prepare: (tx: DbOrTx) => Promise<Insert>,
): Promise<Response> {
  return writeRecord(db, actor, type, async (tx) => ({
    action: 'create',
    id: await type.insert(tx, await prepare(tx)),
  }));
}

/**
 * Changes a record: locks it, answers not found unless the actor may read it, checks their right to change it,
 * the record's state and the version they read (a stale one is a 409 with the record as it is), then applies
 * the record's own rules and writes.
 */
export async function changeRecord<Loaded extends LoadedRecord, Response, Changes>(
  db: DbOrTx,
  actor: Actor | null,
  type: RecordType<Loaded, Response, unknown, Changes>,
  id: number,
  change: RecordChange<Loaded, Changes>,
): Promise<Response> {
  return writeRecord(db, actor, type, async (tx) => {
    const before = await readRecord(tx, actor, type, id, true);
    assertWritable(actor, type, before, { live: change.live ?? false });
    change.check?.(before);
    await assertVersion(before.row, change.version, () => type.present(actor, before));
    await type.update(tx, id, await change.apply(tx, before));
    return { action: change.action, id, before, snapshots: change.snapshots };
  });
}

/** Updates a live record; `apply` applies the record's own rules to the body and answers the changes to write. */
export async function updateRecord<Loaded extends LoadedRecord, Response, Changes>(
  db: DbOrTx,
  actor: Actor | null,
  type: RecordType<Loaded, Response, unknown, Changes>,
  id: number,
  version: number,
  apply: (tx: DbOrTx, before: Loaded) => Promise<Changes>,
): Promise<Response> {
  return changeRecord(db, actor, type, id, { action: 'update', version, live: true, apply });
}

/** Deletes or restores a record; a deleted record stays in the database and its history. */
export async function setRecordDeleted<Loaded extends LoadedRecord, Response>(
  db: DbOrTx,
  actor: Actor | null,
  type: AnyRecordType<Loaded, Response>,
  id: number,
  version: number,
  deleted: boolean,
): Promise<Response> {
  return changeRecord(db, actor, type, id, {
    action: deleted ? 'delete' : 'restore',
    version,
    check: (before) => {
      if ((before.row.deletedAt !== null) === deleted) {
        throw new AppError(
          'CONFLICT',
          deleted ? `The ${type.noun} is already deleted` : `The ${type.noun} is not deleted`,
        );
      }
    },
    apply: async (tx, before) => {
      if (!deleted) await type.restoring?.(tx, actor, before);
      return { deletedAt: deleted ? new Date() : null };
    },
  });
}

/** A record's history, oldest first, as the API answers it; for whoever may read the record's internal data. */
export async function recordHistory<Loaded extends LoadedRecord, Response>(
  db: DbOrTx,
  actor: Actor | null,
  type: AnyRecordType<Loaded, Response>,
  id: number,
) {
  const loaded = await readRecord(db, actor, type, id);
  authorize(actor, policy.readInternal(actor, type.stake(loaded)));
  return findRecordHistory(db, type.entity, id);
}

/** A record's history, oldest first, as the API answers it, without a check of who asks. */
export async function findRecordHistory(db: DbOrTx, entity: AuditedEntity, id: number) {
  return presentHistory(await readHistory(db, entity, id));
}
