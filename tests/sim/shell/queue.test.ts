/**
 * mailq / postqueue / postsuper / postcat over a queue with deferred, held and maildrop mail,
 * in the exact layout of Postfix 3.7.11's postqueue -p (recorded from the real one).
 */
import { describe, expect, it } from 'vitest';
import { queueListing } from '../../../src/sim/shell/commands/queueListing';
import type { QueueFile } from '../../../src/sim/postfix/queue/queueStore';
import { UTC } from '../../../src/sim/core/time';
import { lesson, maskPids, Session } from './helpers';

const START = Date.parse('2026-11-24T18:20:40Z');

function file(id: string, queue: QueueFile['queue'], sender: string, recipients: [string, string?][]): QueueFile {
  return {
    id,
    queue,
    sender,
    arrival: 0,
    text: '',
    size: 271,
    recipients: recipients.map(([address, reason]) => ({ address, original: address, status: reason ? 'deferred' : 'todo', reason })),
    attempts: 1,
    notBefore: 0,
    origin: 'pickup',
  };
}

describe('the postqueue -p layout', () => {
  it('matches the real listing of a deferred and a held message', () => {
    const refused = 'connect to 127.0.0.2[127.0.0.2]:25: Connection refused';
    const dns = (d: string) => `Host or domain name not found. Name service error for name=${d} type=MX: Host not found, try again`;
    const files = [
      file('64A4C20CBF3', 'hold', 'root@mail.example.com', [['root@[127.0.0.2]', refused]]),
      file('4C66220CBF2', 'hold', 'alice@example.com', [
        ['bob@example.net', dns('example.net')],
        ['carol@example.org', dns('example.org')],
      ]),
    ];
    files[1].arrival = 1;
    // Recorded: postsuper -h ALL, then postqueue -p.
    expect(queueListing(files, { startEpoch: START, zone: UTC })).toEqual([
      '-Queue ID-  --Size-- ----Arrival Time---- -Sender/Recipient-------',
      '64A4C20CBF3!     271 Tue Nov 24 18:20:40  root@mail.example.com',
      '                      (connect to 127.0.0.2[127.0.0.2]:25: Connection refused)',
      '                                         root@[127.0.0.2]',
      '',
      '4C66220CBF2!     271 Tue Nov 24 18:20:40  alice@example.com',
      '(Host or domain name not found. Name service error for name=example.net type=MX: Host not found, try again)',
      '                                         bob@example.net',
      '(Host or domain name not found. Name service error for name=example.org type=MX: Host not found, try again)',
      '                                         carol@example.org',
      '',
      '-- 0 Kbytes in 2 Requests.',
    ]);
  });

  it('marks active mail with "*" and says when the queue is empty', () => {
    expect(queueListing([file('ABCDEF1234', 'active', '', [['x@example.net']])], { startEpoch: START, zone: UTC }).slice(1, 3)).toEqual([
      'ABCDEF1234*     271 Tue Nov 24 18:20:40  MAILER-DAEMON',
      '                                         x@example.net',
    ]);
    expect(queueListing([], { startEpoch: START, zone: UTC })).toEqual(['Mail queue is empty']);
  });
});

