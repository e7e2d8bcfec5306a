/**
 * Domain names in presentation form. Inside the DNS layer a name is absolute and ends with its
 * final dot ("mail.example.com.", "." for the root); that keeps the root and relative names apart
 * without a separate flag. Comparisons are case-insensitive, as in DNS (RFC 4343).
 */

export const ROOT = '.';

/** The labels of an absolute name, leftmost first; the root has none. */
export function labelsOf(name: string): string[] {
  if (name === ROOT || name === '') return [];
  const body = name.endsWith('.') ? name.slice(0, -1) : name;
  return body.split('.');
}

/** The name with its final dot, e.g. "example.com" -> "example.com.". */
export function absolute(name: string): string {
  if (name === '' || name === ROOT) return ROOT;
  return name.endsWith('.') ? name : `${name}.`;
}

/**
 * A name from a zone file or a record spec made absolute: "@" is the origin, a name without a
 * final dot is relative to the origin.
 */
export function qualify(name: string, origin: string): string {
  if (name === '@') return origin;
  if (name.endsWith('.')) return name;
  return origin === ROOT ? `${name}.` : `${name}.${origin}`;
}

export function canonical(name: string): string {
  return name.toLowerCase();
}

export function sameName(a: string, b: string): boolean {
  return canonical(a) === canonical(b);
}

/** True when `name` is `ancestor` or below it. */
export function isSubdomain(name: string, ancestor: string): boolean {
  const n = canonical(name);
  const a = canonical(ancestor);
  if (a === ROOT) return true;
  return n === a || n.endsWith(`.${a}`);
}

/** The name one label up; the root has no parent. */
export function parentOf(name: string): string | undefined {
  if (name === ROOT || name === '') return undefined;
  const dot = name.indexOf('.');
  const rest = dot < 0 ? '' : name.slice(dot + 1);
  return rest === '' ? ROOT : rest;
}

/** How a name prints without its final dot, as dns_name_format() does ("." stays "."). */
export function withoutFinalDot(name: string): string {
  if (name === ROOT) return ROOT;
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

/** Length of the uncompressed wire form: a length byte per label plus the final zero. */
export function wireLength(name: string): number {
  return labelsOf(name).reduce((sum, label) => sum + 1 + label.length, 1);
}

/** Why a name is not a legal domain name (RFC 1035 limits), or undefined when it is. */
export function nameProblem(name: string): string | undefined {
  if (name === ROOT) return undefined;
  const body = name.endsWith('.') ? name.slice(0, -1) : name;
  if (body === '' || body.split('.').some((l) => l === '')) return 'empty label';
  if (body.split('.').some((l) => l.length > 63)) return 'label too long';
  if (wireLength(absolute(name)) > 255) return 'name too long';
  return undefined;
}

/** A name that looks like an IPv4 address (what BIND warns about as a target). */
export function looksLikeAddress(text: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}\.?$/.test(text);
}

/**
 * DNSSEC canonical order (RFC 4034 section 6.1), the order of a zone transfer: label by label
 * from the right, lower-cased bytes compared, a name before the names below it.
 */
export function compareCanonical(a: string, b: string): number {
  const x = labelsOf(canonical(a)).reverse();
  const y = labelsOf(canonical(b)).reverse();
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  }
  return x.length - y.length;
}
