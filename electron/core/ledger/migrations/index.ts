import type { Migration } from './migration.js';
import { migration001 } from './001-initial.js';
import { migration002 } from './002-bodies.js';
import { migration003 } from './003-budget-alerts.js';
import { migration004 } from './004-import-state.js';
import { migration005 } from './005-provider-sync.js';
import { migration006 } from './006-plan-windows.js';
import { migration007 } from './007-price-facts.js';
import { migration008 } from './008-key-scope.js';
import { migration009 } from './009-provider-cost-lines.js';
import { migration010 } from './010-ledger-at-scale.js';
import { migration011 } from './011-advisor.js';
import { migration012 } from './012-writer-state.js';
import { migration013 } from './013-guard.js';
import { migration014 } from './014-projects-sessions.js';
import { migration015 } from './015-sync.js';
import { migration016 } from './016-check-or-chains.js';
import { migration017 } from './017-free-calls-priced.js';
import { migration018 } from './018-redact-error-keys.js';

/** Every migration, in order. Append only: a released migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009, migration010, migration011, migration012, migration013, migration014, migration015, migration016, migration017, migration018];
