/**
 * The DNS layer: zones from zone files or records, BIND-like name servers, a host's stub
 * resolver, and nslookup/dig/host. dnsModule.ts plugs it into a World (import '../modules').
 */
export { NameServer, EDNS_UDP_SIZE, type NameServerOptions, type QueryOptions, type UpstreamAnswer } from './nameServer';
export { Resolver, type ResolverOptions, type LookupOptions, type LookupResult, type LookupStatus, type Attempt } from './resolver';
export { DnsZone, buildZone, checkzoneReport, type ZoneMessage } from './zone';
export { parseZoneFile, DEFAULT_TTL, type ParsedZoneFile, type ZoneFileRecord, type ZoneFileOptions } from './zoneFile';
export { parseResolvConf, type ResolvConf } from './resolvConf';
export { parseHostsFile, hostsWithDefaults, addressesFor, nameFor, DEBIAN_HOSTS, type HostsEntry } from './hostsFile';
export { wireSize, sectionCounts, type DnsMessage, type DnsQuestion, type MessageFlags, type EdnsInfo } from './message';
export { rdataText, recordText, targetName, type RData, type RRType, type ResourceRecord } from './records';
export { parseType, parseClass, type Rcode } from './types';
export { runDnsTool, DNS_TOOLS, BIND_VERSION, type DnsToolEnv, type DnsToolResult } from './tools';
export { HostDns, dnsToolEnvFor, nameServerOf, serverAtFrom } from './dnsModule';
export { runDnsCommand, isDnsCommand } from './hostTools';
