/**
 * The providers Tokentally knows: the built-in profiles, then the user's own OpenAI-compatible
 * providers (made from settings). Every list of providers — proxy routes, key slots, pollers, the
 * CLI's checks, the UI's menus — is read from here.
 */
import { ApiError, type CustomProvider } from '../api/contract.js';
import { anthropicProfile } from './anthropic.js';
import { customProfile } from './custom.js';
import { deepSeekProfile } from './deepseek.js';
import { geminiProfile } from './gemini.js';
import { openAiProfile } from './openai.js';
import { openRouterProfile } from './openrouter.js';
import type { ProviderProfile } from './profile.js';

export const BUILT_IN_PROFILES: readonly ProviderProfile[] = Object.freeze([anthropicProfile, openAiProfile, openRouterProfile, deepSeekProfile, geminiProfile]);

export class ProviderRegistry {
  private readonly byId = new Map<string, ProviderProfile>();
  private readonly byRoute = new Map<string, ProviderProfile>();

  /**
   * `builtIns` are the profiles shipped with the app (tests may add one); `custom` the names of
   * the user's own providers. A custom name equal to a built-in id is the built-in one.
   */
  constructor(
    readonly builtIns: readonly ProviderProfile[] = BUILT_IN_PROFILES,
    custom: readonly Pick<CustomProvider, 'name'>[] = [],
  ) {
    for (const p of builtIns) this.add(p);
    for (const c of custom) if (!this.byId.has(c.name)) this.add(customProfile(c));
  }

  private add(profile: ProviderProfile): void {
    if (this.byId.has(profile.id)) throw new Error(`two provider profiles have the id "${profile.id}"`);
    if (this.byRoute.has(profile.route)) throw new Error(`two provider profiles have the route "/${profile.route}"`);
    this.byId.set(profile.id, profile);
    this.byRoute.set(profile.route, profile);
  }

  /** Built-in profiles first, in their order, then custom ones. */
  all(): ProviderProfile[] {
    return [...this.byId.values()];
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  get(id: string): ProviderProfile | undefined {
    return this.byId.get(id);
  }

  /** The profile at /<route>/…: a built-in route name, or `p/<name>`. */
  atRoute(route: string): ProviderProfile | undefined {
    return this.byRoute.get(route);
  }

  isBuiltIn(id: string): boolean {
    return this.builtIns.some((p) => p.id === id);
  }

  /** The profile of a known provider, or a bad_request naming the known ones. */
  require(id: string, what = 'provider'): ProviderProfile {
    const found = this.byId.get(id.trim().toLowerCase());
    if (!found) throw new ApiError('bad_request', unknownProvider(id, this.ids(), what));
    return found;
  }

  /** Providers whose own reports can be polled. */
  polled(): ProviderProfile[] {
    return this.all().filter((p) => p.reports !== null);
  }
}

/** The message for a provider name Tokentally does not know, listing the ones it does. */
export function unknownProvider(name: string, known: readonly string[], what = 'provider'): string {
  return `unknown ${what} "${name}": known providers are ${known.join(', ')} (add your own OpenAI-compatible provider in Settings)`;
}

/** The built-in registry: built-in profiles only. */
export const BUILT_IN_REGISTRY = new ProviderRegistry();
