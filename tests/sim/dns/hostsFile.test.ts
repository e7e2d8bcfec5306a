import { describe, expect, it } from 'vitest';
import { addressesFor, hostsWithDefaults, nameFor, parseHostsFile } from '../../../src/sim/dns/hostsFile';

describe('/etc/hosts', () => {
  it('parses address and names, skipping comments and junk', () => {
    expect(parseHostsFile('# c\n192.0.2.1  mail.example.com mail # the server\nnot-an-address foo\n10.0.0.1\n')).toEqual([
      { address: '192.0.2.1', names: ['mail.example.com', 'mail'] },
    ]);
  });

  it("always has Debian's localhost lines", () => {
    const entries = hostsWithDefaults();
    expect(addressesFor(entries, 'localhost')).toEqual(['127.0.0.1', '::1']);
    expect(addressesFor(entries, 'ip6-loopback')).toEqual(['::1']);
    expect(nameFor(entries, '::1')).toBe('localhost');
  });

  it('finds names case-insensitively and ignores a final dot', () => {
    const entries = hostsWithDefaults('192.0.2.7 Mail.Example.com mail\n');
    expect(addressesFor(entries, 'MAIL.example.COM.')).toEqual(['192.0.2.7']);
    expect(nameFor(entries, '192.0.2.7')).toBe('Mail.Example.com');
    expect(nameFor(entries, '192.0.2.8')).toBeUndefined();
  });
});
