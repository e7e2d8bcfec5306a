/**
 * /etc/passwd of a host: the lab users plus Debian's system accounts. Postfix's
 * local_recipient_maps (proxy:unix:passwd.byname) and Dovecot's userdb read it.
 */

export const DEBIAN_SYSTEM_ACCOUNTS = [
  '_apt', 'backup', 'bin', 'daemon', 'dovecot', 'dovenull', 'games', 'irc', 'list', 'lp', 'mail', 'man',
  'messagebus', 'news', 'nobody', 'postfix', 'proxy', 'sync', 'sys', 'systemd-network', 'systemd-timesync',
  'uucp', 'www-data',
];

/**
 * Lab users whose uid a course fixes: the owner of virtual mailboxes, made with
 * "useradd -u 5000 vmail" to match virtual_uid_maps = static:5000 (Postfix's VIRTUAL_README).
 */
const FIXED_UIDS: Record<string, number> = { vmail: 5000 };

export interface Account {
  name: string;
  uid: number;
  home: string;
  /** A lab user (uid >= 1000) rather than a system account. */
  human: boolean;
}

export class Accounts {
  private byName = new Map<string, Account>();

  constructor(users: readonly string[], system: readonly string[] = DEBIAN_SYSTEM_ACCOUNTS) {
    this.add({ name: 'root', uid: 0, home: '/root', human: false });
    let sysUid = 1;
    for (const name of system) if (!this.byName.has(name)) this.add({ name, uid: sysUid++, home: `/nonexistent`, human: false });
    let uid = 1000;
    for (const name of users) {
      if (this.byName.has(name)) continue;
      this.add({ name, uid: FIXED_UIDS[name] ?? uid++, home: `/home/${name}`, human: true });
    }
  }

  private add(a: Account): void {
    this.byName.set(a.name, a);
  }

  /** Looks a user up by name; Unix user names are case-sensitive, Postfix folds to lower case first. */
  get(name: string): Account | undefined {
    return this.byName.get(name);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** Adds a lab user (useradd); returns false when the name is taken. */
  addUser(name: string): boolean {
    if (this.byName.has(name)) return false;
    const uids = [...this.byName.values()].filter((a) => a.human && FIXED_UIDS[a.name] === undefined).map((a) => a.uid);
    this.add({ name, uid: FIXED_UIDS[name] ?? Math.max(999, ...uids) + 1, home: `/home/${name}`, human: true });
    return true;
  }

  list(): Account[] {
    return [...this.byName.values()];
  }
}
