/**
 * The server side of a CRAM-MD5 answer: look the user's clear-text secret up and compare the
 * HMAC-MD5 digest the client sent with the one the server computes.
 */
import { utf8Bytes } from './base64';
import { hmacMd5 } from './hmacMd5';
import { cyrusMessage, type MechanismEnv } from './mechanism';
import { toHex } from './md5';
import type { SaslStep } from './types';

export function checkPasswordDigest(env: MechanismEnv, user: string, digest: string, challenge: string): SaslStep {
  const lookup = env.lookup(user);
  const audit = { backend: lookup.backend, ...(lookup.query !== undefined ? { query: lookup.query } : {}) };
  const secret = lookup.found ? env.secret(lookup) : undefined;
  if (secret !== undefined) {
    const expected = toHex(hmacMd5(utf8Bytes(secret), utf8Bytes(challenge)));
    if (expected === digest) return { kind: 'success', user: lookup.user, ...audit };
  }
  return { kind: 'failure', reason: 'bad-credentials', user, ...audit, ...cyrusMessage(env, lookup) };
}