describe('the queue of a running host', () => {
  /** A message to a domain nobody can resolve stays deferred. */
  function deferred(): Session {
    const sh = new Session(lesson());
    sh.type('echo hi | sendmail bob@example.net', 1000);
    return sh;
  }

  it('lists the deferred message with its reason, and a flush tries it again', () => {
    const sh = deferred();
    const listing = sh.type('mailq');
    expect(listing[0]).toBe('-Queue ID-  --Size-- ----Arrival Time---- -Sender/Recipient-------');
    expect(listing[1]).toMatch(/^[0-9A-F]{11}\s+\d+ Sat Apr 13 07:38:00  root@mail\.example\.com$/);
    expect(listing.slice(2)).toEqual([
      '(Host or domain name not found. Name service error for name=example.net type=MX: Host not found, try again)',
      '                                         bob@example.net',
      '',
      '-- 0 Kbytes in 1 Request.',
    ]);
    expect(sh.type('postqueue -p')).toEqual(listing);
    const from = sh.logLength;
    expect(sh.type('postqueue -f', 1000)).toEqual([]);
    expect(sh.log(from).some((l) => l.includes('status=deferred'))).toBe(true);
  });

  it('holds, releases and deletes with postsuper, as the real one reports it', () => {
    const sh = deferred();
    const id = /^([0-9A-F]+)/.exec(sh.type('mailq')[1])![1];
    expect(sh.type(`postsuper -h ${id}`)).toEqual([`postsuper: ${id}: placed on hold`, 'postsuper: Placed on hold: 1 message']);
    expect(sh.type('mailq')[1]).toMatch(new RegExp(`^${id}!`));
    expect(sh.type(`postsuper -H ${id}`)).toEqual([`postsuper: ${id}: released from hold`, 'postsuper: Released from hold: 1 message']);
    expect(sh.type('postsuper -d NOSUCHID')).toEqual(['postsuper: Deleted: 0 messages']);
    const from = sh.logLength;
    expect(sh.type(`postsuper -d ${id}`)).toEqual([`postsuper: ${id}: removed`, 'postsuper: Deleted: 1 message']);
    expect(maskPids(sh.log(from))).toEqual([`postfix/postsuper[PID]: ${id}: removed`, 'postfix/postsuper[PID]: Deleted: 1 message']);
    expect(sh.type('mailq')).toEqual(['Mail queue is empty']);
  });

  it('deletes ALL without naming each message', () => {
    const sh = deferred();
    sh.type('echo again | sendmail carol@example.org', 1000);
    expect(sh.type('postsuper -d ALL deferred')).toEqual(['postsuper: Deleted: 2 messages']);
  });

  it.each([
    ['postsuper -d', ["postsuper: option requires an argument -- 'd'", expect.stringMatching(/^postsuper: fatal: usage: postsuper \[-c config_dir\]/)]],
    ['postsuper -d ALL bogus', ['postsuper: fatal: invalid directory name: bogus']],
    ['postsuper -d bad/id', ['postsuper: warning: invalid mail queue id: bad/id', 'postsuper: Deleted: 0 messages']],
    ['postqueue -Z', ["postqueue: invalid option -- 'Z'", 'postqueue: fatal: usage: postqueue -f | postqueue -i queueid | postqueue -j | postqueue -p | postqueue -s site']],
    ['postqueue', ['postqueue: fatal: usage: postqueue -f | postqueue -i queueid | postqueue -j | postqueue -p | postqueue -s site']],
    ['postcat -q NOSUCH', ['postcat: fatal: open queue file NOSUCH: No such file or directory']],
  ])('%s', (command, lines) => {
    expect(new Session(lesson()).type(command)).toEqual(lines);
  });

  it('reads the queue directly while the mail system is down, and lists what waits in maildrop', () => {
    const sh = new Session(lesson());
    sh.type('postfix stop');
    sh.type('echo hi | sendmail ansible');
    const listing = sh.type('mailq');
    expect(listing[0]).toBe('postqueue: warning: Mail system is down -- accessing queue directly (Connect to the Postfix showq service: Connection refused)');
    expect(listing[2]).toMatch(/^[0-9A-F]{11}\s+\d+ Sat Apr 13 07:38:00  root$/);
    expect(listing[3]).toBe('                                         ansible');
  });

  it('shows a queue file with postcat -q', () => {
    const sh = deferred();
    const id = /^([0-9A-F]+)/.exec(sh.type('mailq')[1])![1];
    const out = sh.type(`postcat -q ${id}`);
    expect(out[0]).toBe(`*** ENVELOPE RECORDS deferred/${id[0]}/${id} ***`);
    expect(out).toContain('sender: root@mail.example.com');
    expect(out).toContain('recipient: bob@example.net');
    expect(out).toContain(`*** MESSAGE CONTENTS deferred/${id[0]}/${id} ***`);
    expect(out).toContain('Received: by mail.example.com (Postfix, from userid 0)');
    expect(out[out.length - 1]).toBe(`*** MESSAGE FILE END deferred/${id[0]}/${id} ***`);
  });

  it('writes postqueue -j as the real one does', () => {
    const sh = deferred();
    const [line] = sh.type('postqueue -j');
    expect(line).toMatch(
      /^\{"queue_name": "deferred", "queue_id": "[0-9A-F]+", "arrival_time": 1712993880, "message_size": \d+, "forced_expire": false, "sender": "root@mail\.example\.com", "recipients": \[\{"address": "bob@example\.net", "delay_reason": "Host or domain name not found\. Name service error for name=example\.net type=MX: Host not found, try again"\}\]\}$/,
    );
  });
});
