/**
 * One Postfix instance's configuration: main.cf over the built-in defaults, with the values
 * Postfix computes from the host, expansion as the daemons see it, and typed access that fails
 * the way Postfix fails ("fatal: bad numerical configuration: ...").
 */
import { builtinDefault, defaultMydomain, isBuiltinParameter, PARAMETER_NAMES, PER_TRANSPORT_SUFFIXES } from './defaults';
import { expand } from './expand';
import { computeMynetworks, parseInetProtocols, type HostInterface, type Protocols } from './interfaces';
import { parseMainCf, type MainCfProblem, MAIN_CF_PATH } from './mainCf';

export interface PostfixHostInfo {
  hostname: string;
  interfaces: readonly HostInterface[];
}

export class ConfigError extends Error {
  constructor(readonly postfixText: string) {
    super(postfixText);
  }
}

export class PostfixConfig {
  readonly explicit: Map<string, string>;
  readonly problems: MainCfProblem[];
  private cache = new Map<string, string>();
  private lists = new Map<string, string[]>();
  private computing = new Set<string>();

  constructor(
    readonly mainCfText: string,
    readonly host: PostfixHostInfo,
    /** Names of master.cf services, whose NAME_xxx parameters are valid too. */
    readonly serviceNames: readonly string[] = ['smtp', 'relay', 'local', 'virtual', 'lmtp', 'error', 'retry', 'discard'],
    /** master.cf "-o name=value" settings of one service, and that service's name. */
    readonly overrides: readonly [string, string][] = [],
    readonly serviceName?: string,
  ) {
    const parsed = parseMainCf(mainCfText, MAIN_CF_PATH);
    this.explicit = parsed.params;
    this.problems = parsed.problems;
    for (const [k, v] of overrides) this.explicit.set(k, v);
  }

  /** The configuration one master.cf service sees: main.cf plus its -o overrides. */
  forService(name: string, overrides: readonly [string, string][]): PostfixConfig {
    return new PostfixConfig(this.mainCfText, this.host, this.serviceNames, overrides, name);
  }

  /** The first fatal problem in main.cf itself (a line without "="), if any. */
  get fatalProblem(): MainCfProblem | undefined {
    return this.problems.find((p) => p.level === 'fatal');
  }

  /** The value before expansion: main.cf's, else the default (computed ones included). */
  raw(name: string): string | undefined {
    const v = this.explicit.get(name);
    if (v !== undefined) return v;
    return this.defaultRaw(name);
  }

  /** postconf -d: the default expression, or the computed default for host-dependent ones. */
  defaultRaw(name: string): string | undefined {
    // The process's own name comes from master.cf, whatever the table of defaults says.
    if (name === 'service_name' && this.serviceName !== undefined) return this.serviceName;
    const d = builtinDefault(name);
    if (d !== null && d !== undefined) return d;
    switch (name) {
      case 'myhostname':
        return this.host.hostname;
      case 'mydomain':
        return defaultMydomain(this.get('myhostname'));
      case 'mynetworks':
        return computeMynetworks(this.get('mynetworks_style'), this.host.interfaces, this.protocols());
      case 'process_id':
        return '0';
      case 'service_name':
        return this.serviceName ?? '';
      case 'process_name':
        return 'postconf';
      default:
        return undefined;
    }
  }

  /** The value as the daemons use it, every $name expanded. */
  get(name: string): string {
    const cached = this.cache.get(name);
    if (cached !== undefined) return cached;
    // A computed default can lead back here ("myhostname = $mydomain": mydomain's default is
    // made from myhostname); inside that loop the name expands to nothing, as in expand().
    if (this.computing.has(name)) return '';
    this.computing.add(name);
    try {
      const raw = this.raw(name);
      const value = raw === undefined ? '' : expand(raw, (n) => this.raw(n));
      this.cache.set(name, value);
      return value;
    } finally {
      this.computing.delete(name);
    }
  }

  /**
   * A list value: items split on commas and white space, as Postfix splits them. The array is
   * shared by every caller (smtpd reads its restriction lists on every command): never modify it.
   */
  list(name: string): string[] {
    let items = this.lists.get(name);
    if (!items) {
      items = Object.freeze(splitList(this.get(name))) as string[];
      this.lists.set(name, items);
    }
    return items;
  }

  bool(name: string): boolean {
    const v = this.get(name).toLowerCase();
    if (v === 'yes' || v === 'true') return true;
    if (v === 'no' || v === 'false') return false;
    throw new ConfigError(`bad boolean configuration: ${name} = ${this.get(name)}`);
  }

  int(name: string): number {
    const v = this.get(name);
    if (!/^-?\d+$/.test(v)) throw new ConfigError(`bad numerical configuration: ${name} = ${v}`);
    return Number(v);
  }

  /** A time value in seconds ("300s", "5d"; a bare number uses `defaultUnit`). */
  seconds(name: string, defaultUnit: 's' | 'm' | 'h' | 'd' | 'w' = 's'): number {
    const v = this.get(name);
    const m = /^(\d+(?:\.\d+)?)([smhdw]?)$/.exec(v);
    if (!m) throw new ConfigError(`parameter ${name}: bad time value or unit: ${v}`);
    const unit = m[2] || defaultUnit;
    const factor = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 }[unit as 's'];
    return Number(m[1]) * factor;
  }

  protocols(): Protocols {
    const p = parseInetProtocols(this.get('inet_protocols'));
    return 'fatal' in p ? { ipv4: true, ipv6: false } : p;
  }

  /** True for names Postfix knows (built-in, per-transport, or referenced as $name by another value). */
  isKnown(name: string): boolean {
    if (isBuiltinParameter(name)) return true;
    for (const service of this.serviceNames) {
      if (name.startsWith(`${service}_`) && PER_TRANSPORT_SUFFIXES.some((s) => name === `${service}${s}`)) return true;
    }
    for (const [, value] of this.explicit) if (value.includes(`$${name}`) || value.includes(`{${name}}`) || value.includes(`(${name})`)) return true;
    return false;
  }

  /** postconf's warnings about main.cf: the parse problems, then unused parameters. */
  postconfWarnings(): string[] {
    const out = this.problems.filter((p) => p.level === 'warning').map((p) => p.text);
    for (const name of this.explicit.keys()) {
      if (!this.isKnown(name)) out.push(`${MAIN_CF_PATH}: unused parameter: ${name}=${this.explicit.get(name)}`);
    }
    return out;
  }

  /** Every name postconf would print, built-in ones first then user-defined ones. */
  allNames(): string[] {
    const extra = [...this.explicit.keys()].filter((n) => !isBuiltinParameter(n));
    return [...PARAMETER_NAMES, ...extra].sort();
  }

  /** A copy with some main.cf settings changed (postconf -e). */
  withText(text: string): PostfixConfig {
    return new PostfixConfig(text, this.host, this.serviceNames);
  }
}

/** Splits a Postfix list value on commas and white space; "{...}" groups stay whole. */
export function splitList(value: string): string[] {
  const out: string[] = [];
  let current = '';
  let depth = 0;
  for (const ch of value) {
    if (ch === '{') depth++;
    if (ch === '}') depth = Math.max(0, depth - 1);
    if (depth === 0 && (ch === ',' || /\s/.test(ch))) {
      if (current) out.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  if (current) out.push(current);
  return out;
}
