import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, rmdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PROJECT_DIR } from '../project-dir.ts';

/**
 * A new PGlite database starts as a copy of an empty one that PGlite's initdb made (`npm run db:template` writes it
 * to src/db/pglite-template/), not by running initdb: PGlite runs initdb in a second PostgreSQL of its own, in the
 * same process, which more than doubles a first start's memory (about 780 MB at its peak, against 200 MB to open
 * the copy) and takes a second longer. The copy fits one PGlite version; with any other, a new database runs initdb.
 */
export const TEMPLATE_DIR = path.join(PROJECT_DIR, 'src', 'db', 'pglite-template');
const ARCHIVE = path.join(TEMPLATE_DIR, 'empty.tar.gz');
const ABOUT = path.join(TEMPLATE_DIR, 'empty.json');

/** What the template's about-file records of the database in the archive. */
export interface TemplateAbout {
  /** The PGlite package version whose initdb made the database. */
  pglite: string;
  /** `pg_control_system()`'s system identifier: a database made from the archive has it, one made by initdb not. */
  systemIdentifier: string;
}

/** The installed PGlite package's version. */
export async function installedPgliteVersion(): Promise<string> {
  // The package exports no package.json: it lies above its entry point's folder.
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const manifest = path.join(path.dirname(entry), '..', 'package.json');
  return (JSON.parse(await readFile(manifest, 'utf8')) as { version: string }).version;
}

/** The template's about-file, or undefined when there is no template. */
export async function templateAbout(): Promise<TemplateAbout | undefined> {
  if (!existsSync(ABOUT) || !existsSync(ARCHIVE)) return undefined;
  return JSON.parse(await readFile(ABOUT, 'utf8')) as TemplateAbout;
}

/** Whether there is a template made by the PGlite of `version` (the installed one by default). */
async function templateFits(version?: string): Promise<boolean> {
  const about = await templateAbout();
  if (!about) return false;
  // Should PGlite's package ever be laid out otherwise, its version is unknown: initdb makes the database then.
  const installed = version ?? (await installedPgliteVersion().catch(() => undefined));
  return about.pglite === installed;
}

/**
 * The archive a new database in memory is loaded from, for PGlite's `loadDataDir`: undefined when there is none, or
 * when it was made by another PGlite version than `version` (the installed one by default).
 */
export async function emptyDatabaseArchive(version?: string): Promise<Blob | undefined> {
  return (await templateFits(version)) ? new Blob([await readFile(ARCHIVE)]) : undefined;
}

/** What the folder an empty database is unpacked into is called: beside the data folder, `db.unpacking-<random>`. */
const UNPACKING = '.unpacking-';

/**
 * Puts the empty database into `dataDir`, a folder that holds none, with its lock held. It is unpacked beside the
 * folder and moved into place whole, so that a start cut short leaves no half database (and the next start removes
 * what such a start left beside it); unpacked as a stream on disk, it costs next to no memory, where PGlite's
 * `loadDataDir` holds the unpacked archive (40 MB) several times over. Answers whether it did: not without a template
 * for the installed PGlite (`version`), nor where it cannot take the folder's place (a folder that holds files, a
 * link to a folder elsewhere, a mount point), which PGlite's initdb then fills where it is.
 */
export async function unpackEmptyDatabase(dataDir: string, version?: string): Promise<boolean> {
  if (!(await templateFits(version))) return false;
  const parent = path.dirname(dataDir);
  const abandoned = `${path.basename(dataDir)}${UNPACKING}`;
  const leftOver = (await readdir(parent).catch(() => [])).filter((name) => name.startsWith(abandoned));
  await Promise.all(leftOver.map((name) => rm(path.join(parent, name), { recursive: true, force: true })));
  const staging = `${dataDir}${UNPACKING}${randomBytes(4).toString('hex')}`;
  await mkdir(staging, { recursive: true });
  try {
    // tar is loaded by a new folder's first start, not by every start.
    const { extract } = await import('tar');
    await extract({ file: ARCHIVE, cwd: staging });
    try {
      await rmdir(dataDir).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
      await rename(staging, dataDir);
      return true;
    } catch {
      return false;
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Whether a PGlite data folder holds no database yet (PostgreSQL's PG_VERSION marks one). */
export function holdsNoDatabase(dataDir: string): boolean {
  return !existsSync(path.join(dataDir, 'PG_VERSION'));
}

/** Where `npm run db:template` writes the archive and its about-file. */
export const TEMPLATE_FILES = { archive: ARCHIVE, about: ABOUT };
