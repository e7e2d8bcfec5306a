/**
 * valid_hostname() and valid_mailhost_literal(): the syntax Postfix accepts where a host name
 * is expected (the ETRN argument). A name is labels of letters, digits and "_" (with "-" inside
 * a label), at most 63 characters each, joined by single dots, no trailing dot, at most 255
 * characters, and not all digits (that would be an address); a literal is [1.2.3.4] or
 * [IPv6:...].
 */
import { parseIpv4, parseIpv6 } from '../core/ip';

export function validHostname(name: string): boolean {
  if (name === '' || name.length > 255) return false;
  let labelLength = 0;
  let nonNumeric = false;
  for (let i = 0; i < name.length; i++) {
    const ch = name[i];
    const last = i === name.length - 1;
    if (/[A-Za-z0-9_]/.test(ch)) {
      if (++labelLength > 63) return false;
      if (!/[0-9]/.test(ch)) nonNumeric = true;
    } else if (ch === '.') {
      if (labelLength === 0 || last) return false;
      labelLength = 0;
    } else if (ch === '-') {
      nonNumeric = true;
      if (++labelLength === 1 || last || name[i + 1] === '.') return false;
    } else {
      return false;
    }
  }
  return nonNumeric;
}

export function validMailhostLiteral(text: string): boolean {
  const m = /^\[(.*)\]$/.exec(text);
  if (!m) return false;
  const inner = m[1];
  if (/^ipv6:/i.test(inner)) return parseIpv6(inner.slice(5)) !== undefined;
  return parseIpv4(inner) !== undefined;
}
