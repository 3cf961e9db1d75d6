import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest folder at or above `start` that holds a package.json. */
function packageRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`project-root: no package.json above ${start}`);
  }
}

/**
 * The project's folder. Code runs from src/ (tsx, tests) or bundled from dist/ (`npm start`), at
 * different depths, so files shipped beside the code (the sandbox page, node_modules) are found from here.
 */
export const PROJECT_ROOT = packageRoot(path.dirname(fileURLToPath(import.meta.url)));
