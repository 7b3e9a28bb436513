/**
 * The running transcript import (Claude Code, Codex CLI sessions for ChatGPT plans, Gemini CLI
 * sessions): a pass
 * at start, then one whenever the folders change (watched, debounced: only the changed files are
 * read) and a periodic full pass as a safety net, every few seconds when watching is not possible.
 * A folder that does not exist yet is looked for every few seconds and read as soon as it appears.
 * Passes never overlap; requests arriving during a pass are merged into the next one.
 */
import { ApiError, type ApiEvent, type PriceOverride } from '../../../../shared/api/contract.js';
import type { ImportProgress, ImportRunResult, ImportStatus } from '../../../../shared/api/contract-subscriptions.js';
import { throttle } from '../../../../shared/throttle.js';
import type { BillingMode } from '../../../../shared/usage.js';
import type { Db } from '../../ledger/open-database.js';
import { countImportedRows, loadFileStates, type FileState } from './import-store.js';
import { runImportPass, type PassResult } from './import-pass.js';
import { CODEX_SOURCE, runCodexPass } from '../codex/codex-pass.js';
import { GEMINI_SOURCE, runGeminiPass } from '../gemini/gemini-pass.js';
import type { FilePassOptions } from '../file-pass.js';
import type { CodexCarry } from '../../../../shared/transcripts/codex-session.js';
import type { WindowSnapshot } from '../../../../shared/api/contract-windows.js';
import { watchFolders, type FolderWatcher } from './watch-folders.js';
import fs from 'node:fs';
import path from 'node:path';
import { errorMessage } from '../../../../shared/error-message.js';

export interface ImporterOptions {
  db: Db;
  /** projects/ folders (see folders.ts). */
  folders: readonly string[];
  /** Codex session folders (see ../codex/folders.ts); none by default. */
  codexFolders?: readonly string[];
  /** Gemini CLI tmp/ folders (see ../gemini/folders.ts); none by default. */
  geminiFolders?: readonly string[];
  /** How Gemini CLI calls are paid for (see ../gemini/billing.ts); default 'subscription'. */
  geminiBilling?: BillingMode;
  /** False: nothing is read or watched (TOKENTALLY_NO_IMPORT=1). */
  enabled: boolean;
  now: () => number;
  log: (line: string) => void;
  emit: (event: ApiEvent) => void;
  overrides: () => readonly PriceOverride[];
  /** Plan-window readings of the Codex logs (the core's window recorder); omitted: not read. */
  windowSnapshot?: (snapshot: WindowSnapshot) => void;
  /** Watch the folders (default true); without, only the polls find changes. */
  watch?: boolean;
  debounceMs?: number;
  /** Full pass every `watching` ms while watchers are trusted, else every `polling` ms. */
  pollMs?: { watching: number; polling: number };
  platform?: NodeJS.Platform;
}

export interface TranscriptImporter {
  /** First pass and watching; returns at once. */
  start(): void;
  /** A full pass now (after the one running, if any). */
  runNow(): Promise<ImportRunResult>;
  status(): ImportStatus;
  /** Stop watching and wait for a running pass; safe to call twice. */
  close(): Promise<void>;
}

const MAX_ERRORS = 20;
/** Progress events at most this often while a pass runs. */
const PROGRESS_EVENT_MS = 500;
/** Passes reading less than this are not worth progress events. */
const PROGRESS_MIN_BYTES = 8 * 1024 * 1024;
const DEFAULT_POLL = { watching: 60_000, polling: 3_000 };

const IMPORT_DISABLED_MESSAGE = 'the transcript import (Claude Code, Codex, Gemini CLI) is switched off (TOKENTALLY_NO_IMPORT=1)';

/** A source read after the Claude Code transcripts, one file at a time (Codex, Gemini CLI). */
interface FileSource {
  folders: readonly string[];
  /** Its name in import_files. */
  source: string;
  /** What was read of each file, loaded on the first pass. */
  states: Map<string, FileState> | null;
  pass(options: FilePassOptions): Promise<PassResult>;
}

