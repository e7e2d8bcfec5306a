/**
 * A next-hop destination as Postfix writes it: "example.net" (MX lookup), "[mx.example.net]"
 * (no MX lookup), "[192.0.2.1]:2525", "example.net:587".
 */

export interface Nexthop {
  host: string;
  port: number;
  /** False for [bracketed] destinations: connect to the host itself, no MX lookup. */
  mxLookup: boolean;
  /** The host is an IP address literal. */
  literal: boolean;
}

export function parseNexthop(text: string, defaultPort = 25): Nexthop {
  let t = text.trim();
  let port = defaultPort;
  let mxLookup = true;
  if (t.startsWith('[')) {
    const close = t.indexOf(']');
    const host = close > 0 ? t.slice(1, close) : t.slice(1);
    const rest = close > 0 ? t.slice(close + 1) : '';
    if (rest.startsWith(':') && /^\d+$/.test(rest.slice(1))) port = Number(rest.slice(1));
    mxLookup = false;
    t = host.replace(/^ipv6:/i, '');
    return { host: t, port, mxLookup, literal: /^[\d.]+$/.test(t) || t.includes(':') };
  }
  const m = /^(.*):(\d+)$/.exec(t);
  if (m && !m[1].includes(':')) {
    t = m[1];
    port = Number(m[2]);
  }
  return { host: t, port, mxLookup, literal: /^[\d.]+$/.test(t) };
}
