import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's folder: the nearest one above this module that holds a package.json. It is the same whether the
 * module runs from its source (src/) or from the server's build (dist/, where modules are bundled into chunks at other
 * depths), so files that ship with the project (data/, web/, the migrations) are found from it, not from a module.
 */
export function findProjectDir(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const PROJECT_DIR = findProjectDir(path.dirname(fileURLToPath(import.meta.url)));
