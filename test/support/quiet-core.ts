/**
 * startCore's options for a test's core that reads nobody's transcripts and polls no provider:
 * headless on a free port, no import folders (not even the machine's own ~/.claude), no Claude
 * Code state file, TOKENTALLY_NO_POLL and TOKENTALLY_NO_IMPORT. `extra` adds to them (its env
 * is merged into these).
 */
import type { CoreOptions } from '../../electron/core/core-types.js';

export function quietCoreOptions(dataDir: string, extra: Partial<CoreOptions> = {}): CoreOptions {
  return {
    dataDir,
    mode: 'headless',
    port: 0,
    importFolders: [],
    codexFolders: [],
    claudeStateFiles: [],
    ...extra,
    env: { TOKENTALLY_NO_POLL: '1', TOKENTALLY_NO_IMPORT: '1', ...extra.env },
  };
}
