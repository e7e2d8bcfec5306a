/**
 * What a mechanism needs from the server running it, and the parts every mechanism shares:
 * decoding the client's base64 the way the implementation judges it, cancelling on "*", and
 * the failure texts each implementation gives.
 */
import type { PasswordLookup } from './backend';
import type { Base64Result } from './base64';
import type { SaslStep } from './types';

export type SaslFlavor = 'dovecot' | 'cyrus';

export interface MechanismEnv {
  readonly flavor: SaslFlavor;
  decode(text: string): Base64Result;
  /** Looks the user up (after the server's username rules) in the back end. */
  lookup(user: string): PasswordLookup;
  /** Compares a password with the stored one. */
  matches(lookup: PasswordLookup, password: string): boolean;
  /** The plain secret, for mechanisms that compute a digest with it (CRAM-MD5). */
  secret(lookup: PasswordLookup): string | undefined;
  /** A fresh CRAM-MD5 challenge: "<digits.time@host>". */
  cramChallenge(): string;
}

/** The texts Cyrus' sasl_errstring gives for the results a mechanism can end with. */
export const CYRUS_ERRORS = {
  badprot: 'bad protocol / cancel',
  continue: 'another step is needed in authentication',
  fail: 'generic failure',
  badauth: 'authentication failure',
  nouser: 'user not found',
} as const;

export type Failure = Extract<SaslStep, { kind: 'failure' }>;

/** A response the client sent: decoded bytes, or the failure that ends the exchange. */
export function decodeResponse(env: MechanismEnv, text: string, initial: boolean): Uint8Array | Failure {
  if (!initial && text === '*') return { kind: 'failure', reason: 'cancelled' };
  // "=" is an empty initial response (RFC 4954); Dovecot takes "" the same way, as Exim sends it.
  if (initial && (text === '=' || text === '')) return new Uint8Array(0);
  const result = env.decode(text);
  if (result.ok) return result.bytes;
  const message =
    env.flavor === 'dovecot'
      ? `Invalid base64 data in ${initial ? 'initial' : 'continued'} response`
      : CYRUS_ERRORS[result.error];
  return { kind: 'failure', reason: 'malformed', message };
}

/** The verdict on a user and password, as success or the failure each implementation reports. */
export function checkPassword(env: MechanismEnv, user: string, password: string): SaslStep {
  const lookup = env.lookup(user);
  const audit = { backend: lookup.backend, ...(lookup.query !== undefined ? { query: lookup.query } : {}) };
  if (lookup.found && env.matches(lookup, password)) return { kind: 'success', user: lookup.user, ...audit };
  // Cyrus' password check (sasl_checkpass) says "authentication failure" for a wrong password
  // and for a user its store does not have alike (recorded with sasldb: smtp-cyrus-plain-unknown-user).
  return { kind: 'failure', reason: 'bad-credentials', user, ...audit, ...(env.flavor === 'cyrus' ? { message: CYRUS_ERRORS.badauth } : {}) };
}

/**
 * An empty initial response ("AUTH PLAIN =") to a mechanism that needs the client's data: Cyrus
 * wants another step and Postfix gives up with that text.
 */
export function emptyInitialResponse(env: MechanismEnv): Failure | undefined {
  return env.flavor === 'cyrus' ? { kind: 'failure', reason: 'malformed', message: CYRUS_ERRORS.continue } : undefined;
}

/** Cyrus says why a secret lookup failed; Dovecot's auth server keeps it to itself (the log has it). */
export function cyrusMessage(env: MechanismEnv, lookup: PasswordLookup): { message?: string } {
  if (env.flavor !== 'cyrus') return {};
  return { message: lookup.found ? CYRUS_ERRORS.badauth : CYRUS_ERRORS.nouser };
}

/** A failure for a message that decoded but makes no sense to the mechanism. */
export function protocolFailure(env: MechanismEnv, user?: string): Failure {
  return {
    kind: 'failure',
    reason: 'bad-credentials',
    ...(user !== undefined ? { user } : {}),
    ...(env.flavor === 'cyrus' ? { message: CYRUS_ERRORS.badprot } : {}),
  };
}
