import type { Migration } from './migration.js';
import { migration001 } from './001-initial.js';
import { migration002 } from './002-bodies.js';

/** Every migration, in order. Append only: a released migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002];
