/**
 * Cyrus SASL's application config (/etc/postfix/sasl/smtpd.conf): "key: value" lines saying
 * how passwords are checked (pwcheck_method: auxprop | saslauthd), where auxprop looks
 * (auxprop_plugin: sasldb | sql) and which mechanisms are offered (mech_list).
 */

export interface CyrusConf {
  pwcheckMethod: string;
  auxpropPlugin: string;
  /** Upper-cased, in the order written; undefined when mech_list is not set. */
  mechList?: string[];
  /** sql_select for auxprop_plugin: sql. */
  sqlSelect?: string;
  /** Every key as written, for `cat` and the inspector. */
  raw: Record<string, string>;
}

export function parseCyrusConf(text: string | undefined): CyrusConf {
  const raw: Record<string, string> = {};
  for (const line of (text ?? '').split('\n')) {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) continue;
    const m = /^([\w.-]+)\s*:\s*(.*)$/.exec(t);
    if (m) raw[m[1].toLowerCase()] = m[2].trim();
  }
  const mechs = raw.mech_list?.split(/[\s,]+/).filter(Boolean).map((m) => m.toUpperCase());
  return {
    pwcheckMethod: (raw.pwcheck_method ?? 'auxprop').split(/\s+/)[0].toLowerCase(),
    auxpropPlugin: (raw.auxprop_plugin ?? 'sasldb').split(/\s+/)[0].toLowerCase(),
    ...(mechs && mechs.length > 0 ? { mechList: mechs } : {}),
    ...(raw.sql_select ? { sqlSelect: raw.sql_select } : {}),
    raw,
  };
}

/** Without mech_list Cyrus offers every plugin, strongest first (sasl_listmech's order). */
export const CYRUS_DEFAULT_ORDER = ['CRAM-MD5', 'PLAIN', 'LOGIN'];
