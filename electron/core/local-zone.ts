/**
 * The IANA name of the zone this process's Date runs in, found the way ICU finds it on Linux and
 * macOS (putil.cpp uprv_tzname): the TZ variable when it names a zone, else the zone file the
 * /etc/localtime link points at (…/zoneinfo/Europe/Berlin). Null when neither says for sure (a
 * POSIX rule in TZ, a copied zone file, Windows): then Intl is asked, slower but always right.
 * Used by short-lived commands to read days and clocks without loading Intl (shared/time/zoned.ts
 * useDateForZone).
 */
import fs from 'node:fs';

/** Area/Location names ("Europe/Berlin", "America/Argentina/Buenos_Aires", "Etc/GMT-5") and UTC. */
const ZONE_NAME = /^(UTC|[A-Za-z]+(\/[A-Za-z0-9_+-]+)+)$/;
const ZONEINFO = '/zoneinfo/';

export function processZoneName(env: NodeJS.ProcessEnv = process.env, localtimeLink: () => string = () => fs.readlinkSync('/etc/localtime')): string | null {
  if (env.TZ !== undefined) {
    const name = env.TZ.startsWith(':') ? env.TZ.slice(1) : env.TZ;
    return ZONE_NAME.test(name) ? name : null;
  }
  let target: string;
  try {
    target = localtimeLink();
  } catch {
    return null;
  }
  const at = target.lastIndexOf(ZONEINFO);
  if (at < 0) return null;
  const name = target.slice(at + ZONEINFO.length);
  // posix/ and right/ are other builds of the same zones (right/ counts leap seconds): leave those to Intl.
  return ZONE_NAME.test(name) && !/^(posix|right)\//.test(name) ? name : null;
}
