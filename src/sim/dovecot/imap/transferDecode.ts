/**
 * Content-Transfer-Encoding undone (RFC 2045): quoted-printable and base64 bodies as the bytes
 * they stand for, read as UTF-8 text (BINARY fetches, BODY and TEXT searches).
 */
import { decodeBase64Dovecot } from '../../sasl/base64';
import { headerValue, type MimePart } from './mimeMessage';

export function transferDecode(part: MimePart): string {
  const encoding = (headerValue(part, 'content-transfer-encoding') ?? '7bit').toLowerCase();
  if (encoding === 'base64') {
    const r = decodeBase64Dovecot(part.body.replace(/[^A-Za-z0-9+/=]/g, ''));
    return r.ok ? new TextDecoder().decode(r.bytes) : part.body;
  }
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(part.body);
  return part.body;
}

export function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const soft = text.replace(/=\r\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    const c = soft[i];
    const hex = soft.slice(i + 1, i + 3);
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      for (const b of new TextEncoder().encode(c)) bytes.push(b);
    }
  }
  return new TextDecoder().decode(Uint8Array.from(bytes));
}
