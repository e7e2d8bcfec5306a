/**
 * local(8)'s walk through aliases, checked against what Postfix 3.7.11 logged for the same
 * /etc/aliases (probed in a network namespace): which addresses are delivered in place, which
 * are forwarded in a new message, and how loops end.
 */
import { describe, expect, it } from 'vitest';
import { resolveLocal, type LocalEnv } from '../../../../src/sim/postfix/local/localResolution';
import { parseAliases } from '../../../../src/sim/postfix/maps/aliasesFile';

const USERS = new Set(['root', 'alice', 'bob']);

function env(aliases: string, files: Record<string, string> = {}, deliveredTo: string[] = []): LocalEnv {
  const table = parseAliases(aliases, '/etc/aliases').entries;
  return {
    lookupAlias: (key) => (table.has(key) ? { status: 'found', value: table.get(key)!, table: 'hash:/etc/aliases' } : { status: 'notfound' }),
    userExists: (u) => USERS.has(u),
    readInclude: (p) => files[p],
    resolve: (a) => {
      const address = a.includes('@') ? a : `${a}@mail.example.com`;
      return { address, local: address.endsWith('@mail.example.com') };
    },
    deliveredTo: new Set(deliveredTo),
    recipientDelimiter: '',
    commandsAllowed: new Set(['alias', 'forward']),
    filesAllowed: new Set(['alias', 'forward']),
  };
}

const rcpt = (local: string) => ({ address: `${local}@mail.example.com`, original: `${local}@mail.example.com` });

describe('local: aliases naming local users are delivered in place', () => {
  it('delivers each member with the original recipient', () => {
    const r = resolveLocal(rcpt('staff'), 'carol@example.org', env('staff: alice, bob\n'));
    expect(r.outcomes).toEqual([
      { kind: 'mailbox', user: 'alice', address: 'alice@mail.example.com', original: 'staff@mail.example.com', delivered: 'staff@mail.example.com', extension: undefined },
      { kind: 'mailbox', user: 'bob', address: 'bob@mail.example.com', original: 'staff@mail.example.com', delivered: 'staff@mail.example.com', extension: undefined },
    ]);
    expect(r.forwards).toEqual([]);
  });

  it('follows nested aliases', () => {
    const r = resolveLocal(rcpt('nest'), 's@x', env('nest: staff\nstaff: alice, bob\n'));
    expect(r.outcomes.map((o) => o.address)).toEqual(['alice@mail.example.com', 'bob@mail.example.com']);
    expect(r.steps.map((s) => s.alias)).toEqual(['nest', 'staff']);
  });

  it('delivers to the user when an alias names itself', () => {
    const r = resolveLocal(rcpt('alice'), 's@x', env('alice: alice, bob\n'));
    expect(r.outcomes.map((o) => [o.kind, o.address])).toEqual([
      ['mailbox', 'alice@mail.example.com'],
      ['mailbox', 'bob@mail.example.com'],
    ]);
  });
});

