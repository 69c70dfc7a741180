import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import * as repo from './backup.repo.ts';

/**
 * A backup is one gzip-compressed text file: a header line (format, time, engine, the migrations the schema is
 * at), then each table's rows as the database writes them as JSON (`row_to_json`), read in one consistent snapshot,
 * then every stored document in base64 lines, then a trailer with the counts. The same file restores into an empty
 * database on either engine: rows keep their ids, references that point forward are set once their rows are
 * there, and sequences move past the highest id.
 */

const FORMAT = 'citybridge-backup/1';
const BATCH = 2000;
const DOCUMENT_CHUNK = 512 * 1024;

export interface BackupSummary {
  tables: Record<string, number>;
  documents: number;
}

/** Tables in an order that writes each one after those it points at, where the references allow. */
function restoreOrder(shapes: repo.TableShape[]): repo.TableShape[] {
  const remaining = new Map(shapes.map((shape) => [shape.name, shape]));
  const ordered: repo.TableShape[] = [];
  while (remaining.size > 0) {
    const ready = [...remaining.values()]
      .filter((shape) =>
        shape.references.every(
          (reference) => reference.table === shape.name || !remaining.has(reference.table),
        ),
      )
      .sort((a, b) => a.name.localeCompare(b.name));
    // A cycle between tables: take the first one; its references into the cycle are set after the rest.
    const next =
      ready.length > 0 ? ready : [[...remaining.values()].sort((a, b) => a.name.localeCompare(b.name))[0]!];
    for (const shape of next) {
      ordered.push(shape);
      remaining.delete(shape.name);
    }
  }
  return ordered;
}

/** Writes a line, waiting while the output is full. */
async function writeLine(output: Writable, line: string) {
  if (!output.write(`${line}\n`)) await once(output, 'drain');
}

/** The stored documents: the files named by their SHA-256 (half-received uploads aside). */
async function documentNames(documentsDir: string | undefined): Promise<string[]> {
  if (!documentsDir) return [];
  const names = await readdir(documentsDir).catch(() => [] as string[]);
  return names.filter((name) => /^[0-9a-f]{64}$/.test(name)).sort();
}

/**
 * Writes a backup of the database and the documents to `output` (a gzip stream's input) in one read-only snapshot,
 * so that what runs beside it (a server) neither changes what is read nor waits on a lock of its.
 */
