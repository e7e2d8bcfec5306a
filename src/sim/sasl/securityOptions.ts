/**
 * smtpd_sasl_security_options: which of a server's mechanisms Postfix may offer. Each SASL
 * implementation describes its mechanisms by security properties, and the two describe them
 * the other way round:
 *
 * - Dovecot's auth service lists what a mechanism is ("MECH PLAIN plaintext", "MECH CRAM-MD5
 *   dictionary active"); Postfix's xsasl_dovecot drops a mechanism that has a property the
 *   options refuse (noplaintext drops plaintext ones, noactive the active-attackable ones, ...).
 * - Cyrus SASL lists what a mechanism resists (SASL_SEC_NOPLAINTEXT, SASL_SEC_NOANONYMOUS, ...);
 *   sasl_listmech() keeps a mechanism only if it has every property the options ask for.
 *
 * So "noanonymous, noplaintext" leaves CRAM-MD5 under both, and nothing at all when only PLAIN
 * and LOGIN are configured: smtpd then stops with "fatal: no SASL authentication mechanisms".
 */
import type { SaslFlavor } from './mechanism';
import type { SaslServer } from './types';

type Option = 'noplaintext' | 'noactive' | 'nodictionary' | 'noanonymous' | 'mutual_auth' | 'forward_secrecy';

/** Dovecot's mechanism flags (src/auth/mech-*.c), as option names they conflict with. */
const DOVECOT_CONFLICTS: Record<string, readonly Option[]> = {
  PLAIN: ['noplaintext'],
  LOGIN: ['noplaintext'],
  'CRAM-MD5': ['nodictionary', 'noactive'],
};

/** Cyrus' security_flags of each mechanism plugin: the options a mechanism satisfies. */
const CYRUS_SATISFIES: Record<string, readonly Option[]> = {
  PLAIN: ['noanonymous'],
  LOGIN: ['noanonymous'],
  'CRAM-MD5': ['noanonymous', 'noplaintext'],
};

const OPTIONS: readonly Option[] = ['noplaintext', 'noactive', 'nodictionary', 'noanonymous', 'mutual_auth', 'forward_secrecy'];

/** The options of a smtpd_sasl_security_options value ("noanonymous, noplaintext"); unknown words are left out. */
export function parseSecurityOptions(value: string): Option[] {
  return value
    .toLowerCase()
    .split(/[\s,]+/)
    .filter((w): w is Option => (OPTIONS as readonly string[]).includes(w));
}

/** Whether a mechanism may be offered under the options, by the flavor's rule. */
export function mechanismAllowed(flavor: SaslFlavor, mechanism: string, options: readonly Option[]): boolean {
  const name = mechanism.toUpperCase();
  if (flavor === 'dovecot') {
    const conflicts = DOVECOT_CONFLICTS[name] ?? [];
    return !options.some((o) => conflicts.includes(o));
  }
  const satisfies = CYRUS_SATISFIES[name] ?? [];
  return options.every((o) => satisfies.includes(o));
}

/**
 * The server as smtpd sees it under the options: only the allowed mechanisms are listed and can
 * be started. undefined when none is left ("no SASL authentication mechanisms").
 */
export function withSecurityOptions(server: SaslServer, securityOptions: string): SaslServer | undefined {
  const options = parseSecurityOptions(securityOptions);
  const allowed = server.mechanisms().filter((m) => mechanismAllowed(server.type, m, options));
  if (allowed.length === 0) return undefined;
  if (allowed.length === server.mechanisms().length) return server;
  return {
    ...server,
    mechanisms: () => [...allowed],
    begin: (mechanism, client) => (allowed.includes(mechanism.toUpperCase()) ? server.begin(mechanism, client) : undefined),
  };
}
