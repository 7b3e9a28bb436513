import type { ApiEvent, LedgerHealth, TokentallyApi } from '../../shared/api/contract.js';
import type { SecretCipher } from './secrets/secret-cipher.js';

export interface CoreOptions {
  dataDir: string;
  mode: 'electron' | 'headless';
  /** Defaults to the headless key-file cipher. */
  cipher?: SecretCipher;
  /** better-sqlite3 addon built for Electron's ABI. */
  nativeBinding?: string;
  /** Port of the loopback server (proxy, and the UI API in headless mode); 0 picks a free one. */
  port?: number;
  /** Serve the built renderer and the HTTP API (headless `serve --ui`). */
  serveUi?: boolean;
  /** Folder of the built renderer (index.html). */
  rendererDir?: string;
  /** Where to print lines for the user (headless); Electron passes a logger. */
  log?: (line: string) => void;
  /** Environment for TOKENTALLY_* overrides (upstreams, master key); defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  now?: () => number;
  /** Claude Code projects/ folders to import (default: from CLAUDE_CONFIG_DIR or the usual places); TOKENTALLY_NO_IMPORT=1 switches the import off. */
  importFolders?: string[];
  /**
   * Modules whose default export is one more provider profile (beside BUILT_IN_PROFILES): a test
   * adds a made-up provider this way to prove a new provider needs only its profile. Modules, not
   * objects: both of the core's threads load them.
   */
  providerModules?: string[];
  /** Codex session folders to import (default: from CODEX_HOME or ~/.codex, or none when importFolders is given). */
  codexFolders?: string[];
  /** The proxy's connect timeout and the silence allowed on an open call (defaults: 10 s, 10 min). */
  proxyTimeouts?: { connectMs?: number; idleMs?: number };
  /** Claude Code state files read for its cached plan-window figures (default: .claude.json in the usual places; none when importFolders is given). */
  claudeStateFiles?: string[];
  /** Gemini CLI tmp/ folders to import (default: from GEMINI_CLI_HOME or ~/.gemini/tmp, or none when importFolders is given; TOKENTALLY_NO_GEMINI_IMPORT=1: none). */
  geminiFolders?: string[];
}

/** The running engine: ledger, proxy, service. Electron and `serve` both start exactly this. */
export interface Core {
  readonly api: TokentallyApi;
  readonly dataDir: string;
  onEvent(listener: (event: ApiEvent) => void): () => void;
  /** URLs the loopback server answers on; uiUrl carries the per-launch token. */
  readonly urls: { proxy: string | null; ui: string | null };
  /** A window is open (true) or all are closed: provider reports are polled every minute instead of every 5. */
  setActive(active: boolean): void;
  /** Whether finished calls reach the ledger (disk full, damaged file…). */
  ledgerHealth(): LedgerHealth;
  /**
   * Stop servers, write every finished call (or keep it in the recovery file), close the
   * database. Safe to call twice. `lost`: calls that could be written nowhere (-1: unknown, the
   * writer did not answer).
   */
  close(options?: { graceMs?: number }): Promise<{ lost: number }>;
  /**
   * Resolves when every call that finished before it is in the ledger and the hard-cap gate has
   * read the ledger since: the state a script or a test can then look at.
   */
  settle(): Promise<void>;
}
