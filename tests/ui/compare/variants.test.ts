import { describe, expect, it } from 'vitest';
import { POSTCONF_LESSON } from '../../../src/lessons/library/postconf';
import type { HostSpec } from '../../../src/sim/scenario/schema';
import { validateScenario } from '../../../src/sim/scenario/validate';
import { getParam, setParam } from '../../../src/ui/compare/mainCfParams';
import { PRESETS, otherCompat } from '../../../src/ui/compare/presets';
import { defaultProbe, probeTime, withProbe } from '../../../src/ui/compare/probe';
import { describeChanges } from '../../../src/ui/compare/scenarioChanges';
import { RELAY_A, RELAY_B } from './fixtures';

const preset = (id: string) => PRESETS.find((p) => p.id === id)!;

describe('main.cf parameters of a scenario host', () => {
  it.each([
    { cf: { mynetworks: '10.0.0.0/8' }, name: 'mynetworks', value: '127.0.0.0/8', expected: { mynetworks: '127.0.0.0/8' } },
    { cf: { mynetworks: '10.0.0.0/8' }, name: 'mynetworks', value: undefined, expected: {} },
    { cf: 'myhostname = a\nmynetworks = 10.0.0.0/8,\n    192.168.0.0/16\n', name: 'mynetworks', value: '127.0.0.0/8', expected: 'myhostname = a\nmynetworks = 127.0.0.0/8\n' },
    { cf: 'myhostname = a\n', name: 'compatibility_level', value: '3.6', expected: 'myhostname = a\ncompatibility_level = 3.6\n' },
    { cf: 'myhostname = a\nrelayhost = x\n', name: 'relayhost', value: undefined, expected: 'myhostname = a\n' },
  ])('sets $name in $cf', ({ cf, name, value, expected }) => {
    const host: HostSpec = { name: 'h', addresses: [], main_cf: structuredClone(cf) };
    setParam(host, name, value);
    expect(host.main_cf).toEqual(expected);
    expect(getParam(host, name)).toBe(value);
  });

  it('reads a value continued on the next line, and the last setting', () => {
    expect(getParam({ name: 'h', addresses: [], main_cf: 'mynetworks = a,\n  b\nmynetworks = c\n' }, 'mynetworks')).toBe('c');
    expect(getParam({ name: 'h', addresses: [], main_cf: 'mynetworks = a,\n  b\n' }, 'mynetworks')).toBe('a, b');
    expect(getParam({ name: 'h', addresses: [] }, 'mynetworks')).toBeUndefined();
  });
});

describe('presets', () => {
  it('switches compatibility_level between 0 and today’s 3.6 on every Postfix host', () => {
    expect(otherCompat(RELAY_A)).toBe('0');
    const b = preset('compat').apply(RELAY_A)!;
    expect(b.hosts.filter((h) => h.main_cf).map((h) => getParam(h, 'compatibility_level'))).toEqual(['0', '0']);
    const back = preset('compat').apply(POSTCONF_LESSON.scenario)!;
    expect(getParam(back.hosts[0], 'compatibility_level')).toBe('3.6');
  });

  it('changes mynetworks or switches a host off, and never touches A', () => {
    const before = JSON.stringify(RELAY_A);
    expect(getParam(preset('mynetworksLocal').apply(RELAY_A, 'mail.example.com')!.hosts[0], 'mynetworks')).toBe('127.0.0.0/8');
    expect(getParam(preset('openRelay').apply(RELAY_A, 'mail.example.com')!.hosts[0], 'mynetworks')).toBe('0.0.0.0/0');
    expect(preset('hostDown').apply(RELAY_A, 'mx.example.net')!.hosts[3].up).toBe(false);
    expect(JSON.stringify(RELAY_A)).toBe(before);
  });

  it('does not apply where it makes no sense, and says so without copying the scenario', () => {
    for (const p of PRESETS) for (const host of ['ws.example.com', 'mail.example.com', 'none']) expect(p.applies(RELAY_A, host)).toBe(p.apply(RELAY_A, host) !== undefined);
    expect(preset('mynetworksLocal').apply(RELAY_A, 'ws.example.com')).toBeUndefined();
    expect(preset('hostDown').apply(RELAY_A, 'no.such.host')).toBeUndefined();
    expect(preset('compat').apply({ version: 2, hosts: [{ name: 'a', addresses: [] }] })).toBeUndefined();
  });

  it('gives valid scenarios', () => {
    for (const p of PRESETS) {
      const b = p.apply(RELAY_A, p.target === 'any' ? 'mx.example.net' : 'mail.example.com')!;
      expect(validateScenario(b).issues.filter((i) => i.severity === 'error')).toEqual([]);
    }
  });
});

describe('the test message added to both runs', () => {
  it('goes from a workstation through the first server to a user beyond it, after the script', () => {
    const probe = defaultProbe(RELAY_A)!;
    expect(probe).toEqual({ client: 'ws.example.com', server: 'mail.example.com', from: 'student@example.com', to: 'bob@example.net' });
    expect(probeTime(RELAY_A)).toBe(2000);
    const s = withProbe(RELAY_A, { ...probe, to: 'bob@example.net, carol@example.net' }, 'Test');
    expect(s.script?.at(-1)).toEqual({ at: 2000, host: 'ws.example.com', action: 'send', server: 'mail.example.com', from: 'student@example.com', to: ['bob@example.net', 'carol@example.net'], subject: 'Test', body: 'Test' });
    expect(validateScenario(s).issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(RELAY_A.script).toHaveLength(1);
  });

  it('writes to another domain the name server knows when there is only one server', () => {
    expect(defaultProbe(POSTCONF_LESSON.scenario)).toEqual({ client: 'ws.example.com', server: 'mail.example.com', from: 'student@example.com', to: 'postmaster@example.net' });
    expect(defaultProbe({ version: 2, hosts: [{ name: 'mail.example.com', addresses: ['10.0.0.1/24'], main_cf: {}, accounts: ['alice'] }] })).toEqual({
      client: 'mail.example.com',
      server: 'mail.example.com',
      from: 'alice@example.com',
      to: 'alice@example.com',
    });
    expect(defaultProbe({ version: 2, hosts: [{ name: 'ws', addresses: [] }] })).toBeUndefined();
  });
});

describe('describeChanges', () => {
  it('says which host and which main.cf parameter B changes', () => {
    expect(describeChanges(RELAY_A, RELAY_B)).toEqual([
      { path: 'hosts.0.main_cf.mynetworks', host: 'mail.example.com', field: 'main.cf mynetworks', before: '127.0.0.0/8, 192.168.1.0/24, 10.0.0.0/8', after: '127.0.0.0/8, 192.168.1.0/24' },
    ]);
  });

  it('describes a switched-off host, an added parameter and a new script step', () => {
    const b = structuredClone(RELAY_A);
    b.hosts[3].up = false;
    (b.hosts[0].main_cf as Record<string, string>).smtpd_helo_required = 'yes';
    const withStep = withProbe(b, defaultProbe(RELAY_A)!, 'Test');
    expect(describeChanges(RELAY_A, withStep)).toEqual([
      { path: 'hosts.0.main_cf.smtpd_helo_required', host: 'mail.example.com', field: 'main.cf smtpd_helo_required', before: undefined, after: 'yes' },
      { path: 'hosts.3.up', host: 'mx.example.net', field: 'up', before: undefined, after: 'false' },
      { path: 'script.1', field: 'script 2', before: undefined, after: '2 s, ws.example.com: send student@example.com → bob@example.net via mail.example.com' },
    ]);
    expect(describeChanges(RELAY_A, RELAY_A)).toEqual([]);
  });
});