export function createTranscriptImporter(options: ImporterOptions): TranscriptImporter {
  const { db, now } = options;
  const debounceMs = options.debounceMs ?? 300;
  const poll = options.pollMs ?? DEFAULT_POLL;
  const codexCarries = new Map<string, CodexCarry>();
  const geminiBilling = options.geminiBilling ?? 'subscription';
  const sources: FileSource[] = [
    { folders: options.codexFolders ?? [], source: CODEX_SOURCE, states: null, pass: (o: FilePassOptions) => runCodexPass({ ...o, carries: codexCarries, windowSnapshot: options.windowSnapshot }) },
    { folders: options.geminiFolders ?? [], source: GEMINI_SOURCE, states: null, pass: (o: FilePassOptions) => runGeminiPass({ ...o, billing: geminiBilling }) },
  ].filter((s: FileSource) => s.folders.length > 0);
  const allFolders = [...options.folders, ...sources.flatMap((s) => s.folders)];
  let states: Map<string, FileState> | null = null;
  let watcher: FolderWatcher | null = null;
  let started = false;
  let closed = false;
  let running: Promise<void> | null = null;
  let wantFull = false;
  const wantFiles = new Set<string>();
  let fullWaiters: { resolve: (r: ImportRunResult) => void; reject: (e: unknown) => void }[] = [];
  let debounce: NodeJS.Timeout | null = null;
  let pollTimer: NodeJS.Timeout | null = null;
  /** Folders to read that do not exist (yet), as of the last full pass. */
  let missingRoots: string[] = [];
  let lastImportAt: number | null = null;
  let lastChangeAt: number | null = null;
  let errors: string[] = [];
  /** How far the running pass is (the app's Session import card shows it); null between passes. */
  let progress: ImportProgress | null = null;
  // Progress is worth a refresh of the card now and then, not on every file.
  const progressChanged = throttle(() => options.emit({ type: 'import-changed' }), PROGRESS_EVENT_MS);
  const onProgress = (p: ImportProgress) => {
    progress = p;
    // A pass that finds a few files is over before anyone could read its progress.
    if (p.bytesTotal >= PROGRESS_MIN_BYTES) progressChanged();
  };

  /** Keeps (and logs) problems not already known: an unreadable folder is reported once, not every poll. */
  const noteErrors = (list: readonly string[]) => {
    const fresh = list.filter((e) => !errors.includes(e));
    if (fresh.length === 0) return false;
    for (const e of fresh) options.log(`transcript import: ${e}`);
    errors = [...errors, ...fresh].slice(-MAX_ERRORS);
    return true;
  };

  const later = (fn: () => void, ms: number) => {
    pollTimer = setTimeout(fn, ms);
    pollTimer.unref();
  };

  const schedulePoll = () => {
    if (pollTimer) clearTimeout(pollTimer);
    pollTimer = null;
    if (closed || !started) return;
    if (watcher?.watching !== true) return later(() => request(null), poll.polling);
    if (missingRoots.length === 0) return later(() => request(null), poll.watching);
    // The watchers cover the folders that exist; one that does not (archived_sessions, the other
    // Claude folder) is only looked for, so a large tree is not re-scanned every few seconds.
    const fullAt = now() + poll.watching;
    const look = () => {
      if (closed) return;
      if (now() >= fullAt || missingRoots.some((root) => fs.existsSync(root))) request(null);
      else later(look, poll.polling);
    };
    later(look, poll.polling);
  };

  const afterPass = (result: PassResult, full: boolean) => {
    lastImportAt = now();
    const changed = result.inserted + result.updated;
    const erred = noteErrors(result.errors);
    if (full) {
      missingRoots = allFolders.filter((root) => !fs.existsSync(root));
      if (watcher) watcher.add(result.dirs);
    }
    if (changed > 0) {
      lastChangeAt = lastImportAt;
      options.emit({ type: 'usage-changed', count: changed });
    }
    if (changed > 0 || erred) options.emit({ type: 'import-changed' });
  };

  const loop = async () => {
    while (!closed && (wantFull || wantFiles.size > 0)) {
      const full = wantFull;
      const only = full ? undefined : [...wantFiles];
      const waiters = full ? fullWaiters : [];
      if (full) fullWaiters = [];
      wantFull = false;
      wantFiles.clear();
      try {
        states ??= loadFileStates(db);
        const owner = (file: string) => sources.find((s) => s.folders.some((root) => file.startsWith(root + path.sep)));
        const common = {
          db,
          now,
          overrides: options.overrides(),
          between: () => new Promise<void>((resolve) => setImmediate(resolve)),
          stop: () => closed,
          onProgress,
        };
        const result = await runImportPass({ ...common, folders: options.folders, states, only: only?.filter((f) => !owner(f)) });
        for (const s of sources) {
          if (closed) break;
          const mine = only?.filter((f) => owner(f) === s);
          if (mine && mine.length === 0) continue;
          s.states ??= loadFileStates(db, s.source);
          addPass(result, await s.pass({ ...common, folders: s.folders, states: s.states, only: mine }));
        }
        progress = null;
        progressChanged.cancel();
        afterPass(result, full);
        for (const w of waiters) w.resolve(publicResult(result));
      } catch (err) {
        progress = null;
        progressChanged.cancel();
        const message = `import pass failed: ${errorMessage(err)}`;
        noteErrors([message]);
        options.emit({ type: 'import-changed' });
        for (const w of waiters) w.reject(new ApiError('internal', message));
      }
      schedulePoll();
    }
  };

  const kick = () => {
    if (running || closed) return;
    running = loop().finally(() => {
      running = null;
      // Something asked while the last pass was finishing.
      if (!closed && (wantFull || wantFiles.size > 0)) kick();
    });
  };

  /** A changed file (read just it) or null (re-scan everything), after the debounce. */
  const request = (file: string | null) => {
    if (closed) return;
    if (file === null) wantFull = true;
    else wantFiles.add(file);
    if (debounce) return;
    debounce = setTimeout(() => {
      debounce = null;
      kick();
    }, debounceMs);
    debounce.unref();
  };

  return {
    start() {
      if (started || closed || !options.enabled) return;
      started = true;
      if (options.watch !== false) watcher = watchFolders((file) => request(file), options.platform);
      wantFull = true;
      // On the next turn: the caller (the app starting up) is not held up by the first pass.
      setImmediate(kick);
    },
    runNow() {
      if (!options.enabled) return Promise.reject(new ApiError('unavailable', IMPORT_DISABLED_MESSAGE));
      if (closed) return Promise.reject(new ApiError('unavailable', 'the transcript import has stopped'));
      return new Promise<ImportRunResult>((resolve, reject) => {
        fullWaiters.push({ resolve, reject });
        wantFull = true;
        kick();
      });
    },
    status() {
      const known = (map: Map<string, FileState> | null, roots: readonly string[]) => (map ? [...map.keys()].filter((f) => roots.some((root) => f.startsWith(root))).length : 0);
      const knownFiles = sources.reduce((n, s) => n + known(s.states, s.folders), known(states, options.folders));
      return {
        enabled: options.enabled,
        folders: allFolders.map((p) => ({ path: p, exists: fs.existsSync(p) })),
        watching: watcher?.watching === true,
        files: knownFiles,
        records: countImportedRows(db),
        lastImportAt,
        lastChangeAt,
        running: running !== null,
        progress,
        errors: [...errors],
      };
    },
    async close() {
      closed = true;
      if (debounce) clearTimeout(debounce);
      if (pollTimer) clearTimeout(pollTimer);
      debounce = pollTimer = null;
      progressChanged.cancel();
      watcher?.close();
      const stopped = new ApiError('unavailable', 'the transcript import has stopped');
      for (const w of fullWaiters.splice(0)) w.reject(stopped);
      await running;
    },
  };
}

/** Adds a second pass's counts and findings into the first's. */
function addPass(into: PassResult, more: PassResult): void {
  into.folders.push(...more.folders);
  into.existing.push(...more.existing);
  into.dirs.push(...more.dirs);
  into.errors.push(...more.errors);
  into.filesRead += more.filesRead;
  into.bytesRead += more.bytesRead;
  into.inserted += more.inserted;
  into.updated += more.updated;
  into.skipped += more.skipped;
  into.badLines += more.badLines;
  into.durationMs += more.durationMs;
}

function publicResult(r: PassResult): ImportRunResult {
  const { existing: _existing, dirs: _dirs, ...rest } = r;
  return rest;
}
