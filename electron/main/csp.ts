/**
 * The Content-Security-Policy of the renderer. The built renderer (Vite, base './') needs only
 * its own scripts and styles; React and recharts set inline style attributes, hence
 * 'unsafe-inline' for styles only. The dev server additionally needs the inline React-refresh
 * preamble and the HMR websocket, so it gets a looser policy that never ships.
 */
export function contentSecurityPolicy(devUrl: URL | null): string {
  const directives: string[] = [
    "default-src 'self'",
    "img-src 'self' data:",
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ];
  if (devUrl) {
    const ws = `${devUrl.protocol === 'https:' ? 'wss' : 'ws'}://${devUrl.host}`;
    directives[0] = `default-src 'self' ${devUrl.origin}`;
    directives.push(`script-src 'self' 'unsafe-inline' ${devUrl.origin}`, `connect-src 'self' ${devUrl.origin} ${ws}`);
  }
  return directives.join('; ');
}
