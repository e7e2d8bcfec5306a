/**
 * Messages as Dovecot serves them: the store keeps LF line ends, the wire and every size Dovecot
 * reports use CRLF (RFC822.SIZE, POP3 LIST and octets), counted in bytes of UTF-8.
 */
import { utf8Length } from '../core/utf8Length';

/** The text with every line ending in CRLF (a lone LF or CR becomes CRLF). */
export function toCrlf(text: string): string {
  return text.replace(/\r\n|\r|\n/g, '\r\n');
}

/** Bytes of a text in UTF-8: what a size on the wire counts. */
export function byteLength(text: string): number {
  return utf8Length(text);
}

/** A message's size on the wire: its text with CRLF line ends. */
export function wireSize(text: string): number {
  return byteLength(toCrlf(text));
}

/** Splits wire text into the lines a connection carries (the final CRLF ends the last line). */
export function wireLines(text: string): string[] {
  const lines = text.split('\r\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
