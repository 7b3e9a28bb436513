/**
 * `tokentally import …` without the dispatcher: bin/tokentally.js loads this file for `import`,
 * so a one-off import does not first load every other command's modules (the server, the proxy,
 * the MCP server: about half a second of start-up before the first file is read). The same command
 * as `tokentally import` through main.ts.
 */
import { importCommand } from './commands/import.js';
import { runCommand, runWithProcess } from './run-command.js';

export function runImportFromProcess(argv: string[]): void {
  runWithProcess((args, io) => runCommand('import', importCommand, args, io), argv);
}
