/**
 * PLAIN (RFC 4616): one message "authzid NUL authcid NUL password". Without an initial
 * response the server first sends an empty challenge.
 */
import { utf8Text } from './base64';
import { checkPassword, decodeResponse, emptyInitialResponse, protocolFailure, type MechanismEnv } from './mechanism';
import type { SaslExchange, SaslStep } from './types';

export class PlainExchange implements SaslExchange {
  readonly mechanism = 'PLAIN';
  private done = false;

  constructor(private readonly env: MechanismEnv) {}

  start(initial?: string): SaslStep {
    if (initial === undefined) return { kind: 'challenge', data: '' };
    return this.respond(initial, true);
  }

  next(response: string): SaslStep {
    return this.respond(response, false);
  }

  private respond(text: string, initial: boolean): SaslStep {
    if (this.done) return protocolFailure(this.env);
    this.done = true;
    const bytes = decodeResponse(this.env, text, initial);
    if (!(bytes instanceof Uint8Array)) return bytes;
    if (initial && bytes.length === 0) {
      const empty = emptyInitialResponse(this.env);
      if (empty) return empty;
    }
    const parts = utf8Text(bytes).split('\0');
    if (parts.length !== 3) return protocolFailure(this.env);
    const [authzid, authcid, password] = parts;
    if (authcid === '') return protocolFailure(this.env);
    // Logging in as somebody else needs a master user; the lab has none.
    if (authzid !== '' && authzid !== authcid) return protocolFailure(this.env, authcid);
    return checkPassword(this.env, authcid, password);
  }
}
