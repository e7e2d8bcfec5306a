/**
 * trivial-rewrite: puts addresses in canonical form (myorigin appended to a bare user,
 * append_dot_mydomain, a trailing dot dropped) and resolves where mail for an address goes:
 * the address class (local, virtual alias, virtual mailbox, relay, default), the transport and
 * the next hop.
 */
import { formatIp, parseIp } from '../core/ip';
import { splitAddress } from './address';
import type { PostfixConfig } from './config';
import { DomainList } from './domainList';
import { openTables, searchTables, type TableContext } from './maps/lookupTable';

export type AddressClass = 'local' | 'virtual-alias' | 'virtual-mailbox' | 'relay' | 'default';

export interface Resolution {
  /** The canonical address. */
  address: string;
  addressClass: AddressClass;
  /** Transport name from master.cf: local, virtual, relay, smtp, error... */
  transport: string;
  /** Where the transport sends it: a host name for local, a domain or [host]:port for smtp. */
  nexthop: string;
  /** A lookup table failed: the caller must try again later. */
  tempFail?: string;
}

/** Who asks trivial-rewrite: each keeps its own cache of answers (and so hears warnings once). */
export type ResolveClient = 'smtpd' | 'qmgr' | 'local';

export class TrivialRewrite {
  private readonly mydestination: DomainList;
  private readonly relayDomains: DomainList;
  private readonly virtualAliasDomains: DomainList;
  private readonly virtualMailboxDomains: DomainList;

  constructor(
    private readonly config: PostfixConfig,
    private readonly tables: TableContext,
    /** The addresses Postfix listens on (inet_interfaces + proxy_interfaces). */
    private readonly ownAddresses: readonly string[],
    /** Logs a trivial-rewrite warning (not deduplicated: the caller decides how often). */
    private readonly warn: (text: string) => void = () => undefined,
  ) {
    const parents = config.list('parent_domain_matches_subdomains');
    const lst = (name: string) => new DomainList(config.get(name), parents.includes(name), tables);
    this.mydestination = lst('mydestination');
    this.relayDomains = lst('relay_domains');
    this.virtualAliasDomains = lst('virtual_alias_domains');
    this.virtualMailboxDomains = lst('virtual_mailbox_domains');
  }

  /** Canonical form of an envelope address (the "local" rewriting context). */
  rewrite(address: string): string {
    if (address === '') return '';
    const { local, domain } = splitAddress(this.unrouted(address));
    if (domain === undefined || domain === '') {
      if (!this.config.bool('append_at_myorigin')) return local;
      return `${local}@${this.config.get('myorigin')}`;
    }
    let d = domain.replace(/\.$/, '');
    if (!d.startsWith('[') && !d.includes('.') && this.config.bool('append_dot_mydomain') && this.config.get('mydomain')) {
      d = `${d}.${this.config.get('mydomain')}`;
    }
    return `${local}@${d}`;
  }

  /**
   * Old routing syntaxes Postfix still undoes by default: "site!user" becomes "user@site"
   * (swap_bangpath) and "user%site@ourhost" becomes "user@site" (allow_percent_hack).
   */
  private unrouted(address: string): string {
    let current = address;
    for (let round = 0; round < 10; round++) {
      const { local, domain } = splitAddress(current);
      if (domain === undefined) {
        const bang = local.indexOf('!');
        if (bang > 0 && this.config.bool('swap_bangpath')) {
          current = `${local.slice(bang + 1)}@${local.slice(0, bang)}`;
          continue;
        }
        return current;
      }
      const percent = local.lastIndexOf('%');
      if (percent > 0 && this.config.bool('allow_percent_hack') && this.isLocalDomain(domain) === true) {
        current = `${local.slice(0, percent)}@${local.slice(percent + 1)}`;
        continue;
      }
      return current;
    }
    return current;
  }

  /** True when the domain is this host's: in mydestination or [one of our addresses]. */
  isLocalDomain(domain: string): boolean | 'error' {
    const d = domain.toLowerCase().replace(/\.$/, '');
    if (d.startsWith('[') && d.endsWith(']')) {
      const ip = parseIp(d.slice(1, -1).replace(/^ipv6:/i, ''));
      return !!ip && this.ownAddresses.some((a) => formatIp(parseIp(a)!) === formatIp(ip));
    }
    const m = this.mydestination.match(d);
    return m === 'error' ? 'error' : m === 'match';
  }

  /** What each client has been warned about: smtpd and qmgr each keep a resolve cache. */
  private readonly warned = new Set<string>();

