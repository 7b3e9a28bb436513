#!/usr/bin/env node
// The `tokentally` command: runs the compiled CLI (npm run build puts it in out/).
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const entry = new URL('../out/electron/core/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('tokentally: not built yet; run "npm run build" in the Tokentally folder first\n');
  process.exit(1);
}
// Claude Code runs the status line on every update: it loads the status line's own bundle
// (scripts/bundle-statusline.mjs), not the dispatcher and every command's imports, compiled from
// V8's code cache when there is one, and opens better-sqlite3's native addon by path. Where the
// addon is not where npm builds it, the dispatcher runs the same command (slower, same line).
if (process.argv[2] === 'statusline') {
  const require = createRequire(import.meta.url);
  const bundle = fileURLToPath(new URL('../out/statusline.cjs', import.meta.url));
  const addon = nodeAddon(require);
  if (addon && existsSync(bundle)) {
    loadWithCodeCache(bundle).runStatusLineFromProcess(process.argv.slice(3), { nativeBinding: addon });
  } else {
    (await import(entry.href)).runFromProcess();
  }
} else if (process.argv[2] === 'import') {
  // A one-off import loads only its own command (out/…/cli/import-entry.js), not the dispatcher.
  const { runImportFromProcess } = await import(new URL('../out/electron/core/cli/import-entry.js', import.meta.url).href);
  runImportFromProcess(process.argv.slice(3));
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

/**
 * require() a CommonJS file, compiled with V8's code cache when it has one that fits this Node;
 * else compiled from source, and the cache written at exit (with every function the run compiled)
 * for next time. The cache is named after the file's size and time, so a rebuilt file never meets
 * an old cache (V8 checks little of the source itself); the build removes old ones. A cache that
 * cannot be read or written only costs the compile.
 */
function loadWithCodeCache(file) {
  const { size, mtimeMs } = statSync(file);
  const cacheFile = `${file}.${size}-${Math.floor(mtimeMs)}.v8cache`;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    process.once('exit', () => {
      try {
        const temp = `${cacheFile}.${process.pid}`;
        writeFileSync(temp, script.createCachedData());
        renameSync(temp, cacheFile);
      } catch {
        // A read-only install: compiled from source each time.
      }
    });
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  return module.exports;
}
