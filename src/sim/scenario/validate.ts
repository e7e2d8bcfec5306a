/**
 * Scenario validation: every problem comes back with the exact place and the reason, e.g.
 * `hosts[1].main_cf.mynetworks: "10.0.0.0/33" is not a network`. Nothing here throws: a scenario
 * from a link or a file is untrusted input.
 *
 * Errors stop a scenario from loading. Warnings do not: a main.cf value Postfix would refuse is
 * a warning, because seeing Postfix refuse it is part of the lesson.
 */
import { parseIp, parseNetwork } from '../core/ip';
import { parseIsoTime, parseZone } from '../core/time';
import { checkParameterValue } from '../postfix/paramCheck';
import { migrateScenario } from './migrate';
import { SCENARIO_VERSION, type Scenario } from './schema';

export interface ValidationIssue {
  path: string;
  message: string;
  severity: 'error' | 'warning';
}

export interface ValidationResult {
  scenario?: Scenario;
  issues: ValidationIssue[];
}

type Obj = Record<string, unknown>;

const HOST_FIELDS = new Set([
  'name', 'addresses', 'kind', 'up', 'accounts', 'system_accounts', 'resolv_conf', 'hosts_file', 'files', 'main_cf', 'master_cf',
  'aliases', 'maps', 'ccargs', 'sasl', 'cyrus_sasl_conf', 'dovecot', 'mailboxes', 'uidvalidity', 'dns', 'sinks', 'sql',
]);
const TOP_FIELDS = new Set(['version', 'title', 'seed', 'start', 'timezone', 'networks', 'hosts', 'script']);
const RECORD_TYPES = new Set(['A', 'AAAA', 'MX', 'TXT', 'CNAME', 'NS', 'SOA', 'PTR', 'SRV']);
const HOSTNAME = /^(?=.{1,253}$)([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?)*\.?$/;
const USERNAME = /^[a-z_][a-z0-9_.-]{0,31}$/;

class Checker {
  readonly issues: ValidationIssue[] = [];

  error(path: string, message: string): void {
    this.issues.push({ path, message, severity: 'error' });
  }

  warn(path: string, message: string): void {
    this.issues.push({ path, message, severity: 'warning' });
  }

  isObject(v: unknown, path: string): v is Obj {
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return true;
    this.error(path, `must be an object, not ${describe(v)}`);
    return false;
  }

  isArray(v: unknown, path: string): v is unknown[] {
    if (Array.isArray(v)) return true;
    this.error(path, `must be a list, not ${describe(v)}`);
    return false;
  }

  isString(v: unknown, path: string): v is string {
    if (typeof v === 'string') return true;
    this.error(path, `must be text, not ${describe(v)}`);
    return false;
  }

  unknownFields(o: Obj, allowed: Set<string>, path: string): void {
    for (const k of Object.keys(o)) if (!allowed.has(k)) this.warn(join(path, k), 'unknown field, ignored');
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'string' ? `"${v.length > 40 ? `${v.slice(0, 40)}...` : v}"` : typeof v;
}

function join(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;
}

export function validateScenario(input: unknown): ValidationResult {
  const c = new Checker();
  if (!c.isObject(input, 'scenario')) return { issues: c.issues };
  const migrated = migrateScenario(input);
  if ('error' in migrated) {
    c.error('version', migrated.error);
    return { issues: c.issues };
  }
  const s = migrated.scenario as unknown as Obj;
  c.unknownFields(s, TOP_FIELDS, '');
  if (s.title !== undefined) c.isString(s.title, 'title');
  if (s.seed !== undefined && !(Number.isInteger(s.seed) && (s.seed as number) >= 0)) c.error('seed', `must be a whole number >= 0, not ${describe(s.seed)}`);
  if (s.start !== undefined && c.isString(s.start, 'start') && parseIsoTime(s.start) === undefined) c.error('start', `"${s.start}" is not an ISO date and time like 2024-01-01T09:00:00Z`);
  if (s.timezone !== undefined && c.isString(s.timezone, 'timezone') && !parseZone(s.timezone)) c.error('timezone', `"${s.timezone}" is not a time zone like +0800 CST or UTC`);
  if (s.networks !== undefined && c.isArray(s.networks, 'networks')) {
    s.networks.forEach((n, i) => {
      const p = join('networks', i);
      if (!c.isObject(n, p)) return;
      if (c.isString(n.name, join(p, 'name')) && n.name.trim() === '') c.error(join(p, 'name'), 'must not be empty');
      if (c.isString(n.cidr, join(p, 'cidr')) && !parseNetwork(n.cidr)) c.error(join(p, 'cidr'), `"${n.cidr}" is not a network`);
    });
  }
  const names = new Set<string>();
  if (c.isArray(s.hosts, 'hosts')) {
    if (s.hosts.length === 0) c.error('hosts', 'needs at least one host');
    const addresses = new Map<string, string>();
    s.hosts.forEach((h, i) => checkHost(c, h, join('hosts', i), names, addresses));
  }
  if (s.script !== undefined && c.isArray(s.script, 'script')) s.script.forEach((step, i) => checkStep(c, step, join('script', i), names));
  const ok = !c.issues.some((i) => i.severity === 'error');
  return { scenario: ok ? (s as unknown as Scenario) : undefined, issues: c.issues };
}

function checkHost(c: Checker, h: unknown, path: string, names: Set<string>, addresses: Map<string, string>): void {
  if (!c.isObject(h, path)) return;
  c.unknownFields(h, HOST_FIELDS, path);
  if (c.isString(h.name, join(path, 'name'))) {
    if (!HOSTNAME.test(h.name)) c.error(join(path, 'name'), `"${h.name}" is not a host name`);
    else if (names.has(h.name.toLowerCase())) c.error(join(path, 'name'), `"${h.name}" is used by another host`);
    names.add(h.name.toLowerCase());
  }
  if (c.isArray(h.addresses, join(path, 'addresses'))) {
    h.addresses.forEach((a, i) => {
      const p = join(join(path, 'addresses'), i);
      if (!c.isString(a, p)) return;
      const [addr, prefix] = a.split('/');
      const ip = parseIp(addr);
      if (!ip) return c.error(p, `"${a}" is not an IP address`);
      if (prefix !== undefined && !parseNetwork(a)) return c.error(p, `"${a}" has a bad prefix length`);
      const other = addresses.get(addr);
      if (other && other !== path) c.error(p, `${addr} is already the address of ${other}`);
      addresses.set(addr, path);
    });
  }
  if (h.kind !== undefined && !['server', 'workstation', 'internet'].includes(h.kind as string)) c.error(join(path, 'kind'), `must be server, workstation or internet, not ${describe(h.kind)}`);
  if (h.up !== undefined && typeof h.up !== 'boolean') c.error(join(path, 'up'), `must be true or false, not ${describe(h.up)}`);
  for (const field of ['accounts', 'system_accounts'] as const) {
    if (h[field] === undefined || !c.isArray(h[field], join(path, field))) continue;
    (h[field] as unknown[]).forEach((u, i) => {
      const p = join(join(path, field), i);
      if (c.isString(u, p) && !USERNAME.test(u)) c.error(p, `"${u}" is not a user name (lower case letters, digits, _ and -)`);
    });
  }
  for (const field of ['resolv_conf', 'hosts_file', 'cyrus_sasl_conf'] as const) if (h[field] !== undefined) c.isString(h[field], join(path, field));
  checkPostfix(c, h, path);
  if (h.sasl !== undefined && c.isArray(h.sasl, join(path, 'sasl'))) {
    h.sasl.forEach((u, i) => {
      const p = join(join(path, 'sasl'), i);
      if (!c.isObject(u, p)) return;
      c.isString(u.user, join(p, 'user'));
      c.isString(u.password, join(p, 'password'));
    });
  }
  if (h.files !== undefined && c.isObject(h.files, join(path, 'files'))) {
    for (const [file, text] of Object.entries(h.files)) {
      const p = join(join(path, 'files'), file);
      if (!file.startsWith('/')) c.error(p, 'a file path must be absolute, e.g. /home/alice/.procmailrc');
      c.isString(text, p);
    }
  }
  if (h.mailboxes !== undefined && c.isObject(h.mailboxes, join(path, 'mailboxes'))) {
    for (const [user, msgs] of Object.entries(h.mailboxes)) {
      const p = join(join(path, 'mailboxes'), user);
      if (c.isArray(msgs, p)) msgs.forEach((m, i) => c.isString(m, join(p, i)));
    }
  }
  if (h.dovecot !== undefined && c.isObject(h.dovecot, join(path, 'dovecot')) && h.dovecot.conf !== undefined) c.isString(h.dovecot.conf, join(join(path, 'dovecot'), 'conf'));
  if (h.uidvalidity !== undefined && (typeof h.uidvalidity !== 'number' || !Number.isInteger(h.uidvalidity) || h.uidvalidity < 1 || h.uidvalidity > 0xffffffff)) {
    c.error(join(path, 'uidvalidity'), `must be a whole number from 1 to 4294967295, not ${describe(h.uidvalidity)}`);
  }
  if (h.sql !== undefined && c.isObject(h.sql, join(path, 'sql'))) {
    for (const [table, spec] of Object.entries(h.sql)) {
      const p = join(join(path, 'sql'), table);
      if (!c.isObject(spec, p)) continue;
      if (c.isArray(spec.columns, join(p, 'columns'))) spec.columns.forEach((col, i) => c.isString(col, join(join(p, 'columns'), i)));
      if (!c.isArray(spec.rows, join(p, 'rows'))) continue;
      spec.rows.forEach((row, i) => {
        const rp = join(join(p, 'rows'), i);
        if (!c.isArray(row, rp)) return;
        row.forEach((cell, j) => {
          if (cell !== null && typeof cell !== 'string' && typeof cell !== 'number') c.error(join(rp, j), `must be text, a number or null, not ${describe(cell)}`);
        });
      });
    }
  }
  if (h.dns !== undefined) checkDns(c, h.dns, join(path, 'dns'));
  if (h.sinks !== undefined && c.isArray(h.sinks, join(path, 'sinks'))) {
    h.sinks.forEach((sink, i) => {
      const p = join(join(path, 'sinks'), i);
      if (!c.isObject(sink, p)) return;
      if (!Number.isInteger(sink.port) || (sink.port as number) < 1 || (sink.port as number) > 65535) c.error(join(p, 'port'), `must be a port number 1-65535, not ${describe(sink.port)}`);
    });
  }
}

/** The Postfix part of a host: main_cf, aliases, maps... */
function checkPostfix(c: Checker, pf: Obj, path: string): void {
  const mainCf = pf.main_cf;
  if (mainCf !== undefined && typeof mainCf !== 'string' && c.isObject(mainCf, join(path, 'main_cf'))) {
    for (const [name, value] of Object.entries(mainCf)) {
      const p = join(join(path, 'main_cf'), name);
      if (!c.isString(value, p)) continue;
      const problem = checkParameterValue(name, value);
      if (problem) c.warn(p, problem);
    }
  }
  for (const f of ['master_cf', 'aliases', 'ccargs'] as const) if (pf[f] !== undefined) c.isString(pf[f], join(path, f));
  if (pf.maps !== undefined && c.isObject(pf.maps, join(path, 'maps'))) {
    for (const [file, text] of Object.entries(pf.maps)) {
      const p = join(join(path, 'maps'), file);
      if (!file.startsWith('/')) c.error(p, 'a table path must be absolute, e.g. /etc/postfix/access');
      c.isString(text, p);
    }
  }
}

function checkDns(c: Checker, dns: unknown, path: string): void {
  if (!c.isObject(dns, path)) return;
  for (const f of ['recursion', 'silent']) if (dns[f] !== undefined && typeof dns[f] !== 'boolean') c.error(join(path, f), `must be true or false, not ${describe(dns[f])}`);
  if (!c.isArray(dns.zones, join(path, 'zones'))) return;
  const ttl = (v: unknown, p: string) => {
    if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 2147483647)) c.error(p, `must be a TTL in seconds, not ${describe(v)}`);
  };
  dns.zones.forEach((z, i) => {
    const p = join(join(path, 'zones'), i);
    if (!c.isObject(z, p)) return;
    if (c.isString(z.origin, join(p, 'origin')) && z.origin !== '.' && !HOSTNAME.test(z.origin)) c.error(join(p, 'origin'), `"${z.origin}" is not a domain name`);
    if (z.file !== undefined) c.isString(z.file, join(p, 'file'));
    ttl(z.ttl, join(p, 'ttl'));
    if (z.records === undefined) return;
    if (!c.isArray(z.records, join(p, 'records'))) return;
    z.records.forEach((r, j) => {
      const rp = join(join(p, 'records'), j);
      if (!c.isObject(r, rp)) return;
      c.isString(r.name, join(rp, 'name'));
      ttl(r.ttl, join(rp, 'ttl'));
      if (!c.isString(r.type, join(rp, 'type'))) return;
      if (!RECORD_TYPES.has(r.type.toUpperCase())) return c.error(join(rp, 'type'), `"${r.type}" is not a record type mailsim knows (${[...RECORD_TYPES].join(', ')})`);
      if (!c.isString(r.value, join(rp, 'value'))) return;
      const problem = recordValueProblem(r.type.toUpperCase(), r.value);
      if (problem) c.error(join(rp, 'value'), problem);
    });
  });
}

