/**
 * Base64 as the two SASL implementations judge it. A client's response is malformed for one and
 * fine for the other in a few corners, and a student typing base64 by hand finds them all:
 *
 * - Dovecot (lib/base64.c): spaces, tabs, CR and LF are skipped anywhere; the text must end on a
 *   whole group, so "YWI" (no padding) is malformed; only "=" or "==" may pad a group of 3 or 2
 *   characters, and nothing but white space may follow the padding.
 * - Cyrus SASL (sasl_decode64): no white space at all; groups of exactly four characters; "="
 *   only at the end of the last group; a trailing partial group is SASL_CONTINUE ("another step
 *   is needed"), which Postfix treats as an error like the others.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUES = new Map([...ALPHABET].map((c, i) => [c, i]));

export type Base64Result = { ok: true; bytes: Uint8Array } | { ok: false; error: Base64Error };

/** Cyrus' result codes for a bad text: SASL_BADPROT, SASL_CONTINUE, SASL_FAIL. */
export type Base64Error = 'badprot' | 'continue' | 'fail';

export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
    out += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? ALPHABET[n & 63] : '=';
  }
  return out;
}

const isBlank = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';

/** Decodes as Dovecot's auth server does (base64_decode with no flags). */
export function decodeBase64Dovecot(text: string): Base64Result {
  const values: number[] = [];
  let i = 0;
  for (; i < text.length; i++) {
    const c = text[i];
    const v = VALUES.get(c);
    if (v !== undefined) values.push(v);
    else if (c === '=') break;
    else if (!isBlank(c)) return { ok: false, error: 'badprot' };
  }
  const partial = values.length % 4;
  if (i < text.length) {
    // Padding: "==" after two characters of a group, "=" after three, then only white space.
    const needed = partial === 2 ? 2 : partial === 3 ? 1 : 0;
    if (needed === 0) return { ok: false, error: 'badprot' };
    let seen = 0;
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === '=' && seen < needed) seen++;
      else if (!isBlank(c)) return { ok: false, error: 'badprot' };
    }
    if (seen < needed) return { ok: false, error: 'badprot' };
  } else if (partial !== 0) {
    return { ok: false, error: 'badprot' };
  }
  return { ok: true, bytes: fromSextets(values) };
}

/** Decodes as Cyrus SASL's sasl_decode64 does (what Postfix uses with smtpd_sasl_type = cyrus). */
export function decodeBase64Cyrus(text: string): Base64Result {
  if (text.startsWith('\r')) return { ok: false, error: 'fail' };
  const values: number[] = [];
  let sawEqual = false;
  let i = 0;
  for (; i + 4 <= text.length; i += 4) {
    if (sawEqual) return { ok: false, error: 'badprot' };
    const [a, b, c, d] = text.slice(i, i + 4);
    const va = VALUES.get(a);
    const vb = VALUES.get(b);
    const vc = c === '=' ? undefined : VALUES.get(c);
    const vd = d === '=' ? undefined : VALUES.get(d);
    if (va === undefined || vb === undefined) return { ok: false, error: 'badprot' };
    if ((c !== '=' && vc === undefined) || (d !== '=' && vd === undefined)) return { ok: false, error: 'badprot' };
    if (c === '=' && d !== '=') return { ok: false, error: 'badprot' };
    if (c === '=' || d === '=') sawEqual = true;
    values.push(va, vb);
    if (vc !== undefined) values.push(vc);
    if (vd !== undefined) values.push(vd);
  }
  if (i < text.length) return { ok: false, error: sawEqual ? 'badprot' : 'continue' };
  return { ok: true, bytes: fromSextets(values) };
}

/** Packs 6-bit values into bytes; a trailing group of 2 or 3 values gives 1 or 2 bytes. */
function fromSextets(values: number[]): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < values.length; i += 4) {
    const [a, b, c, d] = [values[i], values[i + 1], values[i + 2], values[i + 3]];
    out.push(((a << 2) | (b >> 4)) & 0xff);
    if (c !== undefined) out.push(((b << 4) | (c >> 2)) & 0xff);
    if (d !== undefined) out.push(((c << 6) | d) & 0xff);
  }
  return Uint8Array.from(out);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** UTF-8 bytes of a text (user names and passwords travel as UTF-8). */
export function utf8Bytes(text: string): Uint8Array {
  return encoder.encode(text);
}

export function utf8Text(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** Base64 of a text's UTF-8 bytes: what a client sends, what a LOGIN prompt looks like. */
export function base64OfText(text: string): string {
  return encodeBase64(utf8Bytes(text));
}
