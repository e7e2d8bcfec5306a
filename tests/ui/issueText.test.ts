/**
 * Scenario validation messages in the interface language: every message the validator writes
 * for a broken scenario reads in Chinese when the interface is in Chinese, with the offending
 * value kept as the user wrote it.
 */
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/sim/scenario/validate';
import { issueText } from '../../src/ui/i18n/issueText';

const BROKEN: unknown[] = [
  { version: 99, hosts: [] },
  { version: 2, hosts: [] },
  { version: 2, seed: -1, start: 'yesterday', timezone: 'Mars', extra: 1, hosts: 'none' },
  {
    version: 2,
    networks: [{ name: '', cidr: '10.0.0.0/33' }],
    hosts: [
      { name: 'bad host', addresses: ['300.1.1.1', '10.0.0.1/40'], kind: 'router', up: 'yes', accounts: ['Alice'], uidvalidity: 0 },
      { name: 'a.example.com', addresses: ['10.0.0.1/24'] },
      { name: 'b.example.com', addresses: ['10.0.0.1/24'], main_cf: { mynetworks: '10.0.0.0/33' } },
      { name: 'a.example.com', addresses: ['10.0.0.2/24'], maps: { 'etc/postfix/access': 'x' }, files: { 'home/x': 'y' } },
      {
        name: 'dns.example.com',
        addresses: ['10.0.0.3/24'],
        dns: {
          recursion: 'yes',
          zones: [{ origin: 'bad domain!', ttl: 'long', records: [{ name: '@', type: 'WKS', value: 'x' }, { name: '@', type: 'A', value: '::1' }, { name: '@', type: 'MX', value: 'mail' }, { name: '@', type: 'AAAA', value: '1.2.3.4' }] }],
        },
      },
    ],
    script: [
      { at: -5, host: 'nowhere', action: 'fly' },
      { at: 0, host: 'a.example.com', action: 'fetch', protocol: 'smtp', server: 'x', user: 'u', password: 'p' },
      { at: 0, host: 'a.example.com', action: 'dialogue', to: 'x', port: 'twenty-five', lines: [] },
      { at: 0, host: 'a.example.com', action: 'shell', command: 'ls', terminal: 0 },
      { at: 0, host: 'a.example.com', action: 'write', path: 'relative', text: '' },
    ],
  },
];

const messages = [...new Set(BROKEN.flatMap((s) => validateScenario(s).issues.map((i) => i.message)))];

describe('validation messages in Chinese', () => {
  it('covers a broad set of the validator\'s messages', () => {
    expect(messages.length).toBeGreaterThan(25);
  });

  it.each(messages)('%s', (message) => {
    const zh = issueText(message, 'zh-CN');
    // What is left after the quoted values and names are taken out must not be English prose.
    const prose = zh.replace(/"[^"]*"/g, '').replace(/\b\w+\[\d+\]/g, '').replace(/\b[\w./:@-]+\b/g, (w) => (/^[a-z]+$/.test(w) && w.length > 3 && !/^(true|false|null|pop3|imap|server|workstation|internet|dialogue|send|shell|fetch|write|down|up|mailsim)$/.test(w) ? `!${w}!` : ''));
    expect(prose, zh).not.toMatch(/![a-z]+!/);
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    // Quoted values stay as written; "preference host" names a format and is translated.
    for (const quoted of message.match(/"[^"]*"/g) ?? []) if (quoted !== '"preference host"') expect(zh).toContain(quoted);
  });

  it('leaves English alone, and an unknown message as it is', () => {
    expect(issueText('must not be empty', 'en')).toBe('must not be empty');
    expect(issueText('something new', 'zh-CN')).toBe('something new');
  });
});
