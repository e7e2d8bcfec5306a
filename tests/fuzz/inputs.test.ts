/**
 * What a teacher types or a link carries is untrusted: scenarios (valid, damaged, or any JSON),
 * main.cf texts, aliases files, zone files and URL fragments. Each either loads or comes back
 * with a problem that names its place (a field path, a file and line); nothing throws, and a
 * scenario that validates also builds a world that runs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../src/lessons';
import { decodeState, encodeState, type LessonSource } from '../../src/share/urlCodec';
import { Engine } from '../../src/sim/engine';
import { checkConfigFile } from '../../src/sim/introspect/fileCheck';
import { validateScenario } from '../../src/sim/scenario/validate';
import type { Scenario } from '../../src/sim/scenario/schema';
import { mutated, NASTY, runs, timeoutFor } from './mutate';

const lessons: LessonSource = { scenarioOf: (id) => LESSONS.find((l) => l.id === id)?.scenario };
const STEP_LIMIT = 300_000;

/** Builds and runs a scenario for a simulated hour, bounded; throws what the engine throws. */
function runScenario(scenario: Scenario): Engine {
  const engine = new Engine(scenario);
  engine.runUntilQuiet(STEP_LIMIT);
  engine.advanceTo(engine.now + 3_600_000, STEP_LIMIT);
  return engine;
}

// ---- damaged scenarios ---------------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const junkValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, 0, -1, 1e308, 0.5, '', ' ', 'x', '__proto__', '192.168.1.1/33', '::1', 'mail.example.com', '$myhostname', '${{$compatibility_level} <level {2} ? {a} : {b}}', '1h', 'IN', '10 mx.', [], {}, [''], { name: 'x' }),
  fc.constantFrom(...NASTY),
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
);

type Damage = { path: number[]; kind: 'delete' | 'replace' | 'add' | 'duplicate'; value: Json; key: string };

const damage: fc.Arbitrary<Damage> = fc.record({
  path: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
  kind: fc.constantFrom('delete', 'replace', 'add', 'duplicate'),
  value: junkValue,
  key: fc.constantFrom('extra', 'version', 'hosts', 'main_cf', 'addresses', 'records', 'zones', 'script', 'at', 'action', 'up', 'dns', 'sasl', 'mailboxes', '__proto__', 'constructor'),
});

/** Walks `path` (each step picks a child by index among the keys) and damages what it finds. */
function applyDamage(root: Json, d: Damage): Json {
  let node: Json = root;
  for (let depth = 0; depth < d.path.length; depth++) {
    if (node === null || typeof node !== 'object') return root;
    const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    if (keys.length === 0) break;
    const k = keys[d.path[depth] % keys.length];
    const child: Json = (node as Record<string | number, Json>)[k];
    const last = depth === d.path.length - 1 || child === null || typeof child !== 'object';
    if (!last) {
      node = child;
      continue;
    }
    const holder = node as Record<string | number, Json>;
    if (d.kind === 'delete') {
      if (Array.isArray(node)) node.splice(k as number, 1);
      else delete holder[k];
    } else if (d.kind === 'replace') holder[k] = d.value;
    else if (d.kind === 'duplicate' && Array.isArray(node)) node.push(structuredClone(child));
    else if (!Array.isArray(node)) Object.defineProperty(holder, d.key, { value: d.value, enumerable: true, writable: true, configurable: true });
    return root;
  }
  return root;
}

const damagedScenario = fc
  .tuple(fc.nat({ max: LESSONS.length - 1 }), fc.array(damage, { minLength: 0, maxLength: 4 }))
  .map(([i, ds]) => ds.reduce<Json>((s, d) => applyDamage(s, d), structuredClone(LESSONS[i].scenario) as unknown as Json));

const seen = { refused: 0, ran: 0 };

function checkValidation(input: unknown): void {
  const { scenario, issues } = validateScenario(input);
  for (const issue of issues) {
    expect(typeof issue.path).toBe('string');
    expect(issue.message.length).toBeGreaterThan(0);
  }
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) {
    // An error in a scenario names its field ("hosts.1.main_cf.mynetworks").
    if (typeof input === 'object' && input !== null && !Array.isArray(input)) for (const e of errors) expect(e.path, e.message).not.toBe('');
    seen.refused++;
    return;
  }
  expect(scenario).toBeDefined();
  runScenario(scenario!);
  seen.ran++;
}

