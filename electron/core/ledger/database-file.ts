/** The ledger's file name in the data folder. Its own module: the status line names it without loading openDatabase. */
export const DATABASE_FILE = 'tokentally.db';
