/**
 * Diffs waiting for review are files in the reports folder: the diff as JSON beside the two extract files it was
 * made from, which applying reads again. A diff is written whole under a temporary name and then renamed, so a
 * reader never sees half of one.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { WikidataFiles } from '../world/world.reader.ts';
import { type RefreshDiff, refreshDiffSchema } from './wikidata-refresh.schema.ts';

const PREFIX = 'wikidata-refresh-';
const DIFF_FILE = new RegExp(`^${PREFIX}([0-9a-f]{12})\\.json$`);

/** A new diff id: 12 random hexadecimal digits. */
export const newRefreshId = (): string => randomBytes(6).toString('hex');

/** Where a diff and its extract files are kept. */
export function refreshPaths(reportsDir: string, id: string) {
  const base = path.join(reportsDir, `${PREFIX}${id}`);
  return { diff: `${base}.json`, nodes: `${base}.nodes.tsv`, links: `${base}.links.tsv` };
}

/** Keeps a diff and copies of the files it was made from. */
export async function saveRefresh(
  reportsDir: string,
  diff: RefreshDiff,
  files: WikidataFiles,
): Promise<string> {
  const paths = refreshPaths(reportsDir, diff.id);
  await mkdir(reportsDir, { recursive: true });
  try {
    await copyFile(files.nodes, paths.nodes);
    await copyFile(files.links, paths.links);
    await writeDiff(reportsDir, diff);
  } catch (error) {
    await Promise.all(Object.values(paths).map((file) => rm(file, { force: true })));
    throw error;
  }
  return paths.diff;
}

/** Writes a diff whole, replacing the one kept under its id. */
export async function writeDiff(reportsDir: string, diff: RefreshDiff): Promise<void> {
  const file = refreshPaths(reportsDir, diff.id).diff;
  const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, `${JSON.stringify(diff, null, 2)}\n`);
  await rename(temporary, file);
}

/** The diff kept under this id; undefined when there is none (or it is not a diff). */
export async function readDiff(reportsDir: string, id: string): Promise<RefreshDiff | undefined> {
  let text: string;
  try {
    text = await readFile(refreshPaths(reportsDir, id).diff, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const parsed = refreshDiffSchema.safeParse(JSON.parse(text));
    return parsed.success && parsed.data.id === id ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The ids of the diffs kept in the folder. */
export async function listDiffIds(reportsDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(reportsDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names.flatMap((name) => DIFF_FILE.exec(name)?.[1] ?? []);
}
