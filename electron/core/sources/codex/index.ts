/** Codex CLI session logs as subscription usage (ChatGPT plans). */
export { codexFoldersOf, codexSessionFolders } from './folders.js';
export { CODEX_SOURCE, codexRecord, runCodexPass, type CodexPassOptions } from './codex-pass.js';