export async function writeBackup(
  db: Db,
  documentsDir: string | undefined,
  output: Writable,
  onTable: (table: string, rows: number) => void = () => {},
): Promise<BackupSummary> {
  const summary: BackupSummary = { tables: {}, documents: 0 };
  await db.transaction(
    async (tx) => {
      await tx.execute(sql`set local time zone 'UTC'`);
      const shapes = restoreOrder(await repo.findTableShapes(tx));
      const migrations = await repo.findAppliedMigrations(tx);
      const server = await repo.serverVersion(tx);
      await writeLine(
        output,
        `H ${JSON.stringify({ format: FORMAT, createdAt: new Date().toISOString(), server, migrations })}`,
      );
      for (const shape of shapes) {
        await writeLine(output, `T ${shape.name}`);
        const cursor = `backup_${shape.name}`;
        await repo.openRowCursor(tx, cursor, shape);
        let count = 0;
        for (;;) {
          const rows = await repo.fetchRows(tx, cursor, BATCH);
          for (const row of rows) await writeLine(output, `R ${row}`);
          count += rows.length;
          if (rows.length < BATCH) break;
        }
        await repo.closeCursor(tx, cursor);
        summary.tables[shape.name] = count;
        onTable(shape.name, count);
      }
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  for (const name of await documentNames(documentsDir)) {
    const file = createReadStream(path.join(documentsDir!, name), { highWaterMark: DOCUMENT_CHUNK });
    await writeLine(output, `D ${name}`);
    for await (const chunk of file) await writeLine(output, `B ${(chunk as Buffer).toString('base64')}`);
    summary.documents += 1;
  }
  await writeLine(output, `E ${JSON.stringify(summary)}`);
  return summary;
}

const invalid = (message: string) =>
  new AppError('VALIDATION_FAILED', `Not a CityBridge backup: ${message}`, [{ field: 'file', message }]);

/** A table being restored: its shape, the columns set at the end, and their values meanwhile. */
interface Restoring {
  shape: repo.TableShape;
  /** References to tables not written yet: written as null, set at the end. */
  later: string[];
  /** References to the table's own rows: set at the end only where they point at a row not written yet. */
  own: string[];
  pending: string[];
  laterRows: string[];
  ownRows: string[];
  /** The ids written so far, when the table refers to its own rows. */
  written: Set<unknown>;
  count: number;
}

/** The columns of a row that a later update sets: its primary key and those columns, as JSON. */
const pick = (row: Record<string, unknown>, columns: readonly string[]) =>
  JSON.stringify(Object.fromEntries(columns.map((column) => [column, row[column]])));

/**
 * A batch of a table that refers to its own rows, ready to insert: a reference to a row neither written nor in the
 * batch (a statement sees its own rows) is written as null and kept to be set at the end, so that a row's checks
 * (a working group's parent) still hold wherever its parent is already there.
 */
function ownReferencesDeferred(table: Restoring): string[] {
  const [key] = table.shape.primaryKey;
  const rows = table.pending.map((text) => JSON.parse(text) as Record<string, unknown>);
  const inBatch = new Set(rows.map((row) => row[key!]));
  return rows.map((row, index) => {
    const forward = table.own.filter(
      (column) => row[column] !== null && !table.written.has(row[column]) && !inBatch.has(row[column]),
    );
    if (forward.length === 0) return table.pending[index]!;
    table.ownRows.push(pick(row, [...table.shape.primaryKey, ...table.own]));
    return JSON.stringify({ ...row, ...Object.fromEntries(forward.map((column) => [column, null])) });
  });
}

/**
 * Restores a backup into an empty database (a new data folder, or a new PostgreSQL database), migrated to the same
 * version as the one the backup was taken from, and its documents into `documentsDir`; all in one transaction, so
 * a failed restore leaves the database as it was. Answers what was restored.
 */
export async function restoreBackup(
  db: Db,
  documentsDir: string | undefined,
  input: Readable,
  onTable: (table: string, rows: number) => void = () => {},
): Promise<BackupSummary> {
  const iterator = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })[Symbol.asyncIterator]();
  // A file that is not gzip (or is damaged) fails as it is read: said as such, not as a decompressor's error.
  const lines: AsyncIterator<string> = {
    next: () =>
      iterator.next().catch((error: unknown) => {
        const code = (error as { code?: unknown } | null)?.code;
        throw typeof code === 'string' && code.startsWith('Z_')
          ? invalid('the file is not a gzip file')
          : error;
      }),
  };
  const first = await lines.next();
  const header = first.done ? undefined : parseJson(first.value, 'H ');
  if (!header || header.format !== FORMAT) throw invalid('the file does not start with a backup header');
  const summary: BackupSummary = { tables: {}, documents: 0 };
  let documentLine: string | undefined;
  await db.transaction(async (tx) => {
    const migrations = await repo.findAppliedMigrations(tx);
    if (JSON.stringify(migrations) !== JSON.stringify(header.migrations))
      throw new AppError(
        'CONFLICT',
        'The backup was taken from another version of CityBridge: restore it with the version that made it',
      );
    if (await repo.holdsRecords(tx))
      throw new AppError('CONFLICT', 'The database holds records already: restore into an empty one');
    const shapes = new Map((await repo.findTableShapes(tx)).map((shape) => [shape.name, shape]));
    await repo.emptyTables(tx, [...shapes.keys()]);
    const done = new Set<string>();
    const deferred: Restoring[] = [];
    let current: Restoring | undefined;
    const flush = async () => {
      if (!current || current.pending.length === 0) return;
      const [key] = current.shape.primaryKey;
      const rows = current.own.length > 0 ? ownReferencesDeferred(current) : current.pending;
      await repo.insertRows(tx, current.shape, rows, current.later);
      if (current.own.length > 0)
        for (const text of current.pending)
          current.written.add((JSON.parse(text) as Record<string, unknown>)[key!]);
      current.pending = [];
    };
    const finishTable = async () => {
      if (!current) return;
      await flush();
      done.add(current.shape.name);
      summary.tables[current.shape.name] = current.count;
      onTable(current.shape.name, current.count);
      if (current.later.length > 0 || current.ownRows.length > 0) deferred.push(current);
      current = undefined;
    };
    for (;;) {
      const next = await lines.next();
      if (next.done) break;
      const line = next.value;
      if (line.startsWith('R ')) {
        if (!current) throw invalid('a row outside a table');
        current.pending.push(line.slice(2));
        current.count += 1;
        if (current.later.length > 0) {
          const row = JSON.parse(line.slice(2)) as Record<string, unknown>;
          if (current.later.some((column) => row[column] !== null))
            current.laterRows.push(pick(row, [...current.shape.primaryKey, ...current.later]));
        }
        if (current.pending.length >= BATCH) await flush();
      } else if (line.startsWith('T ')) {
        await finishTable();
        const shape = shapes.get(line.slice(2));
        if (!shape) throw invalid(`table ${line.slice(2)} is not one of this version's`);
        // References to a table not written yet are set at the end; to the table's own rows, where they point
        // forward (a table with a one-column key).
        const pending = shape.references.filter((reference) => !done.has(reference.table));
        const ownKey = shape.primaryKey.length === 1;
        const own = ownKey ? pending.filter((reference) => reference.table === shape.name) : [];
        const later = pending.filter((reference) => !own.includes(reference));
        const required = later.find((reference) => !reference.nullable);
        if (required) throw invalid(`table ${shape.name} comes before ${required.table}, which it needs`);
        current = {
          shape,
          later: [...new Set(later.flatMap((reference) => reference.columns))],
          own: [...new Set(own.flatMap((reference) => reference.columns))],
          pending: [],
          laterRows: [],
          ownRows: [],
          written: new Set(),
          count: 0,
        };
      } else {
        documentLine = line;
        break;
      }
    }
    await finishTable();
    for (const table of deferred) {
      for (let start = 0; start < table.laterRows.length; start += BATCH)
        await repo.updateColumns(tx, table.shape, table.later, table.laterRows.slice(start, start + BATCH));
      for (let start = 0; start < table.ownRows.length; start += BATCH)
        await repo.updateColumns(tx, table.shape, table.own, table.ownRows.slice(start, start + BATCH));
    }
    await repo.resetSequences(tx);
    // The documents are written inside the transaction's span: a failure before commit undoes the rows too.
    // A file cut short is refused before the transaction commits: nothing of it stays.
    if (!(await restoreDocuments(documentLine, lines, documentsDir, summary)))
      throw invalid('the file ends before its trailer');
  });
  return summary;
}

