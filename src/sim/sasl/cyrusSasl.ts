/**
 * Cyrus SASL as Postfix's smtpd runs it (smtpd_sasl_type = cyrus): the mechanisms of mech_list
 * over sasldb (users in the realm $myhostname), an SQL table (auxprop_plugin: sql) or saslauthd
 * (which can check a password but not hand out a secret, so CRAM-MD5 cannot work with it).
 */
import type { Rng } from '../core/rng';
import type { SaslUser, SqlTable } from '../scenario/schema';
import type { PasswordLookup, SaslBackend } from './backend';
import { CYRUS_DEFAULT_ORDER, parseCyrusConf } from './cyrusConf';
import { createSaslServer } from './saslServer';
import { Sasldb } from './sasldb';
import { SqlPasswordBackend } from './sqlTable';
import type { SaslServer } from './types';

export interface CyrusSaslSetup {
  confText?: string;
  users: readonly SaslUser[];
  /** $myhostname: the default realm and the host in CRAM-MD5 challenges. */
  hostname: string;
  tables?: Record<string, SqlTable>;
  rng: Rng;
  epochNow: () => number;
}

export function cyrusSaslServer(setup: CyrusSaslSetup): SaslServer {
  const conf = parseCyrusConf(setup.confText);
  return createSaslServer({
    type: 'cyrus',
    mechanisms: conf.mechList ?? CYRUS_DEFAULT_ORDER,
    backend: cyrusBackend(conf.pwcheckMethod, conf.auxpropPlugin, conf.sqlSelect, setup),
    rng: setup.rng,
    hostname: setup.hostname,
    epochNow: setup.epochNow,
  });
}

function cyrusBackend(method: string, plugin: string, sqlSelect: string | undefined, setup: CyrusSaslSetup): SaslBackend {
  const sasldb = new Sasldb(setup.users, setup.hostname);
  if (method === 'saslauthd') return new SaslauthdBackend(sasldb);
  if (plugin === 'sql') {
    return new SqlPasswordBackend({ tables: setup.tables ?? {}, query: sqlSelect, realm: setup.hostname });
  }
  return sasldb;
}

/** saslauthd checks passwords (against PAM/shadow) but never reveals them. */
class SaslauthdBackend implements SaslBackend {
  readonly name = 'saslauthd';

  constructor(private readonly users: Sasldb) {}

  lookup(user: string): PasswordLookup {
    const found = this.users.lookup(user);
    return { ...found, user, backend: this.name, noSecret: true };
  }
}
