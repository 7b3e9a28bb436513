import type { KeyKind } from '../api/contract.js';
import type { ProviderInfo } from '../api/contract-providers.js';
import type { ProviderProfile } from './profile.js';

/** A profile as the UI and the CLI see it: plain data, no functions. */
export function providerInfo(p: ProviderProfile): ProviderInfo {
  const keyKinds: KeyKind[] = p.adminKey ? ['api', 'admin'] : ['api'];
  return {
    id: p.id,
    label: p.label,
    route: p.route,
    builtIn: p.builtIn,
    keyKinds,
    adminKeyLabel: p.adminKey?.label ?? null,
    adminKeyPrefix: p.adminKey?.prefix ?? null,
    adminKeyNote: p.adminKey?.note ?? null,
    keyPlaceholder: p.keyPlaceholder,
    reads: p.reports?.reads ?? null,
    clientEnv: p.clientEnv.map((e) => ({ ...e })),
    defaultUpstream: p.defaultUpstream,
    suggestedModels: [...p.suggestedModels],
  };
}
