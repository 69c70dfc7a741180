// The stamp that tells whether a build (the server's dist/, the web app's web/dist/) is current with what it is made
// from. Plain JavaScript, because the server's build check runs before anything is compiled.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The files under `dir` (none when it is missing), sorted, that `keep` keeps.
 * @param {string} dir
 * @param {(file: string) => boolean} [keep]
 * @returns {string[]}
 */
export function filesUnder(dir, keep = () => true) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter(keep)
    .sort();
}

/**
 * A hash of the files' contents, with their names relative to `baseDir` (so that a file moved or deleted counts).
 * @param {string} baseDir
 * @param {string[]} files
 * @returns {Promise<string>}
 */
export async function contentHash(baseDir, files) {
  const hash = createHash('sha256');
  const contents = await Promise.all(files.map((file) => readFile(file)));
  files.forEach((file, index) => {
    hash.update(path.relative(baseDir, file));
    hash.update('\0');
    hash.update(/** @type {Buffer} */ (contents[index]));
  });
  return hash.digest('hex');
}

/**
 * A hash of the files' names, sizes and modification times: cheap, because no file is read. (Synchronous: a few
 * hundred calls of microseconds each, which the thread pool would only make slower.)
 * @param {string} baseDir
 * @param {string[]} files
 * @returns {string}
 */
export function fingerprint(baseDir, files) {
  const hash = createHash('sha256');
  for (const file of files) {
    const { size, mtimeMs } = statSync(file);
    hash.update(`${path.relative(baseDir, file)}\0${size}\0${mtimeMs}\n`);
  }
  return hash.digest('hex');
}

/**
 * The stamp's text for a build of `files`: the hash of their contents, then their fingerprint. Taken before the build
 * reads them, so that a file changed meanwhile makes the next check build again.
 * @param {string} baseDir
 * @param {string[]} files
 * @returns {Promise<string>}
 */
export async function stampOf(baseDir, files) {
  const print = fingerprint(baseDir, files);
  return `${await contentHash(baseDir, files)}\n${print}\n`;
}

/**
 * Whether the stamp in `stampFile` was written for the files as they are. When their fingerprint is the stamp's, no
 * file is read; a change that keeps a file's size and time (which editors and git do not make) then goes unseen, as it
 * does by make. When only the fingerprint differs (files touched, not changed), the stamp takes the new one, where it
 * can be written.
 * @param {string} stampFile
 * @param {string} baseDir
 * @param {string[]} files
 * @returns {Promise<boolean>}
 */
export async function isStampCurrent(stampFile, baseDir, files) {
  if (!existsSync(stampFile)) return false;
  const [built, print] = (await readFile(stampFile, 'utf8')).trim().split('\n');
  const current = fingerprint(baseDir, files);
  if (print === current) return true;
  if (built !== (await contentHash(baseDir, files))) return false;
  await writeFile(stampFile, `${built}\n${current}\n`).catch(() => {});
  return true;
}
