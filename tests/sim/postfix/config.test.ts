/**
 * Postfix's computed defaults, checked against the values `postconf -x` printed on the recording
 * host for compatibility_level 3.6 and 0 (tests/conformance/shared/postconf-defaults.json).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PostfixConfig } from '../../../src/sim/postfix/config';
import { hostInterfaces } from '../../../src/sim/postfix/interfaces';

const recorded = JSON.parse(readFileSync(new URL('../../conformance/shared/postconf-defaults.json', import.meta.url), 'utf8'));
const host = { hostname: 'mail.example.com', interfaces: hostInterfaces([]) };

describe.each(['3.6', '0'])('defaults at compatibility_level %s', (level) => {
  const cfg = new PostfixConfig(`compatibility_level = ${level}\n`, host);
  const want: Record<string, string> = recorded[`compatibility_level=${level}`];
  it.each(Object.keys(want))('%s', (name) => {
    expect(cfg.get(name)).toBe(want[name]);
  });
});

describe('computed values', () => {
  it('mynetworks follows mynetworks_style and the interfaces', () => {
    const lan = { hostname: 'mail.example.com', interfaces: hostInterfaces(['192.168.1.10/24']) };
    expect(new PostfixConfig('mynetworks_style = host\ninet_protocols = ipv4\n', lan).get('mynetworks')).toBe('127.0.0.1/32 192.168.1.10/32');
    expect(new PostfixConfig('mynetworks_style = subnet\ninet_protocols = ipv4\n', lan).get('mynetworks')).toBe('127.0.0.0/8 192.168.1.0/24');
    expect(new PostfixConfig('mynetworks_style = class\ninet_protocols = ipv4\n', lan).get('mynetworks')).toBe('127.0.0.0/8 192.168.1.0/24');
    expect(new PostfixConfig('compatibility_level = 0\n', lan).get('mynetworks')).toBe('127.0.0.0/8 192.168.1.0/24 [::1]/128');
  });

  it('fails on a bad number the way Postfix does', () => {
    const cfg = new PostfixConfig('message_size_limit = ten megabytes\n', host);
    expect(() => cfg.int('message_size_limit')).toThrow('bad numerical configuration: message_size_limit = ten megabytes');
  });

  it('reports parameters Postfix does not know', () => {
    const cfg = new PostfixConfig('foo_bar = baz\nmyhostname = x.example.com\n', host);
    expect(cfg.postconfWarnings()).toEqual(['/etc/postfix/main.cf: unused parameter: foo_bar=baz']);
  });
});
