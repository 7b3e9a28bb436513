/** Codex CLI session logs as subscription usage (ChatGPT plans). */
export { codexFoldersOf, codexSessionFolders } from './folders.js';
export { CODEX_SOURCE, runCodexPass } from './codex-pass.js';
