/**
 * The README's Node requirement is what the installed tools need: the lowest Node satisfying the
 * `engines.node` of every installed package the app, the CLI and the tests run on, and, for
 * packaging (`npm run dist`), of electron-builder's whole tree (@electron/rebuild asks for more).
 * Read from the packages' own package.json files, so an upgrade that raises the floor fails here.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const requireHere = createRequire(path.join(ROOT, 'package.json'));
// semver comes with npm's own tools (electron-builder and others depend on it).
const semver = requireHere('semver') as {
  minVersion(range: string): { version: string } | null;
  satisfies(version: string, range: string): boolean;
  gt(a: string, b: string): boolean;
};

interface Manifest {
  name: string;
  version: string;
  engines?: { node?: unknown };
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** The package.json of `name` as Node would find it from `fromDir` (nearest node_modules up). */
function manifestPath(name: string, fromDir: string): string | null {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name, 'package.json');
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return null;
  }
}

/** Every installed package reachable from `names` through dependencies (optional ones when installed). */
function installedTree(names: readonly string[]): Manifest[] {
  const seen = new Map<string, Manifest>();
  const stack = names.map((n) => [n, ROOT] as const);
  while (stack.length > 0) {
    const [name, from] = stack.pop()!;
    const file = manifestPath(name, from);
    if (!file || seen.has(file)) continue;
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
    seen.set(file, manifest);
    for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) stack.push([dep, path.dirname(file)]);
  }
  return [...seen.values()];
}

/** The lowest Node every package's engines range allows, and the packages that set it. */
function nodeFloor(tree: readonly Manifest[]): { version: string; setBy: string[]; unmet: string[] } {
  const ranges = tree.filter((m) => typeof m.engines?.node === 'string').map((m) => ({ who: `${m.name}@${m.version}`, range: m.engines!.node as string }));
  let floor = '0.0.0';
  for (const r of ranges) {
    const min = semver.minVersion(r.range)?.version;
    if (min && semver.gt(min, floor)) floor = min;
  }
  return {
    version: floor,
    setBy: ranges.filter((r) => semver.minVersion(r.range)?.version === floor).map((r) => `${r.who} (${r.range})`),
    unmet: ranges.filter((r) => !semver.satisfies(floor, r.range)).map((r) => `${r.who} (${r.range})`),
  };
}

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest & { devDependencies: Record<string, string> };
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const majorMinor = (v: string) => v.split('.').slice(0, 2).join('.');

describe('the Node version the README asks for', () => {
  // Packaging's tools: electron-builder and its library app-builder-lib (a test reads its config
  // validator) are counted apart, below.
  const packTools = ['electron-builder', 'app-builder-lib'];
  const runTools = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((n) => !packTools.includes(n));
  const run = nodeFloor(installedTree(runTools));
  const pack = nodeFloor(installedTree(packTools));

  it('is what the installed tools need to run, build and test, and package.json says the same', () => {
    expect(run.unmet, `no single floor: ${run.unmet.join(', ')}`).toEqual([]);
    expect(pkg.engines?.node).toBe(`>=${majorMinor(run.version)}`);
    expect(readme).toContain(`Requirements: Node.js ${majorMinor(run.version)} or newer`);
  });

  it('says what packaging needs (electron-builder’s tree asks for more)', () => {
    expect(pack.unmet, `no single floor: ${pack.unmet.join(', ')}`).toEqual([]);
    expect(readme, `packaging needs Node ${pack.version}, set by ${pack.setBy.join(', ')}`).toContain(`\`npm run dist\` needs Node.js ${majorMinor(pack.version)} or newer`);
  });
});
