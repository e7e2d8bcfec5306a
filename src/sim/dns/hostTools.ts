/**
 * nslookup, dig and host as a host's shell runs them: the tool with the host's resolver
 * settings. Kept apart from dnsModule so that a world can answer DNS without loading the tools.
 */
import type { SimHost, WorldCore } from '../host/simHost';
import { dnsToolEnvFor } from './dnsModule';
import { DNS_TOOLS, runDnsTool, type DnsToolResult } from './tools';

export function isDnsCommand(program: string | undefined): boolean {
  return (DNS_TOOLS as readonly string[]).includes((program ?? '').split('/').pop() ?? '');
}

/** Runs nslookup, dig or host on a host, for the terminal. */
export function runDnsCommand(host: SimHost, world: WorldCore, argv: string[], stdin?: readonly string[]): DnsToolResult {
  return runDnsTool(argv, dnsToolEnvFor(host, world), stdin);
}