  /** A local domain that is also virtual: Postfix delivers it locally and complains. */
  private warnIfAlsoVirtual(domain: string, client: ResolveClient): void {
    for (const [list, name] of [[this.virtualAliasDomains, 'virtual_alias_domains'], [this.virtualMailboxDomains, 'virtual_mailbox_domains']] as const) {
      if (list.match(domain) !== 'match') continue;
      const text = `do not list domain ${domain.toLowerCase()} in BOTH mydestination and ${name}`;
      if (this.warned.has(`${client} ${text}`)) continue;
      this.warned.add(`${client} ${text}`);
      this.warn(text);
    }
  }

  classify(domain: string, client: ResolveClient = 'smtpd'): AddressClass | { tempFail: string } {
    const local = this.isLocalDomain(domain);
    if (local === 'error') return { tempFail: 'mydestination' };
    if (local) {
      this.warnIfAlsoVirtual(domain, client);
      return 'local';
    }
    const checks: [DomainList, AddressClass, string][] = [
      [this.virtualAliasDomains, 'virtual-alias', 'virtual_alias_domains'],
      [this.virtualMailboxDomains, 'virtual-mailbox', 'virtual_mailbox_domains'],
      [this.relayDomains, 'relay', 'relay_domains'],
    ];
    for (const [list, cls, name] of checks) {
      const m = list.match(domain);
      if (m === 'error') return { tempFail: name };
      if (m === 'match') return cls;
    }
    return 'default';
  }

  resolve(address: string, client: ResolveClient = 'smtpd'): Resolution {
    const canonical = this.rewrite(address);
    const { domain } = splitAddress(canonical);
    const cls = domain === undefined ? 'local' : this.classify(domain, client);
    if (typeof cls === 'object') {
      return { address: canonical, addressClass: 'default', transport: 'error', nexthop: '', tempFail: cls.tempFail };
    }
    const base = { address: canonical, addressClass: cls };
    const routed = this.transportMapRoute(canonical, domain ?? '');
    if (routed === 'error') {
      this.tables.warn('transport_maps lookup failure');
      return { ...base, transport: 'error', nexthop: '', tempFail: 'transport_maps' };
    }
    if (routed) return { ...base, ...routed };
    switch (cls) {
      case 'local': {
        const [t, n] = splitTransport(this.config.get('local_transport'), this.config.get('myhostname'));
        return { ...base, transport: t, nexthop: n };
      }
      case 'virtual-alias':
        return { ...base, transport: 'error', nexthop: 'User unknown in virtual alias table' };
      case 'virtual-mailbox': {
        const [t, n] = splitTransport(this.config.get('virtual_transport'), domain ?? '');
        return { ...base, transport: t, nexthop: n };
      }
      case 'relay': {
        const [t, n] = splitTransport(this.config.get('relay_transport'), this.config.get('relayhost') || domain || '');
        return { ...base, transport: t, nexthop: n };
      }
      default: {
        const [t, n] = splitTransport(this.config.get('default_transport'), this.config.get('relayhost') || domain || '');
        return { ...base, transport: t, nexthop: n };
      }
    }
  }

  /** transport_maps: full address, then domain, then parent domains (".domain"). */
  private transportMapRoute(address: string, domain: string): { transport: string; nexthop: string } | 'error' | undefined {
    const value = this.config.get('transport_maps');
    if (!value) return undefined;
    const tables = openTables(value, this.tables);
    const keys = [address.toLowerCase(), domain.toLowerCase()];
    const labels = domain.toLowerCase().split('.');
    for (let i = 1; i < labels.length; i++) keys.push(`.${labels.slice(i).join('.')}`);
    keys.push('*');
    for (const key of keys) {
      const r = searchTables(tables, key);
      if (r.status === 'error') return 'error';
      if (r.status === 'found') {
        const [t, n] = splitTransport(r.value, domain);
        return { transport: t || this.config.get('default_transport').split(':')[0], nexthop: n };
      }
    }
    return undefined;
  }
}

/** "smtp:[relay.example.com]:587" -> ["smtp", "[relay.example.com]:587"]; no nexthop uses `fallback`. */
export function splitTransport(value: string, fallback: string): [string, string] {
  const colon = value.indexOf(':');
  if (colon < 0) return [value, fallback];
  const nexthop = value.slice(colon + 1);
  return [value.slice(0, colon), nexthop === '' ? fallback : nexthop];
}
