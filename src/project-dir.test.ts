import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findProjectDir, PROJECT_DIR } from './project-dir.ts';

describe('the project folder', () => {
  it('is the nearest folder above that holds a package.json, however deep the module', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'citybridge-project-'));
    try {
      await writeFile(path.join(dir, 'package.json'), '{}');
      const deep = path.join(dir, 'dist', 'chunks');
      await mkdir(deep, { recursive: true });
      expect(findProjectDir(deep)).toBe(dir);
      expect(findProjectDir(path.join(dir, 'src', 'features', 'organizations'))).toBe(dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('is this project from its sources', () => {
    expect(PROJECT_DIR).toBe(path.resolve('.'));
  });

  it('is refused where no folder above holds a package.json', () => {
    expect(() => findProjectDir('/')).toThrow(/no package.json above \//);
  });
});
