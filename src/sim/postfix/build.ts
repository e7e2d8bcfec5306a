/**
 * What a Postfix binary was built with. Debian's package is the default; a course that compiles
 * Postfix with `make makefiles CCARGS='-DHAS_MYSQL ... -DUSE_SASL_AUTH -DUSE_CYRUS_SASL -DUSE_TLS'`
 * gets exactly the map types and SASL support those options give (postconf -m, -A, -a).
 */

export interface PostfixBuild {
  mapTypes: string[];
  /** postconf -A: SASL client plug-in types. */
  saslClientTypes: string[];
  /** postconf -a: SASL server plug-in types. */
  saslServerTypes: string[];
  tls: boolean;
  /** The CCARGS this build came from, or undefined for Debian's package. */
  ccargs?: string;
}

/** postconf -m and -A of Debian 12's postfix 3.7.11 package. */
export const DEBIAN_BUILD: PostfixBuild = {
  mapTypes: [
    'btree', 'cidr', 'environ', 'fail', 'hash', 'inline', 'internal', 'memcache', 'nis', 'pcre', 'pipemap', 'proxy', 'randmap',
    'regexp', 'socketmap', 'static', 'tcp', 'texthash', 'unionmap', 'unix',
  ],
  saslClientTypes: ['cyrus'],
  saslServerTypes: ['cyrus', 'dovecot'],
  tls: true,
};

const SOURCE_BASE = [
  'btree', 'cidr', 'environ', 'fail', 'hash', 'inline', 'internal', 'memcache', 'nis', 'pipemap', 'proxy', 'randmap', 'regexp',
  'socketmap', 'static', 'tcp', 'texthash', 'unionmap', 'unix',
];

const MAP_FLAGS: Record<string, string> = {
  '-DHAS_MYSQL': 'mysql',
  '-DHAS_PGSQL': 'pgsql',
  '-DHAS_SQLITE': 'sqlite',
  '-DHAS_PCRE': 'pcre',
  '-DHAS_LMDB': 'lmdb',
  '-DHAS_CDB': 'cdb',
  '-DHAS_LDAP': 'ldap',
};

/** The build a `make makefiles CCARGS=...` line gives; undefined or empty means Debian's package. */
export function buildFromCcargs(ccargs: string | undefined): PostfixBuild {
  if (ccargs === undefined || ccargs.trim() === '') return DEBIAN_BUILD;
  const flags = ccargs.split(/\s+/).filter(Boolean);
  const maps = new Set(SOURCE_BASE);
  for (const f of flags) if (MAP_FLAGS[f]) maps.add(MAP_FLAGS[f]);
  const sasl = flags.includes('-DUSE_SASL_AUTH');
  const cyrus = sasl && flags.includes('-DUSE_CYRUS_SASL');
  return {
    mapTypes: [...maps].sort(),
    saslClientTypes: cyrus ? ['cyrus'] : [],
    saslServerTypes: sasl ? (cyrus ? ['cyrus', 'dovecot'] : ['dovecot']) : [],
    tls: flags.includes('-DUSE_TLS'),
    ccargs,
  };
}
