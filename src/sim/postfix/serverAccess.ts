/**
 * check_{client,helo,sender,recipient}_{mx,ns,a}_access: an access table searched not for the
 * name itself but for the servers DNS names for it (smtpd_check.c check_server_access): the MX
 * hosts of a domain (the domain itself when it has no MX), its name servers (walking up to a
 * parent that has some), or just the domain's own addresses. Each server is looked up by name
 * (and, as for check_client_access, its parent domains), then by each of its IPv4 addresses.
 */
import { domainKeys, ipAddressKeys, type AccessFound } from './accessMaps';
import type { DnsAnswer } from './dnsLists';
import { openTable, type TableContext } from './maps/lookupTable';

export type ServerKind = 'mx' | 'ns' | 'a';

export type ServerDnsAsk = (name: string, type: 'A' | 'MX' | 'NS') => DnsAnswer;

/** The servers whose names and addresses are looked up for `domain`. */
function serversOf(kind: ServerKind, domain: string, ask: ServerDnsAsk): { names: string[]; addressesOnly: boolean } {
  if (kind === 'a') return { names: [domain], addressesOnly: true };
  if (kind === 'mx') {
    const mx = ask(domain, 'MX');
    if (mx.status === 'ok') return { names: mx.data.map((d) => (d.split(/\s+/)[1] ?? '').replace(/\.$/, '')).filter(Boolean), addressesOnly: false };
    return { names: mx.status === 'nodata' || mx.status === 'nxdomain' ? [domain] : [], addressesOnly: false };
  }
  for (let d = domain; d.includes('.'); d = d.slice(d.indexOf('.') + 1)) {
    const ns = ask(d, 'NS');
    if (ns.status === 'ok') return { names: ns.data.map((x) => x.replace(/\.$/, '')), addressesOnly: false };
  }
  return { names: [], addressesOnly: false };
}

export function serverAccessLookup(kind: ServerKind, domain: string, tableSpec: string, tables: TableContext, parents: boolean, ask: ServerDnsAsk): AccessFound {
  const table = openTable(tableSpec, tables);
  const { names, addressesOnly } = serversOf(kind, domain.replace(/\.$/, '').toLowerCase(), ask);
  for (const server of names) {
    const keys = addressesOnly ? [] : domainKeys(server, parents);
    const a = ask(server, 'A');
    if (a.status === 'ok') for (const address of a.data) keys.push(...ipAddressKeys(address));
    for (const key of keys) {
      const r = table.lookup(key);
      if (r.status === 'error') return { status: 'error' };
      if (r.status === 'found') return { status: 'found', key, value: r.value };
    }
  }
  return { status: 'notfound' };
}
