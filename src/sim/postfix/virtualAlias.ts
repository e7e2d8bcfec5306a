/**
 * virtual_alias_maps, applied by cleanup to every recipient: "user@domain" (then "user" for this
 * host's own domains, then "@domain") maps to one or more addresses, looked up again until an
 * address maps to itself or to nothing. The original recipient is kept for the logs.
 */
import { splitAddress } from './address';
import { searchTables, type LookupTable } from './maps/lookupTable';

export interface VirtualAliasEnv {
  tables: LookupTable[];
  /** Domains for which the bare "user" key is tried ($myorigin, $mydestination, our addresses). */
  isOwnDomain(domain: string): boolean;
  canonical(address: string): string;
  /** virtual_alias_recursion_limit and virtual_alias_expansion_limit. */
  recursionLimit: number;
  expansionLimit: number;
}

export type VirtualAliasResult = { addresses: string[] } | { tempFail: string } | { tooMany: string };

function lookupKeys(address: string, env: VirtualAliasEnv): string[] {
  const lower = address.toLowerCase();
  const { local, domain } = splitAddress(lower);
  if (domain === undefined) return [lower];
  const keys = [lower];
  if (env.isOwnDomain(domain)) keys.push(local);
  keys.push(`@${domain}`);
  return keys;
}

export function expandVirtualAlias(address: string, env: VirtualAliasEnv): VirtualAliasResult {
  if (env.tables.length === 0) return { addresses: [address] };
  const out: string[] = [];
  const walk = (addr: string, depth: number): string | undefined => {
    if (depth > env.recursionLimit) return `virtual alias recursion limit exceeded for ${address}`;
    let found: string | undefined;
    for (const key of lookupKeys(addr, env)) {
      const r = searchTables(env.tables, key);
      if (r.status === 'error') return `error:${r.reason}`;
      if (r.status === 'found') {
        found = r.value;
        break;
      }
    }
    if (found === undefined) {
      out.push(addr);
      return undefined;
    }
    for (const target of found.split(/[\s,]+/).filter(Boolean)) {
      const next = env.canonical(target);
      if (next.toLowerCase() === addr.toLowerCase()) {
        out.push(next);
        continue;
      }
      const problem = walk(next, depth + 1);
      if (problem) return problem;
      if (out.length > env.expansionLimit) return `virtual alias expansion limit exceeded for ${address}`;
    }
    return undefined;
  };
  const problem = walk(address, 0);
  if (problem?.startsWith('error:')) return { tempFail: problem.slice(6) };
  if (problem) return { tooMany: problem };
  return { addresses: [...new Set(out)] };
}
