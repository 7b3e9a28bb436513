/**
 * A process to be killed (kill -9) in the middle of sync work, by sync-kill.test.ts:
 *   publish DATA_DIR   publish this ledger's rows, 5 records a segment, until done
 *   merge DATA_DIR     merge the sync folder's segments, 3 records a transaction, until done
 * It prints "working" once started, then "done" if it is not killed first.
 */
import path from 'node:path';
import { openDatabase } from '../../electron/core/ledger/open-database.js';
import { mergeFolder } from '../../electron/core/sync/merge.js';
import { publishPending } from '../../electron/core/sync/publish.js';

const [mode, dataDir] = process.argv.slice(2);
if ((mode !== 'publish' && mode !== 'merge') || !dataDir) throw new Error('usage: sync-kill-child publish|merge DATA_DIR');
const db = openDatabase(dataDir);
process.stdout.write('working\n');
if (mode === 'publish') publishPending(db, { now: Date.now(), tempDir: path.join(dataDir, 'sync-outgoing'), maxRecords: 5 });
else while (mergeFolder(db, { now: Date.now(), maxSegments: 1, chunkRecords: 3 }).segments > 0);
db.close();
process.stdout.write('done\n');
