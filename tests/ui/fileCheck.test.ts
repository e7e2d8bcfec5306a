import { describe, expect, it } from 'vitest';
import { checkConfigFile } from '../../src/sim/introspect/fileCheck';
import { zoneText } from '../../src/sim/introspect/zoneText';
import { DEFAULT_LESSON } from '../../src/lessons/defaultLesson';

describe('the editor checks', () => {
  it('says what postconf and the daemons say about main.cf, at the line', () => {
    const text = 'compatibility_level = 3.6\nfoo bar\nsmtpd_helo_required = maybe\nbogus_param = 1\nmyhostname = a\nmyhostname = b\n';
    const r = checkConfigFile('/etc/postfix/main.cf', text, { hostname: 'mail.example.com' });
    expect(r.problems.map((p) => [p.level, p.line, p.text])).toEqual([
      ['fatal', 2, `postconf: fatal: /etc/postfix/main.cf, line 2: missing '=' after attribute name: "foo bar"`],
      ['warning', 6, 'postconf: warning: /etc/postfix/main.cf, line 6: overriding earlier entry: myhostname=a'],
      ['warning', 4, 'postconf: warning: /etc/postfix/main.cf: unused parameter: bogus_param=1'],
      ['fatal', 3, 'postfix: fatal: bad boolean configuration: smtpd_helo_required = maybe'],
    ]);
  });

  it('passes the default lesson main.cf without a word', () => {
    const mainCf = Object.entries(DEFAULT_LESSON.hosts[1].main_cf as Record<string, string>).map(([k, v]) => `${k} = ${v}`).join('\n');
    expect(checkConfigFile('/etc/postfix/main.cf', mainCf, { hostname: 'mail.example.com' }).problems).toEqual([]);
  });

  it('checks aliases as newaliases and zones as named-checkzone', () => {
    expect(checkConfigFile('/etc/aliases', 'staff ansible\n', { hostname: 'm' }).problems[0].text).toBe('postalias: warning: /etc/aliases, line 1: need name:value pair');
    const zone = DEFAULT_LESSON.hosts[1].dns!.zones[0];
    const ok = checkConfigFile('zone', zoneText(zone), { hostname: 'm', zoneOrigin: zone.origin });
    expect(ok.report?.slice(-1)).toEqual(['OK']);
    const bad = checkConfigFile('zone', `${zoneText(zone)}www IN A 300.1.1.1\n`, { hostname: 'm', zoneOrigin: zone.origin });
    expect(bad.problems[0]).toMatchObject({ level: 'error', text: expect.stringContaining('bad dotted quad') });
  });
});
