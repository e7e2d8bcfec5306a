/**
 * A main.cf with problems: every daemon that starts logs its warnings, and a fatal problem stops
 * the mail system (the course's "unknown inet_protocols value" line) or the smtpd that meets it.
 */
import { describe, expect, it } from 'vitest';
import { maillog, makeWorld, talk, WORKSTATION } from '../../helpers/world';
import type { HostSpec } from '../../../src/sim/scenario/schema';

const host = (mainCf: string): HostSpec => ({ name: 'mail.example.com', addresses: ['192.168.1.1/24'], accounts: ['ansible'], main_cf: mainCf });

describe('main.cf problems in the maillog', () => {
  it('logs "overriding earlier entry" when smtpd starts', () => {
    const world = makeWorld([host('compatibility_level = 3.6\nmyhostname = old.example.com\nalias_maps = hash:/etc/aliases\nmyhostname = mail.example.com\nmynetworks_style = subnet\n'), WORKSTATION]);
    const { replies } = talk(world, 'client.example.com', '192.168.1.1', ['quit']);
    expect(replies[0]).toEqual(['220 mail.example.com ESMTP Postfix']);
    expect(maillog(world, 'mail.example.com')).toContainEqual(
      expect.stringMatching(/^postfix\/smtpd\[\d+\]: warning: \/etc\/postfix\/main\.cf, line 4: overriding earlier entry: myhostname=old\.example\.com$/),
    );
  });

  it('does not start at all with inet_protocols = IPv4, as in the course', () => {
    const world = makeWorld([host('inet_protocols = IPv4\n'), WORKSTATION]);
    const { replies, client } = talk(world, 'client.example.com', '192.168.1.1', []);
    expect(replies).toEqual([]);
    expect(client.failure).toBe('refused');
    expect(maillog(world, 'mail.example.com')).toContainEqual(expect.stringMatching(/^postfix\[\d+\]: fatal: unknown inet_protocols value "IPv4" in "IPv4"$/));
  });

  it('leaves a client hanging when smtpd dies of a bad number, and logs why', () => {
    const world = makeWorld([host('message_size_limit = 10MB\nmynetworks_style = subnet\n'), WORKSTATION]);
    const { replies, client } = talk(world, 'client.example.com', '192.168.1.1', []);
    expect(replies).toEqual([]);
    expect(client.failure).toBeUndefined();
    const log = maillog(world, 'mail.example.com');
    expect(log).toContainEqual(expect.stringMatching(/^postfix\/smtpd\[\d+\]: fatal: bad numerical configuration: message_size_limit = 10MB$/));
    expect(log).toContainEqual(expect.stringMatching(/^postfix\/master\[\d+\]: warning: \/usr\/lib\/postfix\/sbin\/smtpd: bad command startup -- throttling$/));
  });
});
