import fs from 'node:fs';
import path from 'node:path';
import { startCore } from '../../core.js';
import { rendererDir } from '../../package-root.js';
import { resolveDataDir } from '../../paths.js';
import { APP_VERSION } from '../../version.js';
import { CliError, UsageError, type CliCommand, type CliIO } from '../io.js';
import { parseCommandArgs, parseCount } from '../parse-args.js';
import { startedByScriptRunner, watchParent } from '../parent-watch.js';

const SERVE_USAGE = `Usage: tokentally serve [--port N] [--data-dir DIR] [--ui]

Runs Tokentally headless: the logging proxy on 127.0.0.1 and, with --ui, the dashboard.
  --port N          loopback port (default: the proxy port setting, 8787); 0 picks a free one
  --data-dir DIR    where the ledger lives (default $TOKENTALLY_DATA_DIR or ~/.config/Tokentally)
  --ui              also serve the dashboard; open the printed UI address (it carries an access token)
Stops cleanly on Ctrl-C (SIGINT), SIGTERM or SIGHUP, writing every finished call first.`;

export const serveCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parseCommandArgs(
    args,
    { port: { type: 'string' }, 'data-dir': { type: 'string' }, ui: { type: 'boolean' } },
    SERVE_USAGE,
  );
  if (values.help) {
    io.stdout.write(SERVE_USAGE + '\n');
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, SERVE_USAGE);
  const port = parseCount(values.port, '--port', SERVE_USAGE);
  if (port !== undefined && port > 65535) throw new UsageError(`--port must be 0..65535, got ${port}`, SERVE_USAGE);

  const uiDir = rendererDir();
  if (values.ui && !fs.existsSync(path.join(uiDir, 'index.html'))) {
    throw new CliError(`the dashboard is not built (${uiDir} has no index.html); run "npm run build" first`);
  }

  const dataDir = resolveDataDir(values['data-dir'], io.env);
  const log = (line: string) => io.stdout.write(line + '\n');
  const core = await startCore({
    dataDir,
    mode: 'headless',
    port,
    serveUi: Boolean(values.ui),
    rendererDir: uiDir,
    log,
    env: io.env,
  });

  log(`Tokentally ${APP_VERSION} (headless, pid ${process.pid}). Data: ${dataDir}`);
  if (core.urls.proxy) {
    log(`Proxy: ${core.urls.proxy}`);
    log(`  ANTHROPIC_BASE_URL=${core.urls.proxy}/anthropic`);
    log(`  OPENAI_BASE_URL=${core.urls.proxy}/openai/v1`);
  }
  if (core.urls.ui) log(`UI:    ${core.urls.ui}`);
  // Listening for the stop signals before saying so: a supervisor may send one the moment it reads this line.
  const stopped = stopSignal(io, log);
  log('Press Ctrl-C to stop.');
  await stopped;

  const { lost } = await core.close();
  if (lost !== 0) {
    // Never "Stopped." as if all were well: say how many finished calls are gone, and fail.
    io.stderr.write(
      lost < 0
        ? 'Stopped, but the ledger writer did not answer: finished calls may be missing from the ledger.\n'
        : `Stopped, but ${lost} finished call(s) could be written neither to the ledger nor to the recovery file: they are lost.\n`,
    );
    return 1;
  }
  const kept = core.ledgerHealth().kept;
  log(kept > 0 ? `Stopped. ${kept} call(s) the ledger refused are kept in the recovery file and will be imported at the next start.` : 'Stopped.');
  return 0;
};

/** Resolves on SIGINT, SIGTERM or SIGHUP (or, under a script runner, when its shell is gone), once. */
function stopSignal(io: CliIO, log: (line: string) => void): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = (why: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      process.off('SIGHUP', onHup);
      parent?.stop();
      log(`${why}: stopping; writing pending calls…`);
      resolve();
    };
    const onInt = () => stop('SIGINT');
    const onTerm = () => stop('SIGTERM');
    // The terminal was closed: by default Node would die at once, dropping the calls still queued.
    const onHup = () => stop('SIGHUP');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    process.on('SIGHUP', onHup);
    // Under `npm run cli -- serve` a signal sent to npm may not reach us (see parent-watch.ts).
    const parent = startedByScriptRunner(io.env) ? watchParent(() => stop('the script runner (npm) exited')) : null;
  });
}
