// Part of `npm run build`: the status line's compiled modules (out/electron/core/cli/commands/
// statusline.js and what it imports) bundled into one file, out/statusline.cjs, which
// bin/tokentally.js loads for `tokentally statusline`. Claude Code runs it on every update: one
// file loads in a fraction of the time of the hundred-odd modules it is made of (npm run
// bench:statusline). better-sqlite3's JavaScript is bundled too (its dozen files cost more to load
// than the rest together); its native addon is loaded by path (bin/tokentally.js finds it), so
// the `bindings` package, which looks for it, stays out.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The bin keeps V8's code cache of the bundle beside it (out/statusline.cjs.<size>-<time>.v8cache):
// those of earlier builds go.
for (const name of fs.existsSync(path.join(root, 'out')) ? fs.readdirSync(path.join(root, 'out')) : []) {
  if (/^statusline\.cjs\..*\.v8cache$/.test(name)) fs.rmSync(path.join(root, 'out', name), { force: true });
}
await build({
  entryPoints: [path.join(root, 'out/electron/core/cli/commands/statusline.js')],
  outfile: path.join(root, 'out/statusline.cjs'),
  bundle: true,
  platform: 'node',
  // CommonJS, like better-sqlite3: required, not imported, it skips the ESM loader.
  format: 'cjs',
  target: 'node20',
  minify: true,
  external: ['bindings'],
  logLevel: 'warning',
});
