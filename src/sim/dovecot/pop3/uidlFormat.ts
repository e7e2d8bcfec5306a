/**
 * pop3_uidl_format: Dovecot's var_expand over %v (UIDVALIDITY), %u (UID), %m (header MD5),
 * %f (file name) and %g (GUID), with a width ("%08") and the X modifier (hex, lower case).
 * The default "%08Xu%08Xv" gives "000000016553f100" for UID 1 of UIDVALIDITY 1700000000.
 */
import type { StoredMessage } from '../../mail/mailStore';
import { utf8Bytes } from '../../sasl/base64';
import { md5, toHex } from '../../sasl/md5';

export function formatUidl(format: string, msg: StoredMessage, uidValidity: number): string {
  return format.replace(/%(0?)(\d*)(X?)([vumfg%])/g, (_, zero: string, width: string, hex: string, key: string) => {
    if (key === '%') return '%';
    let value = fieldValue(key, msg, uidValidity);
    if (hex && /^\d+$/.test(value)) value = Number(value).toString(16);
    const w = Number(width || '0');
    return value.padStart(w, zero ? '0' : ' ');
  });
}

function fieldValue(key: string, msg: StoredMessage, uidValidity: number): string {
  switch (key) {
    case 'v':
      return String(uidValidity);
    case 'u':
      return String(msg.uid);
    case 'm':
      return toHex(md5(utf8Bytes(headerPart(msg.text))));
    case 'f':
      return msg.file ?? String(msg.uid);
    default:
      return toHex(md5(utf8Bytes(`${uidValidity}.${msg.uid}`)));
  }
}

function headerPart(text: string): string {
  const end = text.indexOf('\n\n');
  return end < 0 ? text : text.slice(0, end + 1);
}
