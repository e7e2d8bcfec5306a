/**
 * Plugs the smtp and relay delivery agents into every Postfix, with DNS through the host's
 * resolver (MX records, then A/AAAA) as the smtp client asks it.
 */
import type { HostResolver } from '../../host/hostResolver';
import type { SimHost } from '../../host/simHost';
import { registerPostfixExtension } from '../../services';
import type { PostfixInstance } from '../postfix';
import type { RoutingEnv } from './routing';
import { SmtpAgent } from './smtpAgent';
import type { SmtpDns } from './smtpDns';

export function smtpDnsFor(resolver: HostResolver | undefined): SmtpDns {
  return {
    mx(domain) {
      if (!resolver) return { status: 'noserver', records: [] };
      const r = resolver.query(domain, 'MX', 'smtp');
      const records = r.records
        .filter((x) => x.type === 'MX')
        .map((x) => {
          const [pref, host] = x.data.split(/\s+/);
          return { preference: Number(pref), host: (host ?? '').replace(/\.$/, '') };
        });
      return { status: r.status === 'ok' && records.length === 0 ? 'nodata' : r.status, records };
    },
    addresses(host, type) {
      if (!resolver) return { status: 'noserver', addresses: [] };
      const r = resolver.query(host, type, 'smtp');
      const addresses = r.records.filter((x) => x.type === type).map((x) => x.data);
      return { status: r.status === 'ok' && addresses.length === 0 ? 'nodata' : r.status, addresses };
    },
  };
}

function routingEnv(host: SimHost, postfix: PostfixInstance): RoutingEnv {
  const cfg = postfix.config;
  const protocols = cfg.protocols();
  const lookup = cfg.list('smtp_host_lookup');
  return {
    dns: smtpDnsFor(host.resolver),
    ipv4: protocols.ipv4,
    ipv6: protocols.ipv6,
    ownAddresses: [...postfix.listenAddresses(), ...cfg.list('proxy_interfaces')],
    myhostname: cfg.get('myhostname'),
    dnsEnabled: lookup.includes('dns') && cfg.get('smtp_dns_support_level') !== 'disabled' && cfg.get('disable_dns_lookups') !== 'yes',
    nativeLookup: (name) => host.names().addresses(name),
  };
}

/**
 * reject_unknown_*_domain's DNS question: does the domain have an MX record, or at least an
 * address (A or AAAA)? NXDOMAIN and "no such records" are told apart from a failing lookup.
 */
function domainExists(host: SimHost, domain: string): 'yes' | 'no' | 'nxdomain' | 'tempfail' {
  const dns = smtpDnsFor(host.resolver);
  const mx = dns.mx(domain);
  if (mx.status === 'ok') return 'yes';
  if (mx.status === 'nxdomain') return 'nxdomain';
  if (mx.status !== 'nodata') return 'tempfail';
  for (const type of ['A', 'AAAA'] as const) {
    const a = dns.addresses(domain, type);
    if (a.status === 'ok') return 'yes';
    if (a.status !== 'nodata' && a.status !== 'nxdomain') return 'tempfail';
  }
  return 'no';
}

registerPostfixExtension((host, setup) => ({
  ...setup,
  domainExists: (domain) => domainExists(host, domain),
  dnsQuery: (name, type) => {
    if (!host.resolver) return { status: 'noserver', data: [] };
    const r = host.resolver.query(name, type, 'smtpd');
    const data = r.records.filter((x) => x.type === type).map((x) => x.data);
    return { status: r.status === 'ok' && data.length === 0 ? 'nodata' : r.status, data };
  },
  agents: (postfix) => {
    const make = (service: string) => {
      const config = postfix.serviceConfig(service);
      const program = `${config.get('syslog_name')}/smtp`;
      return new SmtpAgent({ host, config, master: postfix.master, bounces: postfix.bounceDaemon, routing: () => routingEnv(host, postfix), service, program });
    };
    return { ...(setup.agents?.(postfix) ?? {}), smtp: make('smtp'), relay: make('relay') };
  },
}));
