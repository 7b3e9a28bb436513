/**
 * The URL to start a worker thread's module with. Compiled, the module's .js sits beside its
 * caller. Run from the TypeScript sources (tsx, vitest, the benchmarks), a worker does not inherit
 * the parent's TypeScript loader: a small bootstrap registers tsx's, then loads the .ts module.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/** `base` is the module's path relative to the caller, without extension ('./engine-worker'). */
export function workerScript(callerUrl: string, base: string): URL {
  if (!callerUrl.endsWith('.ts')) return new URL(`${base}.js`, callerUrl);
  // tsx's ESM API (the .mjs beside the .cjs that require() resolves to) registers its loader.
  const tsxApi = pathToFileURL(createRequire(callerUrl).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL(`${base}.ts`, callerUrl).href;
  const bootstrap = `const { register } = await import(${JSON.stringify(tsxApi)}); register(); await import(${JSON.stringify(entry)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`);
}
