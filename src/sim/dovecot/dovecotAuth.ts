/**
 * Dovecot's auth service: the passdb (a passwd-file with the lab's users, or an SQL table), the
 * mechanisms of auth_mechanisms, auth_username_format, and the failure delay and penalty it
 * applies to every client: pop3-login, imap-login and Postfix's smtpd (through the
 * unix_listener /var/spool/postfix/private/auth socket).
 */
import type { Rng } from '../core/rng';
import type { SaslUser, SqlTable } from '../scenario/schema';
import { AuthPenalty } from '../sasl/authPenalty';
import type { PasswordLookup, SaslBackend } from '../sasl/backend';
import { PasswdFile } from '../sasl/passwdFile';
import { createSaslServer } from '../sasl/saslServer';
import { SqlPasswordBackend } from '../sasl/sqlTable';
import type { SaslServer } from '../sasl/types';
import type { DbSpec, DovecotSettings } from './dovecotSettings';

export interface DovecotAuthSetup {
  settings: DovecotSettings;
  users: readonly SaslUser[];
  tables?: Record<string, SqlTable>;
  hostname: string;
  rng: Rng;
  now: () => number;
  epochNow: () => number;
}

/** "scheme=PLAIN username_format=%u /etc/dovecot/users" -> options and the file path. */
export function parseDbArgs(args: string): { options: Record<string, string>; path?: string } {
  const options: Record<string, string> = {};
  let path: string | undefined;
  for (const word of args.split(/\s+/).filter(Boolean)) {
    const eq = word.indexOf('=');
    if (eq > 0) options[word.slice(0, eq)] = word.slice(eq + 1);
    else path = word;
  }
  return { options, ...(path !== undefined ? { path } : {}) };
}

export class DovecotAuth {
  readonly penalty = new AuthPenalty();
  readonly backend: SaslBackend;
  readonly server: SaslServer;

  constructor(private readonly setup: DovecotAuthSetup) {
    this.backend = passdbBackend(setup.settings.passdbs[0], setup);
    this.server = createSaslServer({
      type: 'dovecot',
      mechanisms: setup.settings.authMechanisms,
      backend: this.backend,
      rng: setup.rng,
      hostname: setup.hostname,
      epochNow: setup.epochNow,
      now: setup.now,
      usernameFormat: setup.settings.authUsernameFormat,
      penalty: this.penalty,
    });
  }

  /** Does the userdb know this user (can they have mail here)? */
  userExists(user: string): boolean {
    return this.backend.lookup(user).found;
  }
}

function passdbBackend(db: DbSpec | undefined, setup: DovecotAuthSetup): SaslBackend {
  const driver = db?.driver ?? 'passwd-file';
  const { options, path } = parseDbArgs(db?.args ?? '');
  if (driver === 'sql') return new SqlPasswordBackend({ tables: setup.tables ?? {} });
  const file = new PasswdFile(setup.users, path ?? '/etc/dovecot/users');
  const format = options.username_format;
  if (!format || format === '%u') return driverNamed(file, driver);
  return driverNamed(new FormattedBackend(file, format), driver);
}

/** The passdb's own username_format (e.g. %n: look up the local part only). */
class FormattedBackend implements SaslBackend {
  readonly name: string;

  constructor(
    private readonly inner: SaslBackend,
    private readonly format: string,
  ) {
    this.name = inner.name;
  }

  lookup(user: string): PasswordLookup {
    const at = user.lastIndexOf('@');
    const key = this.format
      .replace(/%L?n/g, at >= 0 ? user.slice(0, at) : user)
      .replace(/%L?d/g, at >= 0 ? user.slice(at + 1) : '')
      .replace(/%L?u/g, user);
    return { ...this.inner.lookup(key), user };
  }
}

/** pam, shadow and passwd check the lab users' passwords the same way here. */
function driverNamed(backend: SaslBackend, driver: string): SaslBackend {
  if (backend.name === driver) return backend;
  return { name: driver, lookup: (user) => ({ ...backend.lookup(user), backend: driver }) };
}
