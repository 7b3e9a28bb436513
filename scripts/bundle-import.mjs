// Part of `npm run build`: `tokentally import`'s compiled modules (out/electron/core/cli/
// import-entry.js and the 160-odd modules it imports) bundled into out/import/import.js, and its
// workers' into out/import/parse-worker.js and checkpoint-worker.js beside it (the import starts
// each as './<name>.js' next to its own module, bundled or not). bin/tokentally.js loads the bundle
// for `import`: one module instead of a graph through Node's ESM loader halves the command's
// start-up (about 0.2 s of CPU, as much again in each worker), which counts against a cold
// import's time (npm run bench:import). ES modules, like the rest of out/ (import.meta.url
// locates the worker); better-sqlite3 stays a package of its own (it loads its native addon).
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'out/import');
fs.rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: {
    import: path.join(root, 'out/electron/core/cli/import-entry.js'),
    'parse-worker': path.join(root, 'out/electron/core/sources/claude-code/parse-worker.js'),
    'checkpoint-worker': path.join(root, 'out/electron/core/ledger/checkpoint-worker.js'),
  },
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Whitespace and syntax only: names stay readable in a stack trace or a profile.
  minifyWhitespace: true,
  minifySyntax: true,
  external: ['better-sqlite3'],
  logLevel: 'warning',
});
