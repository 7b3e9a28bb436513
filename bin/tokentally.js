#!/usr/bin/env node
// The `tokentally` command: runs the compiled CLI (npm run build puts it in out/).
//
// CommonJS (bin/package.json says so), unlike the rest of the package: Claude Code runs
// `tokentally statusline` on every update, and a CommonJS entry file skips Node's ESM loader,
// whose start-up costs about as much again as the status line's own work (npm run
// bench:statusline). Every other command is the ESM CLI, imported.
'use strict';
const { existsSync, readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

const out = join(__dirname, '..', 'out');
const entry = join(out, 'electron', 'core', 'cli', 'main.js');
if (!existsSync(entry)) {
  process.stderr.write('tokentally: not built yet; run "npm run build" in the Tokentally folder first\n');
  process.exit(1);
}
// The status line loads its own bundle (scripts/bundle-statusline.mjs), not the dispatcher and
// every command's imports, compiled from V8's code cache when there is one, and opens
// better-sqlite3's native addon by path. Where the addon is not where npm builds it, the
// dispatcher runs the same command (slower, same line).
const bundle = join(out, 'statusline.cjs');
const addon = process.argv[2] === 'statusline' ? nodeAddon() : null;
if (addon && existsSync(bundle)) {
  loadWithCodeCache(bundle).runStatusLineFromProcess(process.argv.slice(3), { nativeBinding: addon });
} else if (process.argv[2] === 'import') {
  // A one-off import loads only its own command, not the dispatcher: bundled into one module
  // (out/import/import.js, scripts/bundle-import.mjs), else its compiled entry (…/cli/import-entry.js).
  const bundled = join(out, 'import', 'import.js');
  const file = existsSync(bundled) ? bundled : join(out, 'electron', 'core', 'cli', 'import-entry.js');
  import(require('node:url').pathToFileURL(file).href).then((cli) => cli.runImportFromProcess(process.argv.slice(3)));
} else {
  import(require('node:url').pathToFileURL(entry).href).then((cli) => cli.runFromProcess());
}

/** better-sqlite3's addon as npm builds it for Node (build/Release), or null. */
function nodeAddon() {
  const addonIn = (pkg) => join(pkg, 'build', 'Release', 'better_sqlite3.node');
  // In the checkout (or an install that keeps its own node_modules), without the resolver's search.
  const own = addonIn(join(__dirname, '..', 'node_modules', 'better-sqlite3'));
  if (existsSync(own)) return own;
  try {
    const file = addonIn(dirname(require.resolve('better-sqlite3/package.json')));
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
  const { Module, createRequire } = require('node:module');
  const { Script } = require('node:vm');
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
