/**
 * RFC 2047 encoded words ("=?UTF-8?Q?Caf=C3=A9?=") decoded, so that SEARCH SUBJECT café
 * finds what a mail client shows. UTF-8 and ISO-8859-1 are read; other charsets are left as
 * bytes read as Latin-1.
 */
import { decodeBase64Dovecot } from '../../sasl/base64';

const WORD = /=\?([^?\s]+)\?([QqBb])\?([^?\s]*)\?=/g;

export function decodeEncodedWords(value: string): string {
  // White space between two encoded words is not part of the text.
  const joined = value.replace(/(\?=)\s+(=\?)/g, '$1$2');
  return joined.replace(WORD, (all, charset: string, enc: string, text: string) => {
    const bytes = enc.toUpperCase() === 'B' ? base64Bytes(text) : qBytes(text);
    if (!bytes) return all;
    return decodeCharset(bytes, charset);
  });
}

function base64Bytes(text: string): Uint8Array | undefined {
  const r = decodeBase64Dovecot(text);
  return r.ok ? r.bytes : undefined;
}

function qBytes(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '_') out.push(0x20);
    else if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      out.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(c.charCodeAt(0) & 0xff);
  }
  return Uint8Array.from(out);
}

function decodeCharset(bytes: Uint8Array, charset: string): string {
  if (/^utf-?8$/i.test(charset)) return new TextDecoder().decode(bytes);
  return String.fromCharCode(...bytes);
}