function recordValueProblem(type: string, value: string): string | undefined {
  switch (type) {
    case 'A':
      return parseIp(value)?.family === 4 ? undefined : `"${value}" is not an IPv4 address`;
    case 'AAAA':
      return parseIp(value)?.family === 6 ? undefined : `"${value}" is not an IPv6 address`;
    case 'MX':
      return /^\d{1,5}\s+\S+$/.test(value.trim()) ? undefined : `"${value}" is not "preference host", e.g. "10 mail.example.com."`;
    case 'CNAME':
    case 'NS':
    case 'PTR':
      return HOSTNAME.test(value.trim()) ? undefined : `"${value}" is not a host name`;
    default:
      return undefined;
  }
}

function checkStep(c: Checker, step: unknown, path: string, hosts: Set<string>): void {
  if (!c.isObject(step, path)) return;
  if (typeof step.at !== 'number' || !Number.isFinite(step.at) || step.at < 0) c.error(join(path, 'at'), `must be a time in ms >= 0, not ${describe(step.at)}`);
  if (c.isString(step.host, join(path, 'host')) && !hosts.has(step.host.toLowerCase())) c.error(join(path, 'host'), `there is no host "${step.host}"`);
  const action = step.action;
  // Optional fields are checked too: the script runner uses them as they are.
  const optionalString = (f: string) => step[f] === undefined || c.isString(step[f], join(path, f));
  const optionalPort = () => {
    if (step.port !== undefined && (typeof step.port !== 'number' || !Number.isInteger(step.port) || step.port < 1 || step.port > 65535)) c.error(join(path, 'port'), `must be a port number, not ${describe(step.port)}`);
  };
  switch (action) {
    case 'dialogue':
      c.isString(step.to, join(path, 'to'));
      optionalPort();
      if (c.isArray(step.lines, join(path, 'lines'))) step.lines.forEach((l, i) => c.isString(l, join(join(path, 'lines'), i)));
      break;
    case 'send':
      c.isString(step.from, join(path, 'from'));
      if (c.isArray(step.to, join(path, 'to'))) step.to.forEach((t, i) => c.isString(t, join(join(path, 'to'), i)));
      for (const f of ['subject', 'body', 'server']) optionalString(f);
      optionalPort();
      if (step.auth !== undefined && c.isObject(step.auth, join(path, 'auth'))) {
        const auth = step.auth;
        for (const f of ['user', 'password']) c.isString(auth[f], join(join(path, 'auth'), f));
        if (auth.mechanism !== undefined) c.isString(auth.mechanism, join(join(path, 'auth'), 'mechanism'));
      }
      break;
    case 'shell':
      c.isString(step.command, join(path, 'command'));
      if (step.terminal !== undefined && (typeof step.terminal !== 'number' || !Number.isInteger(step.terminal) || step.terminal < 1)) c.error(join(path, 'terminal'), `must be a terminal number from 1, not ${describe(step.terminal)}`);
      break;
    case 'fetch':
      if (step.protocol !== 'pop3' && step.protocol !== 'imap') c.error(join(path, 'protocol'), `must be pop3 or imap, not ${describe(step.protocol)}`);
      for (const f of ['server', 'user', 'password']) c.isString(step[f], join(path, f));
      break;
    case 'write':
      if (c.isString(step.path, join(path, 'path')) && !step.path.startsWith('/')) c.error(join(path, 'path'), 'must be an absolute path');
      c.isString(step.text, join(path, 'text'));
      break;
    case 'down':
    case 'up':
      break;
    default:
      c.error(join(path, 'action'), `must be one of dialogue, send, shell, fetch, write, down, up — not ${describe(action)}`);
  }
}

export { SCENARIO_VERSION };
