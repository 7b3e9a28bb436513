#!/usr/bin/env node
/**
 * Gets what `electron .` needs beyond `npm install`, once, on first start:
 *  1. the Electron binary, when node_modules/electron has none (installed with
 *     ELECTRON_SKIP_BINARY_DOWNLOAD, or offline): Electron's own installer is run;
 *  2. better-sqlite3 built for Electron's ABI, in .native/electron-<v>-<platform>-<arch>/, a folder
 *     of its own, so the Node build in node_modules (tests, CLI) is never overwritten and
 *     `npm test` / `npm start` work from one checkout in either order. The main process passes
 *     this file to better-sqlite3 as `nativeBinding` (electron/main/native-binding-path.ts names
 *     the same folder; test/unit/electron-ensure-electron.test.ts checks they agree).
 *
 * Usage: node scripts/ensure-electron.mjs [--native] [--verbose]
 *   --native   only step 2 (`npm run dist`: electron-builder fetches its own Electron to package)
 *   --verbose  show the installers' own output
 * Needs the network the first time; on failure it prints one line saying why and exits 1.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ADDON_FILE = 'better_sqlite3.node';
const DEFAULT_HEADERS_URL = 'https://electronjs.org/headers';
const MINUTE = 60_000;
/** Everything but the desktop shell works without Electron: say how, where a download failed. */
export const HEADLESS_HINT = 'Meanwhile Tokentally runs without Electron, the same dashboard in your browser: npm run cli -- serve --ui';

// ---- pure parts (tested) ---------------------------------------------------------------------

/** Same rule as electron/main/native-binding-path.ts. */
export function nativeBuildDirName(electronVersion, platform, arch) {
  return `electron-${electronVersion}-${platform}-${arch}`;
}

export function nativeAddonPath(root, electronVersion, platform, arch) {
  return path.join(root, '.native', nativeBuildDirName(electronVersion, platform, arch), ADDON_FILE);
}

/** The executable inside node_modules/electron/dist, as electron/install.js names it. */
export function electronPlatformPath(platform) {
  switch (platform) {
    case 'mas':
    case 'darwin':
      return 'Electron.app/Contents/MacOS/Electron';
    case 'freebsd':
    case 'openbsd':
    case 'linux':
      return 'electron';
    case 'win32':
      return 'electron.exe';
    default:
      return null;
  }
}

/**
 * ABIs a native addon registers for (`node_register_module_v140` for Electron 39). Empty for
 * N-API addons, which carry no ABI number.
 */
export function addonAbis(bytes) {
  const found = new Set();
  for (const m of bytes.toString('latin1').matchAll(/node_register_module_v(\d+)/g)) found.add(m[1]);
  return [...found];
}

/** The few words of an installer's output that say why a download failed. */
export function failureReason(output) {
  const text = String(output ?? '');
  const net = text.match(
    /(getaddrinfo |connect |read |request to \S+ failed, reason: )?(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ESOCKETTIMEDOUT)\b[ \t]*([\w.:\-[\]]*)/,
  );
  if (net) return `${net[1] && !net[1].startsWith('request') ? net[1] : ''}${net[2]}${net[3] ? ` ${net[3]}` : ''}`.trim();
  // node-gyp hides the cause behind a paragraph; it names the URL it tried just before.
  if (/related to network connectivity/i.test(text)) {
    const url = text.match(/http GET (https?:\/\/[^/\s]+)/);
    return `network unreachable${url ? ` fetching from ${url[1]}` : ''}`;
  }
  const tls = text.match(/\b(SELF_SIGNED_CERT\w*|UNABLE_TO_(?:GET|VERIFY)_\w+|CERT_\w+|self[- ]signed certificate[\w ]*)/i);
  if (tls) return `TLS: ${tls[1]}`;
  const http = text.match(/(?:Response code|status(?:Code)?|HTTP(?:Error)?:?)\s*(\d{3})\b/i);
  if (http) return `HTTP ${http[1]}`;
  const error = text.match(/\b\w*Error: (.+)/);
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const said = error?.[1]?.trim() ?? lines.filter((l) => /error|fail|not found/i.test(l)).pop() ?? lines.pop() ?? 'no output';
  return said.length > 160 ? `${said.slice(0, 157)}...` : said;
}

