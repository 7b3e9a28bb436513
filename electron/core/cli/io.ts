import type { Readable, Writable } from 'node:stream';
import { errorMessage } from '../../../shared/error-message.js';
import type { ProviderProfile } from '../../../shared/providers/profile.js';
import type { ProviderRegistry } from '../../../shared/providers/registry.js';

/** What a CLI command may touch of the outside world; tests pass their own. */
export interface CliIO {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
}

/** Thrown for wrong arguments: the CLI prints the message and the command's usage, and exits 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Thrown for failures the user can act on: printed as one line, exit 1, no stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export type CliCommand = (args: string[], io: CliIO) => Promise<number>;

/**
 * A command as the main help lists it. Every command is one of these in main.ts's COMMANDS, and
 * the help is made from that list, so a command (or a subcommand) cannot be left out of it.
 */
export interface CliCommandSpec {
  name: string;
  /** The words it takes first (`set`, `list`…, or what `import` reads), from the command's own tables. */
  subcommands?: readonly string[];
  /** What follows in the help's synopsis ("[--port N] [--ui]"). */
  args: string;
  summary: string;
  run: CliCommand;
}

/** A provider named on the command line: one the registry knows, else a wrong argument (exit 2, as the README says). */
export function namedProvider(registry: ProviderRegistry, name: string): ProviderProfile {
  try {
    return registry.require(name);
  } catch (err) {
    throw new CliError(errorMessage(err), 2);
  }
}