describe('scenarios as untrusted input', () => {
  const n = runs(60, 4);
  it(`validates damaged lessons, and runs the ones that pass (${n} scenarios)`, { timeout: timeoutFor(n, 200) }, () => {
    fc.assert(fc.property(damagedScenario, (s) => checkValidation(s)), { numRuns: n, seed: 31 });
    // Both fates must be reached, or the property proves little.
    expect(seen.refused).toBeGreaterThan(0);
    expect(seen.ran).toBeGreaterThan(0);
  });

  const m = runs(300);
  it(`validates any JSON without throwing (${m} values)`, { timeout: timeoutFor(m, 5) }, () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.record({ version: fc.jsonValue(), hosts: fc.array(fc.jsonValue(), { maxLength: 3 }) })), (v) => {
        const { issues } = validateScenario(v);
        expect(Array.isArray(issues)).toBe(true);
      }),
      { numRuns: m, seed: 32 },
    );
  });
});

// ---- configuration files ---------------------------------------------------------------------

const PARAMS = ['myhostname', 'mydomain', 'myorigin', 'mydestination', 'mynetworks', 'mynetworks_style', 'inet_interfaces', 'inet_protocols', 'relayhost', 'relay_domains', 'alias_maps', 'alias_database', 'home_mailbox', 'mail_spool_directory', 'mailbox_command', 'compatibility_level', 'smtpd_recipient_restrictions', 'smtpd_relay_restrictions', 'smtpd_client_restrictions', 'smtpd_banner', 'message_size_limit', 'smtpd_timeout', 'virtual_alias_maps', 'virtual_mailbox_domains', 'transport_maps', 'smtpd_sasl_auth_enable', 'bogus_parameter'];
const VALUES = ['$myhostname', '${mydomain}', '$(myorigin)', '${undefined_thing?x}', '${{$compatibility_level} <level {2} ? {subnet} : {host}}', 'hash:/etc/aliases', 'hash:/nonexistent', 'mysql:/etc/postfix/x.cf', 'regexp:/etc/x', 'all', 'loopback-only', 'ipv4, ipv6', 'bogus', '127.0.0.0/8 [::1]/128 10.0.0.0/33', '[mail.example.net]:2525', 'permit_mynetworks, reject_unauth_destination', 'check_sender_access', '0', '-1', '10x', '300s', 'yes', 'maybe', 'Maildir/', '/usr/bin/procmail -a "$EXTENSION"', '$$', '$', '${', '}', '3.6', '2', '0', ''];

const mainCfLine = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...PARAMS), fc.constantFrom(' = ', '=', ' =', '= ', ' '), fc.array(fc.constantFrom(...VALUES), { minLength: 1, maxLength: 3 })).map(([p, eq, v]) => `${p}${eq}${v.join(', ')}`) },
  { weight: 1, arbitrary: fc.constantFrom('# comment', '', '  continued value', '\tmore', '=novalue', 'noequals', ' leading = space') },
  { weight: 2, arbitrary: mutated(fc.constantFrom('myhostname = mail.example.com', 'mydestination = $myhostname, localhost'), 3) },
);
const mainCfText = fc.array(mainCfLine, { maxLength: 12 }).map((lines) => lines.join('\n'));

const zoneLine = fc.oneof(
  fc.constantFrom('$TTL 3600', '$ORIGIN example.com.', '$ORIGIN', '$INCLUDE /etc/x', '$GENERATE 1-3 h$ A 10.0.0.$', '@ IN SOA ns.example.com. root.example.com. 1 3600 900 604800 300', '@ IN SOA ns. root. ( 1 2', '3 4 5 )', '@ NS ns.example.com.', 'ns A 192.168.1.1', 'mail A 999.1.1.1', '@ MX 10 mail', '@ MX mail', 'www CNAME mail', 'www CNAME other', '@ TXT "v=spf1 -all" "two"', '@ TXT "unterminated', 'x AAAA ::1', 'x AAAA 1::2::3', '1 PTR mail.example.com.', '_sip._tcp SRV 0 5 5060 sip', 'a.b.c.d.e A 10.0.0.1', '* A 10.0.0.2', '; comment', ''),
  mutated(fc.constantFrom('mail 3600 IN A 192.168.1.1', '@ IN MX 10 mail.example.com.'), 3),
);
const zoneText = fc.array(zoneLine, { maxLength: 12 }).map((lines) => lines.join('\n'));

