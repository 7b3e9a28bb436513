import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding Tokentally's package.json, from the checkout (tsx) or from out/ (compiled). */
function packageRoot(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (fs.existsSync(candidate)) {
      try {
        if ((JSON.parse(fs.readFileSync(candidate, 'utf8')) as { name?: string }).name === 'tokentally') return dir;
      } catch {
        // not ours; keep climbing
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the Tokentally package folder');
    dir = parent;
  }
}

/** The built renderer (vite build output). */
export function rendererDir(): string {
  return path.join(packageRoot(), 'out', 'renderer');
}
