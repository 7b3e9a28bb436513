/**
 * A sandboxed preload can only require('electron'), not our modules, so the main process hands it
 * the method list on its command line (webPreferences.additionalArguments). The preload parses
 * it back with the same flag and name rule (a test runs the real preload against this).
 */
const PRELOAD_METHODS_FLAG = '--tt-methods=';
const METHOD_NAME_PATTERN = /^[a-zA-Z]+$/;

export function preloadArguments(methods: readonly string[]): string[] {
  for (const m of methods) {
    if (!METHOD_NAME_PATTERN.test(m)) throw new Error(`API method name not allowed on the preload command line: "${m}"`);
  }
  return [`${PRELOAD_METHODS_FLAG}${methods.join(',')}`];
}
