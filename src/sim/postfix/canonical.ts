/**
 * cleanup's address rewriting after the canonical form: canonical_maps with its sender and
 * recipient companions, and masquerade_domains — each limited to the classes (envelope or
 * header, sender or recipient) that canonical_classes and masquerade_classes name.
 *
 *   sender_canonical_maps: carol@example.org -> carol.smith@example.org
 *   masquerade_domains = example.com: alice@mail.example.com -> alice@example.com
 */
import { splitAddress } from './address';
import type { PostfixConfig } from './config';
import { openTables, type LookupTable, type TableContext } from './maps/lookupTable';
import type { TrivialRewrite } from './trivialRewrite';

export type AddressClass = 'envelope_sender' | 'envelope_recipient' | 'header_sender' | 'header_recipient';

/** Canonical mapping is applied again to its own result, as cleanup does, up to this depth. */
const MAX_ROUNDS = 10;

export class AddressRewriter {
  private readonly senderTables: LookupTable[];
  private readonly recipientTables: LookupTable[];
  private readonly bothTables: LookupTable[];
  private readonly canonicalClasses: Set<string>;
  private readonly masqueradeClasses: Set<string>;
  private readonly masqueradeDomains: string[];
  private readonly masqueradeExceptions: Set<string>;

  constructor(
    private readonly config: PostfixConfig,
    private readonly rewrite: TrivialRewrite,
    tables: TableContext,
  ) {
    this.senderTables = openTables(config.get('sender_canonical_maps'), tables);
    this.recipientTables = openTables(config.get('recipient_canonical_maps'), tables);
    this.bothTables = openTables(config.get('canonical_maps'), tables);
    this.canonicalClasses = new Set(config.list('canonical_classes'));
    this.masqueradeClasses = new Set(config.list('masquerade_classes'));
    this.masqueradeDomains = config.list('masquerade_domains').map((d) => d.toLowerCase());
    this.masqueradeExceptions = new Set(config.list('masquerade_exceptions').map((u) => u.toLowerCase()));
  }

  /** Does this configuration rewrite anything at all (so callers can skip the work)? */
  get active(): boolean {
    return this.senderTables.length + this.recipientTables.length + this.bothTables.length > 0 || this.masqueradeDomains.length > 0;
  }

  /** An address in canonical form, rewritten as its class asks. */
  apply(address: string, cls: AddressClass): string {
    if (address === '') return address;
    let out = address;
    if (this.canonicalClasses.has(cls)) {
      const own = cls.endsWith('sender') ? this.senderTables : this.recipientTables;
      out = this.mapAll(this.mapAll(out, own), this.bothTables);
    }
    if (this.masqueradeClasses.has(cls)) out = this.masquerade(out);
    return out;
  }

  private mapAll(address: string, tables: LookupTable[]): string {
    if (tables.length === 0) return address;
    let current = address;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const next = this.mapOnce(current, tables);
      if (next === undefined || next.toLowerCase() === current.toLowerCase()) return next ?? current;
      current = next;
    }
    return current;
  }

  /** user@domain, then user (for our own domains), then @domain; "@other" keeps the user part. */
  private mapOnce(address: string, tables: LookupTable[]): string | undefined {
    const { local, domain } = splitAddress(address);
    const lower = address.toLowerCase();
    const keys: string[] = [lower];
    if (domain !== undefined && this.isOwnDomain(domain)) keys.push(local.toLowerCase());
    if (domain !== undefined) keys.push(`@${domain.toLowerCase()}`);
    for (const table of tables) {
      for (const key of keys) {
        const r = table.lookup(key);
        if (r.status !== 'found') continue;
        const value = r.value.trim().split(/[\s,]+/)[0] ?? '';
        if (value.startsWith('@')) return `${local}${value}`;
        return this.rewrite.rewrite(value);
      }
    }
    return undefined;
  }

  /** $myorigin, $mydestination and our own addresses: where a bare user name is looked up. */
  private isOwnDomain(domain: string): boolean {
    return domain.toLowerCase() === this.config.get('myorigin').toLowerCase() || this.rewrite.isLocalDomain(domain) === true;
  }

  /** Strips a subdomain down to the masquerade domain it belongs to; "!domain" keeps it. */
  private masquerade(address: string): string {
    const { local, domain } = splitAddress(address);
    if (domain === undefined || this.masqueradeExceptions.has(local.toLowerCase())) return address;
    const d = domain.toLowerCase();
    for (const entry of this.masqueradeDomains) {
      const excluded = entry.startsWith('!');
      const m = excluded ? entry.slice(1) : entry;
      if (d !== m && !d.endsWith(`.${m}`)) continue;
      if (excluded || d === m) return address;
      return `${local}@${m}`;
    }
    return address;
  }
}

/** Sender headers (header_sender) and recipient headers (header_recipient), by lower-case name. */
export const SENDER_HEADERS = new Set(['from', 'sender', 'reply-to', 'errors-to', 'return-receipt-to', 'resent-from', 'resent-sender', 'resent-reply-to']);
export const RECIPIENT_HEADERS = new Set(['to', 'cc', 'bcc', 'apparently-to', 'resent-to', 'resent-cc', 'resent-bcc']);

/**
 * Rewrites every address in a header value, keeping names, comments and spacing:
 * "Carol <carol@example.org>, bob" with f gives "Carol <f(carol@example.org)>, f(bob)".
 */
export function mapHeaderAddresses(value: string, f: (address: string) => string): string {
  return splitTopLevel(value)
    .map((element) => {
      if (element.includes('<')) return element.replace(/<([^<>]*)>/g, (all, inner: string) => (inner.trim() === '' ? all : `<${f(inner.trim())}>`));
      const m = /^(\s*)([^\s()"]+)(\s*(?:\([^)]*\))?\s*)$/.exec(element);
      if (!m || m[2].includes(':') || m[2].endsWith(';')) return element;
      return `${m[1]}${f(m[2])}${m[3]}`;
    })
    .join(',');
}

/** Splits at commas that are not inside quotes, comments or angle brackets. */
function splitTopLevel(value: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c === '(' || c === '<') depth++;
    else if ((c === ')' || c === '>') && depth > 0) depth--;
    else if (c === ',' && depth === 0) {
      out.push(value.slice(start, i));
      start = i + 1;
    }
  }
  out.push(value.slice(start));
  return out;
}