// ---- the steps -------------------------------------------------------------------------------

class StepFailed extends Error {}

function run(command, args, { cwd, env = process.env, timeoutMs, verbose }) {
  const result = spawnSync(command, args, {
    cwd,
    env,
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 256 * 1024 * 1024,
    stdio: verbose ? 'inherit' : 'pipe',
  });
  const output = verbose ? 'see the output above' : `${result.stdout ?? ''}\n${result.stderr ?? ''}`;
  if (result.error) return { ok: false, output: `${result.error.code ?? ''} ${result.error.message}\n${output}` };
  return { ok: result.status === 0, output };
}

export function isElectronInstalled(electronDir, version, platform, env = process.env) {
  const platformPath = electronPlatformPath(platform);
  if (!platformPath) return false;
  try {
    if (fs.readFileSync(path.join(electronDir, 'dist', 'version'), 'utf8').replace(/^v/, '').trim() !== version) return false;
    if (fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8') !== platformPath) return false;
  } catch {
    return false;
  }
  return fs.existsSync(env.ELECTRON_OVERRIDE_DIST_PATH || path.join(electronDir, 'dist', platformPath));
}

function ensureElectronBinary(ctx) {
  if (isElectronInstalled(ctx.electronDir, ctx.version, process.platform)) return;
  if (!electronPlatformPath(process.platform)) throw new StepFailed(`Electron has no builds for ${process.platform}.`);
  say(`downloading Electron ${ctx.version} for ${ctx.target} (first start only)...`);
  // `npm start` means "I want the app": a skip flag left over from `npm install` does not apply.
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const result = run(process.execPath, [path.join(ctx.electronDir, 'install.js')], { env, timeoutMs: 15 * MINUTE, verbose: ctx.verbose });
  if (!result.ok || !isElectronInstalled(ctx.electronDir, ctx.version, process.platform)) {
    throw new StepFailed(
      `could not download Electron ${ctx.version} for ${ctx.target} (${failureReason(result.output)}). ` +
        `No network, or a proxy in the way? Set HTTPS_PROXY (or ELECTRON_MIRROR) and retry: ${ctx.retry}. ${HEADLESS_HINT}`,
    );
  }
}

function ensureNativeAddon(ctx) {
  const target = nativeAddonPath(ctx.root, ctx.version, process.platform, process.arch);
  if (fs.existsSync(target) && abiMatches(fs.readFileSync(target), ctx.abi)) return;

  say(`getting better-sqlite3 for Electron ${ctx.version} (${ctx.target}) into ${path.relative(ctx.root, path.dirname(target))}/ ...`);
  const source = path.join(ctx.root, 'node_modules', 'better-sqlite3');
  if (!fs.existsSync(path.join(source, 'package.json'))) throw new StepFailed('node_modules/better-sqlite3 is missing: run npm install first.');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tokentally-native-'));
  try {
    // A copy, so neither installer touches the Node build that tests and the CLI load.
    const copy = path.join(work, 'better-sqlite3');
    fs.cpSync(source, copy, {
      recursive: true,
      filter: (src) => !['build', 'node_modules', 'prebuilds'].includes(path.relative(source, src).split(path.sep)[0]),
    });
    const built = path.join(copy, 'build', 'Release', ADDON_FILE);
    const requireFromAddon = createRequire(path.join(source, 'package.json'));
    const common = { cwd: copy, verbose: ctx.verbose };

    const prebuilt = run(
      process.execPath,
      [requireFromAddon.resolve('prebuild-install/bin.js'), '--runtime', 'electron', '--target', ctx.version, '--arch', process.arch, '--platform', process.platform],
      { ...common, timeoutMs: 10 * MINUTE },
    );
    let fromSource = null;
    if (!prebuilt.ok || !fs.existsSync(built)) {
      say('no prebuilt binary; building from source with node-gyp (a few minutes)...');
      const nodeGyp = resolveNodeGyp(ctx.root);
      fromSource = nodeGyp
        ? run(
            process.execPath,
            [
              nodeGyp,
              'rebuild',
              '--release',
              '--runtime=electron',
              `--target=${ctx.version}`,
              `--arch=${process.arch}`,
              `--dist-url=${process.env.TOKENTALLY_ELECTRON_HEADERS_URL || DEFAULT_HEADERS_URL}`,
            ],
            { ...common, env: withoutNodedir(process.env), timeoutMs: 30 * MINUTE },
          )
        : { ok: false, output: 'node-gyp not found' };
    }
    if (!fs.existsSync(built) || (fromSource && !fromSource.ok)) {
      throw new StepFailed(
        `could not get better-sqlite3 for Electron ${ctx.version} (${ctx.target}): no prebuilt binary (${failureReason(prebuilt.output)}) ` +
          `and building from source failed (${failureReason(fromSource?.output)}). ` +
          `No network, or a proxy in the way? Set HTTPS_PROXY and retry: ${ctx.retry} (building from source also needs Python and a C++ compiler). ${HEADLESS_HINT}`,
      );
    }
    const bytes = fs.readFileSync(built);
    if (!abiMatches(bytes, ctx.abi)) {
      throw new StepFailed(`the better-sqlite3 build is for ABI ${addonAbis(bytes).join('/')}, not Electron ${ctx.version}'s ABI ${ctx.abi}; delete .native/ and run this again.`);
    }
    // Write then rename: an interrupted copy never leaves a truncated addon that looks installed.
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(built, `${target}.partial`);
    fs.renameSync(`${target}.partial`, target);
    say(`better-sqlite3 for Electron ready: ${path.relative(ctx.root, target)}`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function abiMatches(bytes, abi) {
  const abis = addonAbis(bytes);
  return !abi || abis.length === 0 || abis.includes(abi);
}

/**
 * npm passes its `nodedir` setting down as npm_config_nodedir (set on machines that build against
 * the system Node headers): node-gyp would then compile against Node's headers and produce a
 * Node-ABI addon. Electron's headers come from --target and --dist-url instead.
 */
function withoutNodedir(env) {
  const copy = { ...env };
  for (const key of Object.keys(copy)) if (key.toLowerCase() === 'npm_config_nodedir') delete copy[key];
  return copy;
}

function resolveNodeGyp(root) {
  try {
    return createRequire(path.join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js');
  } catch {
    // npm ships its own node-gyp and names it for scripts it runs.
    return process.env.npm_config_node_gyp && fs.existsSync(process.env.npm_config_node_gyp) ? process.env.npm_config_node_gyp : null;
  }
}

function say(line) {
  console.error(`ensure-electron: ${line}`);
}

export function main(argv = process.argv.slice(2)) {
  const unknown = argv.filter((a) => a !== '--native' && a !== '--verbose');
  if (unknown.length > 0) {
    say(`unknown argument ${unknown[0]}; usage: node scripts/ensure-electron.mjs [--native] [--verbose]`);
    return 2;
  }
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const electronDir = path.join(root, 'node_modules', 'electron');
  let version;
  try {
    version = JSON.parse(fs.readFileSync(path.join(electronDir, 'package.json'), 'utf8')).version;
  } catch {
    say('node_modules/electron is missing: run npm install first.');
    return 1;
  }
  let abi = null;
  try {
    abi = fs.readFileSync(path.join(electronDir, 'abi_version'), 'utf8').trim() || null;
  } catch {
    // older electron packages have no abi_version; the ABI check is then skipped
  }
  // What the user ran: `npm start`, or `npm run dist` (which asks for the addon only).
  const retry = argv.includes('--native') ? 'npm run dist' : 'npm start';
  const ctx = { root, electronDir, version, abi, retry, target: `${process.platform}-${process.arch}`, verbose: argv.includes('--verbose') };
  try {
    if (!argv.includes('--native')) ensureElectronBinary(ctx);
    ensureNativeAddon(ctx);
    return 0;
  } catch (err) {
    if (!(err instanceof StepFailed)) throw err;
    say(err.message);
    return 1;
  }
}

const invokedDirectly = process.argv[1] && pathToFileURL(fs.realpathSync(process.argv[1])).href === pathToFileURL(fs.realpathSync(fileURLToPath(import.meta.url))).href;
if (invokedDirectly) process.exitCode = main();
