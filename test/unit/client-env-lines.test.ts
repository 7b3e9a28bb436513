import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_REGISTRY, providerInfo } from '../../shared/providers/index.js';
import { clientEnvLines, envLine, providerBaseUrl } from '../../shared/providers/client-env-lines.js';

const PROXY = 'http://127.0.0.1:8787';
const info = (id: string) => providerInfo(BUILT_IN_REGISTRY.get(id)!);

describe('copy-paste lines from the provider profiles', () => {
  it('says the same variable in each shell', () => {
    const url = `${PROXY}/anthropic`;
    expect(envLine('posix', 'ANTHROPIC_BASE_URL', url)).toBe(`export ANTHROPIC_BASE_URL=${url}`);
    expect(envLine('fish', 'ANTHROPIC_BASE_URL', url)).toBe(`set -gx ANTHROPIC_BASE_URL ${url}`);
    expect(envLine('powershell', 'ANTHROPIC_BASE_URL', url)).toBe(`$env:ANTHROPIC_BASE_URL = "${url}"`);
  });

  it('takes each provider’s variables and paths from its profile', () => {
    expect(clientEnvLines(info('anthropic'), PROXY, 'posix').map((l) => l.line)).toEqual([`export ANTHROPIC_BASE_URL=${PROXY}/anthropic`]);
    expect(clientEnvLines(info('openai'), PROXY, 'fish').map((l) => l.line)).toEqual([`set -gx OPENAI_BASE_URL ${PROXY}/openai/v1`]);
    expect(clientEnvLines(info('gemini'), `${PROXY}/`, 'powershell').map((l) => l.line)).toEqual([`$env:GOOGLE_GEMINI_BASE_URL = "${PROXY}/gemini"`]);
    expect(clientEnvLines(info('deepseek'), PROXY, 'posix').map((l) => l.line)).toEqual([
      `export OPENAI_BASE_URL=${PROXY}/deepseek`,
      `export ANTHROPIC_BASE_URL=${PROXY}/deepseek/anthropic`,
    ]);
  });

  it('puts a tag in the path, encoded, and quotes what a shell would split', () => {
    expect(providerBaseUrl(PROXY, 'anthropic', ' my-agent ')).toBe(`${PROXY}/t/my-agent/anthropic`);
    expect(clientEnvLines(info('openai'), PROXY, 'posix', 'night batch').map((l) => l.line)).toEqual([`export OPENAI_BASE_URL=${PROXY}/t/night%20batch/openai/v1`]);
    expect(envLine('posix', 'X', "it's $HOME")).toBe(`export X='it'\\''s $HOME'`);
    expect(envLine('powershell', 'X', 'a"$b`')).toBe('$env:X = "a`"`$b``"');
  });
});

/** What the shell itself makes of a line: the variable's value after running it. */
function runIn(shell: 'bash' | 'fish', line: string, name: string): string {
  const script = shell === 'bash' ? `${line}\nprintf '%s' "$${name}"` : `${line}\nprintf '%s' $${name}`;
  return execFileSync(shell, ['-c', script], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME } });
}

describe('the lines work when pasted', () => {
  const value = `${PROXY}/t/it's a $test/anthropic`;
  it('in bash', () => {
    expect(runIn('bash', envLine('posix', 'ANTHROPIC_BASE_URL', value), 'ANTHROPIC_BASE_URL')).toBe(value);
    for (const l of clientEnvLines(info('openai'), PROXY, 'posix', 'night batch')) expect(runIn('bash', l.line, l.name)).toBe(l.value);
  });
  it.skipIf(!hasShell('fish'))('in fish', () => {
    expect(runIn('fish', envLine('fish', 'ANTHROPIC_BASE_URL', value), 'ANTHROPIC_BASE_URL')).toBe(value);
    for (const l of clientEnvLines(info('deepseek'), PROXY, 'fish', 'my-agent')) expect(runIn('fish', l.line, l.name)).toBe(l.value);
  });
});

function hasShell(name: string): boolean {
  try {
    execFileSync(name, ['-c', 'true']);
    return true;
  } catch {
    return false;
  }
}
