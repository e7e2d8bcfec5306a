/**
 * Dovecot's passwd-file: "user:password:uid:gid::home" lines. The lab's `sasl` users live here
 * with plain passwords (args = scheme=PLAIN username_format=%u /etc/dovecot/users).
 */
import type { PasswordLookup, SaslBackend } from './backend';

export interface PasswdFileEntry {
  user: string;
  password: string;
}

export class PasswdFile implements SaslBackend {
  readonly name = 'passwd-file';
  private readonly byUser = new Map<string, string>();

  constructor(entries: readonly PasswdFileEntry[], private readonly path = '/etc/dovecot/users') {
    for (const e of entries) if (!this.byUser.has(e.user)) this.byUser.set(e.user, e.password);
  }

  lookup(user: string): PasswordLookup {
    const stored = this.byUser.get(user);
    return { user, found: stored !== undefined, stored, backend: this.name };
  }

  /** The file's text, as `cat /etc/dovecot/users` would show it. */
  text(): string {
    let uid = 1000;
    return [...this.byUser.entries()].map(([u, p]) => `${u}:{PLAIN}${p}:${uid++}:${uid - 1}::/home/${u}\n`).join('');
  }

  get file(): string {
    return this.path;
  }
}
