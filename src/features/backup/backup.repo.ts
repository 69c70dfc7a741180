import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { queryRows } from '../../db/query.ts';

/** A table of the application's schema as a backup reads and a restore writes it. */
export interface TableShape {
  name: string;
  /** The columns a restore writes: every column but generated ones, in table order. */
  columns: string[];
  primaryKey: string[];
  /** Foreign keys: the referencing columns and the table they point at. */
  references: { columns: string[]; table: string; nullable: boolean }[];
}

/** The tables of the public schema with their writable columns, primary keys and foreign keys. */
export async function findTableShapes(db: DbOrTx): Promise<TableShape[]> {
  const columns = await queryRows<{ table: string; column: string }>(
    db,
    sql`select c.table_name as "table", c.column_name as "column" from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
        where c.table_schema = 'public' and t.table_type = 'BASE TABLE' and c.is_generated = 'NEVER'
        order by c.table_name, c.ordinal_position`,
  );
  const keys = await queryRows<{ table: string; column: string; kind: string; target: string | null }>(
    db,
    sql`select rel.relname as "table", att.attname as "column",
               case con.contype when 'p' then 'primary' else 'foreign' end as kind,
               target.relname as target
        from pg_constraint con
        join pg_class rel on rel.oid = con.conrelid
        join pg_namespace ns on ns.oid = rel.relnamespace
        left join pg_class target on target.oid = con.confrelid
        cross join lateral unnest(con.conkey) with ordinality as k(attnum, position)
        join pg_attribute att on att.attrelid = rel.oid and att.attnum = k.attnum
        where ns.nspname = 'public' and con.contype in ('p', 'f')
        order by rel.relname, con.conname, k.position`,
  );
  const nullable = await queryRows<{ table: string; column: string }>(
    db,
    sql`select table_name as "table", column_name as "column" from information_schema.columns
        where table_schema = 'public' and is_nullable = 'YES'`,
  );
  const isNullable = new Set(nullable.map((row) => `${row.table}.${row.column}`));
  const tables = new Map<string, TableShape>();
  for (const { table, column } of columns) {
    const shape = tables.get(table) ?? { name: table, columns: [], primaryKey: [], references: [] };
    shape.columns.push(column);
    tables.set(table, shape);
  }
  for (const key of keys) {
    const shape = tables.get(key.table);
    if (!shape) continue;
    if (key.kind === 'primary') shape.primaryKey.push(key.column);
    else
      shape.references.push({
        columns: [key.column],
        table: key.target!,
        nullable: isNullable.has(`${key.table}.${key.column}`),
      });
  }
  return [...tables.values()];
}

/** The migrations a database has applied, as drizzle records them. */
export async function findAppliedMigrations(db: DbOrTx): Promise<string[]> {
  const rows = await queryRows<{ hash: string }>(
    db,
    sql`select hash from drizzle.__drizzle_migrations order by created_at, id`,
  );
  return rows.map((row) => row.hash);
}

const identifier = (name: string) => sql.identifier(name);
const columnList = (columns: readonly string[]): SQL =>
  sql.join(
    columns.map((column) => identifier(column)),
    sql`, `,
  );

/** Opens a cursor over a table's rows as JSON text, in primary-key order. */
export async function openRowCursor(db: DbOrTx, cursor: string, shape: TableShape) {
  const order = shape.primaryKey.length > 0 ? shape.primaryKey : shape.columns;
  await db.execute(
    sql`declare ${identifier(cursor)} no scroll cursor for
        select row_to_json(t)::text as row from ${identifier(shape.name)} t order by ${columnList(order)}`,
  );
}

export async function fetchRows(db: DbOrTx, cursor: string, count: number): Promise<string[]> {
  const rows = await queryRows<{ row: string }>(
    db,
    sql`fetch ${sql.raw(String(count))} from ${identifier(cursor)}`,
  );
  return rows.map((row) => row.row);
}

export async function closeCursor(db: DbOrTx, cursor: string) {
  await db.execute(sql`close ${identifier(cursor)}`);
}

/** Inserts rows given as JSON objects, keeping their ids; `nulled` columns are written as null for now. */
export async function insertRows(db: DbOrTx, shape: TableShape, rows: string[], nulled: readonly string[]) {
  const values = shape.columns.map((column) =>
    nulled.includes(column) ? sql`null` : sql`r.${identifier(column)}`,
  );
  await db.execute(
    sql`insert into ${identifier(shape.name)} (${columnList(shape.columns)}) overriding system value
        select ${sql.join(values, sql`, `)}
        from json_populate_recordset(null::${identifier(shape.name)}, ${`[${rows.join(',')}]`}::json) r`,
  );
}

/** Sets the `columns` of rows already inserted, found by their primary key. */
export async function updateColumns(
  db: DbOrTx,
  shape: TableShape,
  columns: readonly string[],
  rows: string[],
) {
  await db.execute(
    sql`update ${identifier(shape.name)} t set ${sql.join(
      columns.map((column) => sql`${identifier(column)} = r.${identifier(column)}`),
      sql`, `,
    )}
        from json_populate_recordset(null::${identifier(shape.name)}, ${`[${rows.join(',')}]`}::json) r
        where ${sql.join(
          shape.primaryKey.map((column) => sql`t.${identifier(column)} = r.${identifier(column)}`),
          sql` and `,
        )}`,
  );
}

/** Moves each identity column's sequence past the highest id restored. */
export async function resetSequences(db: DbOrTx) {
  const identities = await queryRows<{ table: string; column: string }>(
    db,
    sql`select table_name as "table", column_name as "column" from information_schema.columns
        where table_schema = 'public' and (is_identity = 'YES' or column_default like 'nextval%')`,
  );
  for (const { table, column } of identities)
    await db.execute(
      sql`select setval(pg_get_serial_sequence(${`"${table}"`}, ${column}),
                        coalesce((select max(${identifier(column)}) from ${identifier(table)}), 0) + 1, false)`,
    );
}

/** Whether the database holds records of its own (beyond what its migrations put there). */
export async function holdsRecords(db: DbOrTx): Promise<boolean> {
  const [row] = await queryRows<{ any: boolean }>(
    db,
    sql`select exists (select 1 from users) or exists (select 1 from places)
               or exists (select 1 from organizations) or exists (select 1 from partnerships) as any`,
  );
  return row?.any ?? false;
}

/** Empties every table of the schema, what the migrations seeded included: the backup brings its own. */
export async function emptyTables(db: DbOrTx, tables: readonly string[]) {
  if (tables.length === 0) return;
  await db.execute(
    sql`truncate ${sql.join(
      tables.map((table) => identifier(table)),
      sql`, `,
    )} restart identity cascade`,
  );
}

/** A digest of every row of a table, the same on either engine for the same data. */
export async function tableDigest(db: DbOrTx, table: string): Promise<string> {
  const [row] = await queryRows<{ digest: string | null; count: number }>(
    db,
    sql`select md5(coalesce(string_agg(row_to_json(t)::text, '|' order by row_to_json(t)::text), '')) as digest
        from ${identifier(table)} t`,
  );
  return row?.digest ?? '';
}

/** The PostgreSQL version the data was read from, for the backup's header. */
export async function serverVersion(db: DbOrTx): Promise<string> {
  const [row] = await queryRows<{ version: string }>(
    db,
    sql`select current_setting('server_version') as version`,
  );
  return row?.version ?? '';
}
