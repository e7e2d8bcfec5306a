/**
 * Cyrus SASL's sasldb (/etc/sasldb2): secrets stored per user and realm, as saslpasswd2 -c -u
 * REALM USER writes them. Postfix's smtpd looks users up in the realm $myhostname unless the
 * client names another realm ("alice@realm") that exists.
 */
import type { PasswordLookup, SaslBackend } from './backend';

export interface SasldbEntry {
  user: string;
  password: string;
  realm?: string;
}

export class Sasldb implements SaslBackend {
  readonly name = 'sasldb';
  private readonly secrets = new Map<string, string>();
  private readonly realms = new Set<string>();

  constructor(
    entries: readonly SasldbEntry[],
    private readonly defaultRealm: string,
  ) {
    for (const e of entries) {
      const realm = e.realm ?? defaultRealm;
      this.realms.add(realm);
      this.secrets.set(`${e.user}@${realm}`, e.password);
    }
  }

  /**
   * "alice" is alice in the default realm; "alice@realm" names the realm when it exists. The
   * user keeps the name the client gave: that is what Cyrus reports (Postfix's sasl_username).
   */
  lookup(user: string): PasswordLookup {
    const stored = this.secrets.get(this.key(user));
    return { user, found: stored !== undefined, stored, backend: this.name };
  }

  /** The sasldb entry a name refers to: "alice@mail.example.com". */
  key(user: string): string {
    const at = user.lastIndexOf('@');
    const named = at > 0 ? user.slice(at + 1) : undefined;
    return named !== undefined && this.realms.has(named) ? user : `${user}@${this.defaultRealm}`;
  }

  /** `sasldblistusers2` output: "alice@mail.example.com: userPassword". */
  listUsers(): string[] {
    return [...this.secrets.keys()].map((k) => `${k}: userPassword`);
  }
}