function parseJson(line: string, prefix: string) {
  if (!line.startsWith(prefix)) return undefined;
  try {
    return JSON.parse(line.slice(prefix.length));
  } catch {
    return undefined;
  }
}

/** Writes the documents that follow in the file, each checked against its SHA-256; answers the trailer. */
async function restoreDocuments(
  first: string | undefined,
  lines: AsyncIterator<string>,
  documentsDir: string | undefined,
  summary: BackupSummary,
): Promise<BackupSummary | undefined> {
  let line = first;
  let file:
    | { name: string; out: Writable; temporary: string; hash: ReturnType<typeof createHash> }
    | undefined;
  const close = async () => {
    if (!file) return;
    file.out.end();
    await once(file.out, 'close');
    if (file.hash.digest('hex') !== file.name) throw invalid(`document ${file.name} does not match its hash`);
    await rename(file.temporary, path.join(documentsDir!, file.name));
    summary.documents += 1;
    file = undefined;
  };
  try {
    while (line !== undefined) {
      if (line.startsWith('D ')) {
        await close();
        const name = line.slice(2);
        if (!/^[0-9a-f]{64}$/.test(name)) throw invalid('a document without its SHA-256');
        if (!documentsDir)
          throw new AppError('NOT_READY', 'The backup has documents: give the documents folder');
        await mkdir(documentsDir, { recursive: true });
        const temporary = path.join(documentsDir, `restore-${name}.part`);
        file = { name, out: createWriteStream(temporary), temporary, hash: createHash('sha256') };
      } else if (line.startsWith('B ')) {
        if (!file) throw invalid('document bytes outside a document');
        const bytes = Buffer.from(line.slice(2), 'base64');
        file.hash.update(bytes);
        if (!file.out.write(bytes)) await once(file.out, 'drain');
      } else if (line.startsWith('E ')) {
        await close();
        const trailer = parseJson(line, 'E ') as BackupSummary | undefined;
        if (!trailer || JSON.stringify(trailer.tables) !== JSON.stringify(summary.tables))
          throw invalid('the counts in its trailer are not what was read');
        if (trailer.documents !== summary.documents) throw invalid('documents are missing');
        return trailer;
      } else throw invalid(`a line of unknown kind "${line.slice(0, 2)}"`);
      const next = await lines.next();
      line = next.done ? undefined : next.value;
    }
    return undefined;
  } catch (error) {
    if (file) await rm(file.temporary, { force: true });
    throw error;
  }
}

/** A digest of every table, for comparing two databases: equal digests, equal rows. */
export async function databaseDigest(db: DbOrTx): Promise<Record<string, string>> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local time zone 'UTC'`);
    const digests: Record<string, string> = {};
    for (const shape of (await repo.findTableShapes(tx)).sort((a, b) => a.name.localeCompare(b.name)))
      digests[shape.name] = await repo.tableDigest(tx, shape.name);
    return digests;
  });
}
