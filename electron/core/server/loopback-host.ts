/**
 * Is a Host header a loopback name? The loopback server answers only these, so a web page on a
 * domain re-pointed at 127.0.0.1 (DNS rebinding) cannot reach the proxy or the API as "same origin".
 * Deliberately strict: no trailing dots, no short or octal IPv4 forms, no *.localhost.
 */
const PORT = /^(?:[1-9]\d{0,4})$/;
const IPV4_OCTET = /^(?:0|[1-9]\d{0,2})$/;

export function isLoopbackHost(host: string | undefined | null): boolean {
  if (typeof host !== 'string' || host.length === 0 || host.length > 300) return false;
  let name: string;
  let port: string | null = null;
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    if (close < 0) return false;
    name = host.slice(1, close).toLowerCase();
    const rest = host.slice(close + 1);
    if (rest !== '') {
      if (!rest.startsWith(':')) return false;
      port = rest.slice(1);
    }
    if (!isLoopbackIpv6(name)) return false;
  } else {
    const colon = host.indexOf(':');
    if (colon >= 0) {
      name = host.slice(0, colon);
      port = host.slice(colon + 1);
    } else {
      name = host;
    }
    if (name.toLowerCase() !== 'localhost' && !isLoopbackIpv4(name)) return false;
  }
  if (port !== null && (!PORT.test(port) || Number(port) > 65535)) return false;
  return true;
}

function isLoopbackIpv4(name: string): boolean {
  const parts = name.split('.');
  if (parts.length !== 4 || parts[0] !== '127') return false;
  return parts.every((p) => IPV4_OCTET.test(p) && Number(p) <= 255);
}

function isLoopbackIpv6(name: string): boolean {
  if (name === '::1' || name === '0:0:0:0:0:0:0:1') return true;
  // IPv4-mapped loopback, e.g. [::ffff:127.0.0.1].
  const mapped = /^::ffff:(.+)$/.exec(name);
  return mapped !== null && isLoopbackIpv4(mapped[1]!);
}
