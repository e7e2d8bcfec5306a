/**
 * Postfix domain lists (mydestination, relay_domains, virtual_*_domains): names, ".parent" forms,
 * lookup tables and "!" exclusions, matched case-insensitively. Whether "example.com" also matches
 * its subdomains depends on parent_domain_matches_subdomains, which names the lists that do.
 */
import { splitList } from './config';
import { openTable, type TableContext } from './maps/lookupTable';

export type DomainMatch = 'match' | 'nomatch' | 'error';

export class DomainList {
  private items: string[];

  constructor(
    value: string,
    private readonly parentMatchesSub: boolean,
    private readonly tables: TableContext,
  ) {
    this.items = splitList(value);
  }

  get empty(): boolean {
    return this.items.length === 0;
  }

  match(domain: string): DomainMatch {
    const d = domain.toLowerCase().replace(/\.$/, '');
    for (const raw of this.items) {
      const negate = raw.startsWith('!');
      const item = negate ? raw.slice(1) : raw;
      const hit = this.matchItem(item, d);
      if (hit === 'error') return 'error';
      if (hit) return negate ? 'nomatch' : 'match';
    }
    return 'nomatch';
  }

  private matchItem(item: string, domain: string): boolean | 'error' {
    if (item.includes(':') && !item.startsWith('[')) {
      const table = openTable(item, this.tables);
      for (const key of this.candidates(domain)) {
        const r = table.lookup(key);
        if (r.status === 'error') return 'error';
        if (r.status === 'found') return true;
      }
      return false;
    }
    const pattern = item.toLowerCase();
    if (pattern.startsWith('.')) return domain.endsWith(pattern);
    if (domain === pattern) return true;
    return this.parentMatchesSub && domain.endsWith(`.${pattern}`);
  }

  /** Keys a table is asked for: the domain, then (with parent matching) its parents. */
  private candidates(domain: string): string[] {
    const out = [domain];
    if (!this.parentMatchesSub) return out;
    const labels = domain.split('.');
    for (let i = 1; i < labels.length; i++) out.push(labels.slice(i).join('.'));
    return out;
  }
}
