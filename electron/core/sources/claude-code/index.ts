/** Claude Code transcripts as subscription usage (issue 5). */
export { claudeProjectFolders, projectsFolderOf } from './folders.js';
export { createTranscriptImporter, IMPORT_DISABLED_MESSAGE, type ImporterOptions, type TranscriptImporter } from './importer.js';
export { runImportPass, toRecord, ONE_OFF_BATCH_BYTES, type PassOptions, type PassResult } from './import-pass.js';
export { loadFileStates, countImportedRows, IMPORT_SOURCE, type FileState } from './import-store.js';
