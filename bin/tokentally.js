#!/usr/bin/env node
// The `tokentally` command: runs the compiled CLI (npm run build puts it in out/).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const entry = new URL('../out/electron/core/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('tokentally: not built yet; run "npm run build" in the Tokentally folder first\n');
  process.exit(1);
}
// Claude Code runs the status line on every update: it loads the status line's own bundle
// (scripts/bundle-statusline.mjs), not the dispatcher and every command's imports, and opens
// better-sqlite3's native addon by path. Where the addon is not where npm builds it, the
// dispatcher runs the same command (slower, same line).
if (process.argv[2] === 'statusline') {
  const require = createRequire(import.meta.url);
  const bundle = fileURLToPath(new URL('../out/statusline.cjs', import.meta.url));
  const addon = nodeAddon(require);
  if (addon && existsSync(bundle)) {
    require(bundle).runStatusLineFromProcess(process.argv.slice(3), { nativeBinding: addon });
  } else {
    (await import(entry.href)).runFromProcess();
  }
} else {
  const { runFromProcess } = await import(entry.href);
  runFromProcess();
}

/** better-sqlite3's addon as npm builds it for Node (build/Release), or null. */
function nodeAddon(require) {
  try {
    const file = join(dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
    return existsSync(file) ? file : null;
  } catch {
    return null;
  }
}