const aliasesText = fc
  .array(fc.oneof(fc.constantFrom('postmaster: root', 'staff: ansible, alice', 'loop: loop', 'pipe: |/bin/cat', 'file: /tmp/x', 'inc: :include:/etc/x', 'remote: bob@example.net', '  continued', 'nocolon', ': empty', '"quoted name": alice'), mutated(fc.constantFrom('staff: ansible, alice'), 3)), { maxLength: 8 })
  .map((l) => l.join('\n'));

/** The default lesson's mail server with these files. */
function withFiles(mainCf: string, aliases: string, zone: string): Scenario {
  const s = structuredClone(LESSONS[0].scenario);
  delete s.script;
  const mail = s.hosts.find((h) => h.name === 'mail.example.com')!;
  mail.main_cf = mainCf;
  mail.aliases = aliases;
  mail.dns = { zones: [{ origin: 'example.com', file: zone }] };
  s.script = [
    { at: 1000, host: 'ws.example.com', action: 'send', from: 'student@ws.example.com', to: ['staff@example.com', 'loop@example.com', 'pipe@example.com'], subject: 'x', body: 'y', server: 'mail.example.com' },
    { at: 2000, host: 'mail.example.com', action: 'shell', command: 'postconf -n' },
    { at: 3000, host: 'mail.example.com', action: 'shell', command: 'newaliases' },
    { at: 4000, host: 'ws.example.com', action: 'shell', command: 'dig @192.168.1.1 example.com any' },
    { at: 5000, host: 'mail.example.com', action: 'shell', command: 'postfix reload' },
  ];
  return s;
}

const files = { refused: 0, ran: 0 };

describe('configuration files as untrusted input', () => {
  const n = runs(80, 4);
  it(`main.cf, aliases and zone files load or are refused with their place, in the editor and in a running world (${n} sets)`, { timeout: timeoutFor(n, 150) }, () => {
    fc.assert(
      fc.property(mainCfText, aliasesText, zoneText, (mainCf, aliases, zone) => {
        for (const [path, text] of [['/etc/postfix/main.cf', mainCf], ['/etc/aliases', aliases], ['/var/named/example.com.zone', zone]] as const) {
          const check = checkConfigFile(path, text, { hostname: 'mail.example.com', zoneOrigin: 'example.com' });
          for (const p of check.problems) {
            expect(p.text.length).toBeGreaterThan(0);
            // A problem on a line says which one, inside the file.
            if (p.line !== undefined) expect(p.line).toBeGreaterThanOrEqual(1);
            if (p.line !== undefined) expect(p.line).toBeLessThanOrEqual(text.split('\n').length + 1);
          }
        }
        const s = withFiles(mainCf, aliases, zone);
        const { scenario, issues } = validateScenario(s);
        if (!scenario || issues.some((i) => i.severity === 'error')) {
          for (const i of issues) expect(i.path.length).toBeGreaterThan(0);
          files.refused++;
          return;
        }
        runScenario(scenario);
        files.ran++;
      }),
      { numRuns: n, seed: 33 },
    );
    expect(files.ran).toBeGreaterThan(n / 4);
  });
});

// ---- links ------------------------------------------------------------------------------------

describe('URL fragments as untrusted input', () => {
  const n = runs(200, 2);
  it(`opens or refuses any fragment with a message, never throws (${n} fragments)`, { timeout: timeoutFor(n, 20) }, async () => {
    const valid = await Promise.all([
      encodeState({ scenario: LESSONS[1].scenario, lessonId: LESSONS[1].id, time: 5000, lang: 'zh-CN' }, lessons),
      encodeState({ scenario: { ...LESSONS[0].scenario, title: 'changed' }, lessonId: LESSONS[0].id }, lessons),
      encodeState({ scenario: LESSONS[3].scenario }, lessons),
    ]);
    const fragment = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.constantFrom(...valid).chain((v) => mutated(fc.constant(v), 4)),
      fc.constantFrom('#', '#S=', '#L=', '#L=telnet&t=-1', '#L=telnet&t=1e999', '#L=__proto__', '#S=AAAA', '#S=////', '#S=' + 'A'.repeat(400_000)),
      fc.base64String({ maxLength: 400 }).map((b) => `#S=${b.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`),
    );
    await fc.assert(
      fc.asyncProperty(fragment, async (f) => {
        const r = await decodeState(f, lessons);
        if ('error' in r) expect(r.error.length).toBeGreaterThan(0);
        else {
          expect(r.state.scenario.hosts.length).toBeGreaterThan(0);
          for (const i of r.issues) expect(i.path.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: n, seed: 34 },
    );
  });
});
