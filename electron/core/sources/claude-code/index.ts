/** Claude Code transcripts as subscription usage (issue 5). */
export { claudeProjectFolders, projectsFolderOf } from './folders.js';
export { createTranscriptImporter, type TranscriptImporter } from './importer.js';
export { runImportPass, ONE_OFF_BATCH_BYTES, type PassResult } from './import-pass.js';
export { loadFileStates, countImportedRows, type FileState } from './import-store.js';
