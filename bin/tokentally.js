#!/usr/bin/env node
// The `tokentally` command: runs the compiled CLI (npm run build puts it in out/).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../out/electron/core/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('tokentally: not built yet; run "npm run build" in the Tokentally folder first\n');
  process.exit(1);
}
const { runFromProcess } = await import(entry.href);
runFromProcess();
