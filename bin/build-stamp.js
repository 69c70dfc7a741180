// The stamp that tells whether a build (the server's dist/, the web app's web/dist/) is current with what it is made
// from. Plain JavaScript, because the server's build check runs before anything is compiled.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
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
 * The stamp's text for a build of `files` and of `found`, the files the build itself found it used (the bundled
 * packages' manifests): the hash of their contents, their fingerprint, then the names of `found`, which the stamp's
 * check adds to the files it is given.
 * @param {string} baseDir
 * @param {string[]} files
 * @param {string[]} [found]
 * @returns {Promise<string>}
 */
export async function stampOf(baseDir, files, found = []) {
  const all = [...files, ...found];
  const print = fingerprint(baseDir, all);
  return stampText(await contentHash(baseDir, all), print, baseDir, found);
}

/**
 * @param {string} hash
 * @param {string} print
 * @param {string} baseDir
 * @param {string[]} found
 */
function stampText(hash, print, baseDir, found) {
  return `${[hash, print, ...found.map((file) => path.relative(baseDir, file))].join('\n')}\n`;
}

/**
 * Whether the stamp in `stampFile` was written for the files as they are (`files`, and those the stamp names). When
 * their fingerprint is the stamp's, no file is read; a change that keeps a file's size and time (which editors, git
 * and npm do not make) then goes unseen, as it does by make. When only the fingerprint differs (files touched, not
 * changed), the stamp takes the new one, where it can be written.
 * @param {string} stampFile
 * @param {string} baseDir
 * @param {string[]} files
 * @returns {Promise<boolean>}
 */
export async function isStampCurrent(stampFile, baseDir, files) {
  if (!existsSync(stampFile)) return false;
  const [built = '', print, ...named] = (await readFile(stampFile, 'utf8')).trim().split('\n');
  const found = named.map((file) => path.join(baseDir, file));
  // A package the build used that is gone.
  if (!found.every((file) => existsSync(file))) return false;
  const all = [...files, ...found];
  const current = fingerprint(baseDir, all);
  if (print === current) return true;
  if (built !== (await contentHash(baseDir, all))) return false;
  // Written whole, then renamed: a process starting meanwhile reads the old stamp or the new one.
  const next = `${stampFile}.${process.pid}`;
  await writeFile(next, stampText(built, current, baseDir, found))
    .then(() => rename(next, stampFile))
    .catch(() => rm(next, { force: true }));
  return true;
}
