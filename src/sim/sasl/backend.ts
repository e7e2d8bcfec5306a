/**
 * A password back end: where a SASL server finds a user's password. Dovecot reads its
 * passwd-file (or an SQL table), Cyrus SASL its sasldb (or SQL through auxprop); the lab stores
 * passwords in clear text, optionally tagged with a Dovecot scheme ("{PLAIN}secret").
 */
import { utf8Bytes } from './base64';
import { md5, toHex } from './md5';

export interface PasswordLookup {
  /** The user name the lookup used (after username_format, realm, lower-casing). */
  user: string;
  found: boolean;
  /** The stored password as written in the back end, scheme prefix included. */
  stored?: string;
  /** Which back end answered: passwd-file, sasldb, sql... */
  backend: string;
  /** The query that ran (SQL back ends), for the trace. */
  query?: string;
  /** The back end checks passwords but cannot hand the secret out (saslauthd). */
  noSecret?: boolean;
}

export interface SaslBackend {
  readonly name: string;
  lookup(user: string): PasswordLookup;
}

/** The clear-text password of a stored value, when the scheme keeps it (CRAM-MD5 needs it). */
export function plainSecret(stored: string | undefined): string | undefined {
  if (stored === undefined) return undefined;
  const m = /^\{([A-Za-z0-9.-]+)\}(.*)$/s.exec(stored);
  if (!m) return stored;
  const scheme = m[1].toUpperCase();
  return scheme === 'PLAIN' || scheme === 'CLEARTEXT' || scheme === 'CLEAR' ? m[2] : undefined;
}

/** Does `password` match the stored value? Clear text, or an MD5 scheme ({PLAIN-MD5}, {MD5}). */
export function passwordMatches(stored: string | undefined, password: string): boolean {
  if (stored === undefined) return false;
  const plain = plainSecret(stored);
  if (plain !== undefined) return plain === password;
  const m = /^\{([A-Za-z0-9.-]+)\}(.*)$/s.exec(stored);
  if (m && /^(PLAIN-MD5|LDAP-MD5|MD5)$/i.test(m[1])) return toHex(md5(utf8Bytes(password))) === m[2].toLowerCase();
  return false;
}
