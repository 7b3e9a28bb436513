/**
 * The lines that point a tool at the proxy, from each provider's clientEnv (its profile), for the
 * shell the user pastes them into: bash/zsh `export`, fish `set -gx`, PowerShell `$env:`. With a
 * tag, the URL carries the /t/<tag>/ prefix (for tools that cannot send an X-Tokentally-Tag
 * header). Pure: the Settings page, the first-run screen and the README's examples agree.
 */
import type { ProviderInfo } from '../api/contract-providers.js';

export const SHELLS = [
  { id: 'posix', label: 'bash / zsh' },
  { id: 'fish', label: 'fish' },
  { id: 'powershell', label: 'PowerShell' },
] as const;

export type ShellId = (typeof SHELLS)[number]['id'];

/** One variable set in one shell. Values are quoted where the shell needs it (PowerShell always; the others when not plain). */
export function envLine(shell: ShellId, name: string, value: string): string {
  switch (shell) {
    case 'posix':
      return `export ${name}=${shellQuote(value)}`;
    case 'fish':
      return `set -gx ${name} ${shellQuote(value)}`;
    case 'powershell':
      return `$env:${name} = "${value.replace(/[`"$]/g, '`$&')}"`;
  }
}

/** POSIX and fish: a URL of safe characters as is, anything else in single quotes. */
function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The proxy URL a provider's tools use, behind /t/<tag>/ when a tag is given. */
export function providerBaseUrl(proxyUrl: string, route: string, tag: string | null = null): string {
  const base = proxyUrl.replace(/\/+$/, '');
  const clean = tag?.trim() ?? '';
  return `${base}${clean ? `/t/${encodeURIComponent(clean)}` : ''}/${route}`;
}

export interface EnvLine {
  name: string;
  value: string;
  usedBy: string;
  /** The whole line to paste. */
  line: string;
}

/** Every variable of one provider (ANTHROPIC_BASE_URL for Anthropic, OPENAI_BASE_URL for OpenAI…) in one shell. */
export function clientEnvLines(provider: Pick<ProviderInfo, 'route' | 'clientEnv'>, proxyUrl: string, shell: ShellId, tag: string | null = null): EnvLine[] {
  return provider.clientEnv.map((e) => {
    const value = `${providerBaseUrl(proxyUrl, provider.route, tag)}${e.path}`;
    return { name: e.name, value, usedBy: e.usedBy, line: envLine(shell, e.name, value) };
  });
}
