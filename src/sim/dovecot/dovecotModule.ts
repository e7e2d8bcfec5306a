/**
 * Plugs Dovecot and SASL into the world: every host whose scenario says `dovecot` runs one
 * (listeners on 110/143 as its `protocols` say), mail present at the start is put into the
 * mailboxes, and Postfix's smtpd gets its SASL server — Dovecot's auth service through
 * private/auth (smtpd_sasl_type = dovecot) or Cyrus SASL (smtpd_sasl_type = cyrus).
 */
import type { SimHost } from '../host/simHost';
import { cyrusSaslServer } from '../sasl/cyrusSasl';
import type { SaslServer } from '../sasl/types';
import { registerPostfixExtension, registerServiceStarter } from '../services';
import { Dovecot } from './dovecot';
import { seedMailbox } from './seedMailboxes';

const dovecotByHost = new WeakMap<SimHost, Dovecot>();

/** The Dovecot a host runs, if any. */
export function dovecotOf(host: SimHost): Dovecot | undefined {
  return dovecotByHost.get(host);
}

registerServiceStarter((host) => {
  const spec = host.spec;
  let dovecot: Dovecot | undefined;
  if (spec.dovecot) {
    dovecot = new Dovecot(host, { conf: spec.dovecot.conf, users: spec.sasl ?? [], tables: spec.sql });
    dovecotByHost.set(host, dovecot);
    host.fs.write('/etc/dovecot/users', dovecotUsersFile(spec.sasl ?? []));
    if (spec.dovecot.conf !== undefined) host.fs.write('/etc/dovecot/dovecot.conf', spec.dovecot.conf);
    const d = dovecot;
    host.services.push({ listeners: () => d.listeners() });
  }
  seedHostMailboxes(host, dovecot);
});

/** The lab's passwd-file: "user:{PLAIN}password:uid:gid::home". */
function dovecotUsersFile(users: readonly { user: string; password: string }[]): string {
  return users.map((u, i) => `${u.user}:{PLAIN}${u.password}:${1000 + i}:${1000 + i}::/home/${u.user}\n`).join('');
}

/** Mail present at the start: through Dovecot's mail_location when it runs, else into mbox files. */
function seedHostMailboxes(host: SimHost, dovecot: Dovecot | undefined): void {
  const { mailboxes, uidvalidity } = host.spec;
  if (!mailboxes) return;
  if (dovecot) {
    dovecot.seed(mailboxes, uidvalidity);
    return;
  }
  for (const [key, messages] of Object.entries(mailboxes)) {
    const slash = key.indexOf('/');
    const path = key.startsWith('/') ? key : slash < 0 ? `/var/mail/${key}` : `/home/${key.slice(0, slash)}/mail/${key.slice(slash + 1)}`;
    seedMailbox(host.store.open(path, 'mbox'), messages, host.startEpoch, uidvalidity);
  }
}

registerPostfixExtension((host, setup) => ({
  ...setup,
  sasl: (_postfix, config) => postfixSasl(host, config.get('smtpd_sasl_type'), config.get('myhostname')),
}));

function postfixSasl(host: SimHost, type: string, myhostname: string): SaslServer | undefined {
  if (type === 'dovecot') return dovecotOf(host)?.saslServer();
  if (type !== 'cyrus') return undefined;
  return cyrusSaslServer({
    confText: host.spec.cyrus_sasl_conf,
    users: host.spec.sasl ?? [],
    hostname: myhostname,
    tables: host.spec.sql,
    rng: host.rng.fork('cyrus-sasl'),
    epochNow: () => host.epochNow(),
  });
}
