import { BUILT_IN_PROFILES, type ProviderProfile } from '../../../shared/providers/index.js';

/**
 * The provider profiles in force: the built-in ones, then any given as modules (a test's made-up
 * provider, a provider one ships separately). A module's default export is its profile; both
 * threads load the same modules (a profile holds functions, which cannot be sent between threads).
 */
export async function loadProviderProfiles(modules: readonly string[] = []): Promise<ProviderProfile[]> {
  const extra: ProviderProfile[] = [];
  for (const m of modules) {
    const loaded = (await import(m)) as { default?: ProviderProfile };
    if (!loaded.default || typeof loaded.default.classify !== 'function') throw new Error(`${m} does not export a provider profile as its default`);
    extra.push(loaded.default);
  }
  return [...BUILT_IN_PROFILES, ...extra];
}
