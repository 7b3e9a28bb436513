/** Gemini CLI session logs: usage on Google's models (see billing.ts for who pays). */
export { geminiFoldersOf, geminiSessionFolders, isGeminiSessionFile, listGeminiSessionFiles } from './folders.js';
export { GEMINI_BILLING_ENV, geminiBillingFrom } from './billing.js';
export { GEMINI_SOURCE, geminiRecord, runGeminiPass, type GeminiPassOptions } from './gemini-pass.js';
