/** Every IANA zone the runtime knows, for zone pickers (empty where the runtime cannot list them). */
export function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}
