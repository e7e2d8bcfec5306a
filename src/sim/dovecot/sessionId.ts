/**
 * Dovecot's session id (login-common, client_get_session_id): the low 48 bits of the time in
 * microseconds, the client's port and its IPv4 address, little-endian, in base64. That is why
 * every id from 127.0.0.1 ends in "/AAAB" (7f 00 00 01).
 */
import { parseIp } from '../core/ip';
import { encodeBase64 } from '../sasl/base64';

export function dovecotSessionId(epochMs: number, micros: number, clientPort: number, clientAddress: string): string {
  const bytes: number[] = [];
  let usecs = BigInt(Math.floor(epochMs)) * 1000n + BigInt(micros % 1000);
  for (let i = 0; i < 6; i++) {
    bytes.push(Number(usecs & 0xffn));
    usecs >>= 8n;
  }
  bytes.push(clientPort & 0xff, (clientPort >> 8) & 0xff);
  const ip = parseIp(clientAddress);
  bytes.push(...(ip ? Array.from(ip.bytes) : [0, 0, 0, 0]));
  return encodeBase64(Uint8Array.from(bytes));
}