describe('local: what gets forwarded in a new message', () => {
  it('forwards the members of an :include: file, all in one message', () => {
    const r = resolveLocal(rcpt('staff'), 'carol@example.org', env('staff: :include:/etc/postfix/staff.list\n', { '/etc/postfix/staff.list': 'alice\nbob\n' }));
    expect(r.outcomes).toEqual([]);
    expect(r.forwards).toEqual([
      {
        delivered: 'staff@mail.example.com',
        sender: 'carol@example.org',
        recipients: [
          { address: 'alice@mail.example.com', original: 'staff@mail.example.com' },
          { address: 'bob@mail.example.com', original: 'staff@mail.example.com' },
        ],
      },
    ]);
  });

  it('forwards an address elsewhere, next to members delivered in place', () => {
    const r = resolveLocal(rcpt('mix'), 'carol@example.org', env('mix: alice, bob@example.net\n'));
    expect(r.outcomes.map((o) => o.address)).toEqual(['alice@mail.example.com']);
    expect(r.forwards[0].recipients).toEqual([{ address: 'bob@example.net', original: 'mix@mail.example.com' }]);
  });

  it('sends a list with an owner- alias from the owner, without the original recipient', () => {
    const r = resolveLocal(rcpt('list'), 'carol@example.org', env('list: alice, bob\nowner-list: root\n'));
    expect(r.outcomes).toEqual([]);
    expect(r.forwards).toEqual([
      {
        delivered: 'list@mail.example.com',
        sender: 'owner-list@mail.example.com',
        recipients: [
          { address: 'alice@mail.example.com', original: '' },
          { address: 'bob@mail.example.com', original: '' },
        ],
      },
    ]);
  });

  it('refuses files and commands named in an :include: file', () => {
    const r = resolveLocal(rcpt('inc'), 's@x', env('inc: :include:/l\n', { '/l': '/tmp/out\n|/bin/true\nalice\n' }));
    expect(r.outcomes.map((o) => (o.kind === 'bounce' ? `${o.dsn} ${o.reason}` : o.kind))).toEqual([
      '5.7.1 mail to file is restricted',
      '5.7.1 mail to command is restricted',
    ]);
    expect(r.forwards[0].recipients.map((x) => x.address)).toEqual(['alice@mail.example.com']);
  });
});

describe('local: failures', () => {
  it('stops two aliases that name each other at loop2, as Postfix does', () => {
    const r = resolveLocal(rcpt('loop1'), 's@x', env('loop1: loop2\nloop2: loop1\n'));
    expect(r.warnings).toEqual(['alias database loop for loop2']);
    expect(r.outcomes).toEqual([{ kind: 'bounce', address: 'loop2@mail.example.com', original: 'loop1@mail.example.com', dsn: '5.4.6', reason: 'alias database loop for loop2' }]);
  });

  it('stops a three-alias cycle at the alias Postfix names (cb)', () => {
    const r = resolveLocal(rcpt('ca'), 's@x', env('ca: cb\ncb: cc\ncc: ca\n'));
    expect(r.warnings).toEqual(['alias database loop for cb']);
  });

  it('bounces a missing :include: file as a configuration error', () => {
    const r = resolveLocal(rcpt('miss'), 's@x', env('miss: :include:/nofile\n'));
    expect(r.warnings).toEqual(['unable to lookup :include: file /nofile: No such file or directory']);
    expect(r.outcomes).toEqual([{ kind: 'bounce', address: 'miss@mail.example.com', original: 'miss@mail.example.com', dsn: '5.3.5', reason: 'mail system configuration error' }]);
  });

  it('bounces an alias member who is not a user', () => {
    const r = resolveLocal(rcpt('helpdesk'), 's@x', env('helpdesk: nosuchuser\n'));
    expect(r.outcomes).toEqual([{ kind: 'bounce', address: 'nosuchuser@mail.example.com', original: 'helpdesk@mail.example.com', dsn: '5.1.1', reason: 'unknown user: "nosuchuser"' }]);
  });

  it('bounces an address the message was already delivered to (a forwarding loop)', () => {
    const r = resolveLocal(rcpt('alice'), 's@x', env('', {}, ['alice@mail.example.com']));
    expect(r.outcomes).toEqual([{ kind: 'bounce', address: 'alice@mail.example.com', original: 'alice@mail.example.com', dsn: '5.4.6', reason: 'mail forwarding loop for alice@mail.example.com' }]);
  });

  it('ends a fan-out loop without running away', () => {
    const r = resolveLocal(rcpt('a'), 's@x', env('a: b, c\nb: a, c\nc: a, b\n'));
    expect(r.outcomes.length).toBeGreaterThan(0);
    expect(r.outcomes.every((o) => o.kind === 'bounce' && o.dsn === '5.4.6')).toBe(true);
  });
});
