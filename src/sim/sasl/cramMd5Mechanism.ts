/**
 * CRAM-MD5 (RFC 2195): the server sends a challenge "<random.time@host>", the client answers
 * "user HEXDIGEST" where the digest is HMAC-MD5 of the challenge keyed with the password. The
 * password never crosses the wire, which is why the server must store it in clear text.
 */
import { base64OfText, utf8Bytes, utf8Text } from './base64';
import { hmacMd5 } from './hmacMd5';
import { checkPasswordDigest } from './cramMd5Check';
import { decodeResponse, protocolFailure, type MechanismEnv } from './mechanism';
import { toHex } from './md5';
import type { SaslExchange, SaslStep } from './types';

/** The digest a client computes for `challenge` with `password`. */
export function cramMd5Digest(challenge: string, password: string): string {
  return toHex(hmacMd5(utf8Bytes(password), utf8Bytes(challenge)));
}

export class CramMd5Exchange implements SaslExchange {
  readonly mechanism = 'CRAM-MD5';
  private challenge?: string;
  private done = false;

  constructor(private readonly env: MechanismEnv) {}

  /** An initial response makes no sense here (the client has not seen the challenge yet). */
  start(initial?: string): SaslStep {
    if (initial !== undefined && initial !== '=' && initial !== '') {
      this.done = true;
      return protocolFailure(this.env);
    }
    this.challenge = this.env.cramChallenge();
    return { kind: 'challenge', data: base64OfText(this.challenge) };
  }

  next(response: string): SaslStep {
    if (this.done || this.challenge === undefined) return protocolFailure(this.env);
    this.done = true;
    const bytes = decodeResponse(this.env, response, false);
    if (!(bytes instanceof Uint8Array)) return bytes;
    const text = utf8Text(bytes);
    // The user name may contain spaces: the digest follows the last one.
    const space = text.lastIndexOf(' ');
    if (space <= 0 || text.includes('\0')) return protocolFailure(this.env);
    return checkPasswordDigest(this.env, text.slice(0, space), text.slice(space + 1), this.challenge);
  }
}
