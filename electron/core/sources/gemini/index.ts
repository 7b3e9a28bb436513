/** Gemini CLI session logs: usage on Google's models (see billing.ts for who pays). */
export { geminiFoldersOf, geminiSessionFolders, isGeminiSessionFile } from './folders.js';
export { geminiBillingFrom } from './billing.js';
export { GEMINI_SOURCE, runGeminiPass } from './gemini-pass.js';
