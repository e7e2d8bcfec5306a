/**
 * The Dovecot settings the simulator acts on, read from `doveconf -n` text with the defaults of
 * Debian 12's dovecot-core 2.3.19 for whatever the text leaves out (`doveconf -a` shows them).
 */
import { findSections, parseDoveconf, type ConfProblem, type ConfSection } from './doveconf';

export interface DbSpec {
  driver: string;
  args: string;
}

export interface DovecotSettings {
  /** imap, pop3, lmtp; empty for "protocols = none" (only the auth service runs). */
  protocols: string[];
  /** Addresses to listen on; "*" is every IPv4 address, "::" every IPv6 one. */
  listen: string[];
  authMechanisms: string[];
  disablePlaintextAuth: boolean;
  /** no, yes or required. */
  ssl: string;
  mailLocation: string;
  firstValidUid: number;
  pop3UidlFormat: string;
  pop3LogoutFormat: string;
  imapLogoutFormat: string;
  loginGreeting: string;
  authUsernameFormat: string;
  /** auth_failure_delay, in ms. */
  authFailureDelayMs: number;
  passdbs: DbSpec[];
  userdbs: DbSpec[];
  /** unix_listener paths of `service auth` (Postfix's private/auth socket). */
  authListeners: string[];
  problems: ConfProblem[];
  /** Every top-level setting as written, for doveconf -n in the shell. */
  raw: Record<string, string>;
}

export const DEBIAN_DEFAULTS = {
  protocols: 'imap pop3',
  listen: '*, ::',
  auth_mechanisms: 'plain',
  disable_plaintext_auth: 'yes',
  ssl: 'yes',
  mail_location: 'mbox:~/mail:INBOX=/var/mail/%u',
  first_valid_uid: '500',
  pop3_uidl_format: '%08Xu%08Xv',
  pop3_logout_format: 'top=%t/%p, retr=%r/%b, del=%d/%m, size=%s',
  imap_logout_format:
    'in=%i out=%o deleted=%{deleted} expunged=%{expunged} trashed=%{trashed} hdr_count=%{fetch_hdr_count} hdr_bytes=%{fetch_hdr_bytes} body_count=%{fetch_body_count} body_bytes=%{fetch_body_bytes}',
  login_greeting: 'Dovecot (Debian) ready.',
  auth_username_format: '%Lu',
  auth_failure_delay: '2 secs',
} as const;

export function dovecotSettings(text: string | undefined): DovecotSettings {
  const { root, problems } = parseDoveconf(text);
  const get = (key: keyof typeof DEBIAN_DEFAULTS): string => root.settings[key] ?? DEBIAN_DEFAULTS[key];
  const protocols = words(get('protocols')).filter((p) => p !== 'none');
  return {
    protocols,
    listen: get('listen').split(/[\s,]+/).filter(Boolean),
    authMechanisms: words(get('auth_mechanisms')).map((m) => m.toUpperCase()),
    disablePlaintextAuth: isYes(get('disable_plaintext_auth')),
    ssl: get('ssl').toLowerCase(),
    mailLocation: get('mail_location'),
    firstValidUid: Number(get('first_valid_uid')) || 0,
    pop3UidlFormat: get('pop3_uidl_format'),
    pop3LogoutFormat: get('pop3_logout_format'),
    imapLogoutFormat: get('imap_logout_format'),
    loginGreeting: get('login_greeting'),
    authUsernameFormat: get('auth_username_format'),
    authFailureDelayMs: parseSeconds(get('auth_failure_delay')) * 1000,
    passdbs: dbs(root, 'passdb'),
    userdbs: dbs(root, 'userdb'),
    authListeners: authListeners(root),
    problems,
    raw: { ...root.settings },
  };
}

function words(value: string): string[] {
  return value.split(/\s+/).filter(Boolean);
}

function isYes(value: string): boolean {
  return /^(yes|y|1|true)$/i.test(value.trim());
}

/** "2 secs", "2s", "500 msecs" -> seconds. */
function parseSeconds(value: string): number {
  const m = /^(\d+)\s*(ms|msecs?|s|secs?|m|mins?)?$/i.exec(value.trim());
  if (!m) return 2;
  const n = Number(m[1]);
  const unit = (m[2] ?? 's').toLowerCase();
  if (unit.startsWith('ms')) return n / 1000;
  if (unit.startsWith('m')) return n * 60;
  return n;
}

function dbs(root: ConfSection, type: string): DbSpec[] {
  return root.sections
    .filter((s) => s.type === type)
    .map((s) => ({ driver: s.settings.driver ?? '', args: s.settings.args ?? '' }));
}

function authListeners(root: ConfSection): string[] {
  const auth = root.sections.filter((s) => s.type === 'service' && s.name === 'auth');
  return auth.flatMap((s) => findSections(s, 'unix_listener').map((l) => l.name));
}
