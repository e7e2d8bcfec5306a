/**
 * Strings in responses as Dovecot writes them: NIL, a quoted string when it can be one, a
 * literal otherwise (CR, LF, NUL, 8-bit or very long text).
 */
import { byteLength } from './imapBytes';

export function imapQuote(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** Dovecot sends a literal rather than escape quotes or backslashes (and for CR, LF, 8-bit). */
function needsLiteral(value: string): boolean {
  return /["\\\r\n\0]|[^\x00-\x7f]/.test(value) || value.length > 1024;
}

export function imapString(value: string): string {
  return needsLiteral(value) ? `{${byteLength(value)}}\r\n${value}` : imapQuote(value);
}

export function imapNString(value: string | undefined): string {
  return value === undefined ? 'NIL' : imapString(value);
}

/** An astring: an atom when the text is one (mailbox names in LIST and STATUS). */
export function imapAString(value: string): string {
  if (value !== '' && /^[^\s(){%*"\\\]\x00-\x1f\x7f-\uffff]+$/.test(value)) return value;
  return imapString(value);
}
