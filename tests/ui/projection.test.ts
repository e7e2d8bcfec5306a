import { describe, expect, it } from 'vitest';
import { applyEvent } from '../../src/sim/projection/applyEvent';
import { emptyFold, queueDepth, type FoldState } from '../../src/sim/projection/foldState';
import { motionOf } from '../../src/sim/projection/motions';
import { Projector } from '../../src/sim/projection/projector';
import { TraceIndex } from '../../src/sim/projection/traceIndex';
import { repeatTrace, runLesson } from './helpers';

const HOST = 'mail.example.com';

function seqOf(events: { kind: string; seq: number }[], pred: (e: never) => boolean): number {
  const e = events.find((x) => pred(x as never));
  if (!e) throw new Error('event not found');
  return e.seq;
}

function fresh(index: TraceIndex, n: number): FoldState {
  const s = emptyFold();
  for (let i = 0; i < n; i++) applyEvent(s, index.events[i], index);
  return s;
}

function comparable(s: FoldState) {
  return { n: s.n, depth: [...s.depth], messages: [...s.messages], pending: [...s.pending], daemons: [...s.daemons], power: [...s.power] };
}

describe('the projection of the default lesson', () => {
  const { events, index } = runLesson();
  const projector = new Projector(index, 8);

  it('follows the envelope from MAIL FROM to the mailboxes', () => {
    const mailFrom = seqOf(events, (e: { kind: string; dir?: string; lines?: string[] }) => e.kind === 'conn.data' && e.dir === 'c2s' && /^mail from/i.test(e.lines![0]));
    const before = projector.at(mailFrom);
    expect(before.pending.size).toBe(0);
    const after = projector.at(mailFrom + 1);
    expect([...after.pending.values()][0]).toMatchObject({ sender: 'obama@whitehouse.com', client: { host: 'ws.example.com', node: 'client' }, server: { host: HOST, node: 'smtpd' } });

    const message = seqOf(events, (e: { kind: string }) => e.kind === 'message');
    const queued = projector.at(message + 1);
    expect(queued.pending.size).toBe(0);
    const [token] = [...queued.messages.values()];
    expect(token).toMatchObject({ node: 'cleanup', from: { node: 'smtpd' }, sender: 'obama@whitehouse.com' });

    const incoming = seqOf(events, (e: { kind: string; to?: string }) => e.kind === 'queue' && e.to === 'incoming');
    expect(queueDepth(projector.at(incoming + 1), HOST, 'incoming')).toBe(1);
    const active = seqOf(events, (e: { kind: string; to?: string }) => e.kind === 'queue' && e.to === 'active');
    const s = projector.at(active + 1);
    expect(queueDepth(s, HOST, 'incoming')).toBe(0);
    expect(queueDepth(s, HOST, 'active')).toBe(1);
    expect([...s.messages.values()][0]).toMatchObject({ node: 'active', from: { node: 'incoming' } });

    const end = projector.at(events.length);
    expect(end.messages.size).toBe(0);
    expect(end.depth.size).toBe(0);
  });

  it('knows which message sits in each mailbox at every point', () => {
    const deliveries = events.filter((e) => e.kind === 'delivery');
    expect(deliveries).toHaveLength(2);
    const box = index.mailboxes.get(`${HOST}\t/var/spool/mail/ansible`)!;
    expect(box).toBeDefined();
    const first = deliveries.find((d) => d.kind === 'delivery' && d.mailbox === '/var/spool/mail/ansible')!;
    expect(index.mailboxCount(box, first.seq)).toBe(0);
    expect(index.mailboxCount(box, first.seq + 1)).toBe(1);
    const [msg] = index.mailboxAt(HOST, '/var/spool/mail/ansible', events.length);
    expect(msg.sender).toBe('obama@whitehouse.com');
    expect(msg.text).toMatch(/^Return-Path: <obama@whitehouse.com>/);
    expect(msg.text).toContain('Subject: How are you these days?');
  });

  it('links the connection to the queue id it produced', () => {
    const conn = index.conns.get(1)!;
    expect(conn.queueIds).toHaveLength(1);
    expect(index.message(HOST, conn.queueIds[0])?.conn).toBe(1);
  });

  it('gives the same state going backwards as folding from scratch', () => {
    const order = [events.length, 3, 40, 12, 57, 0, 33, 20, 58, 1];
    for (const n of order) expect(comparable(projector.at(n))).toEqual(comparable(fresh(index, n)));
  });

  it('turns events into motions along places', () => {
    const hostAt = (a: string) => ({ '192.168.1.1': HOST, '192.168.1.23': 'ws.example.com', '127.0.0.1': undefined })[a];
    const kinds = events.map((e) => motionOf(e, index, hostAt)?.kind).filter(Boolean);
    expect(kinds).toContain('gate');
    expect(kinds).toContain('alias');
    expect(kinds).toContain('dns-query');
    const gate = events.map((e) => motionOf(e, index, hostAt)).find((m) => m?.kind === 'gate')!;
    expect(gate.ok).toBe(true);
    expect(gate.label).toBe('permit_mynetworks: 192.168.1.23 is in 192.168.1.0/24');
    const delivery = events.map((e) => motionOf(e, index, hostAt)).filter((m) => m?.kind === 'envelope' && m.path.length === 3);
    expect(delivery.map((m) => m!.path[2].node).sort()).toEqual(['mailbox:alice', 'mailbox:ansible']);
  });
});

describe('seeking in a long run', () => {
  const { events } = runLesson();
  // 10,000 messages: the lesson's trace repeated.
  const long = repeatTrace(events, 10_000);
  const index = new TraceIndex();
  index.append(long);

  it('builds checkpoints in the background and seeks anywhere in under 100 ms', () => {
    const projector = new Projector(index);
    let rounds = 0;
    while (!projector.buildAhead(50)) rounds++;
    expect(rounds).toBeGreaterThan(0);
    expect(projector.checkpointCount).toBeGreaterThan(long.length / projector.interval - 1);
    let worst = 0;
    for (let i = 0; i < 200; i++) {
      const n = Math.floor(((i * 7919) % 1000) / 1000 * long.length);
      const t0 = performance.now();
      projector.at(n);
      worst = Math.max(worst, performance.now() - t0);
    }
    expect(worst).toBeLessThan(100);
  });

  it('agrees with a fold from scratch after jumping around', () => {
    const projector = new Projector(index, 1024);
    projector.buildAhead(10_000);
    for (const n of [long.length, 123_456, 5, 400_000, 399_999, 77]) {
      expect(comparable(projector.at(n))).toEqual(comparable(fresh(index, n)));
    }
  });
});

describe('message structure', async () => {
  const { mimeTree, parseMessage, header, headerAll } = await import('../../src/sim/projection/messageParts');
  it('unfolds headers and finds the Received chain', () => {
    const m = parseMessage('Received: from a\n\tby b\nReceived: from c by d\nSubject: hi\n\nbody\n');
    expect(headerAll(m.headers, 'received')).toEqual(['from a by b', 'from c by d']);
    expect(header(m.headers, 'subject')).toBe('hi');
    expect(m.body).toBe('body\n');
  });
  it('splits multipart messages into numbered parts', () => {
    const text = 'Content-Type: multipart/mixed; boundary="XX"\n\npreamble\n--XX\nContent-Type: text/plain\n\nhello\n--XX\nContent-Type: application/pdf; name="a.pdf"\nContent-Transfer-Encoding: base64\n\nAAAA\n--XX--\n';
    const tree = mimeTree(text);
    expect(tree.contentType).toBe('multipart/mixed');
    expect(tree.children.map((c) => [c.id, c.contentType])).toEqual([['1', 'text/plain'], ['2', 'application/pdf']]);
    expect(tree.children[1].params.name).toBe('a.pdf');
  });
  it('takes a telnet message without an empty line as body', () => {
    const m = parseMessage('Subject:How are you these datys?\nAre you gua le ma?\n');
    expect(header(m.headers, 'subject')).toBe('How are you these datys?');
    expect(m.body).toBe('Are you gua le ma?\n');
  });
});

describe('the sequence diagram', async () => {
  const { sequenceDiagram, sequenceSeqs } = await import('../../src/sim/projection/sequence');
  const { events, index } = runLesson();
  const hostAt = (a: string, from: string) => (a.startsWith('127.') ? from : ({ '192.168.1.1': HOST, '192.168.1.23': 'ws.example.com' } as Record<string, string>)[a]);

  it('draws the lesson between the client, smtpd, named, cleanup, qmgr, local and the mailboxes', () => {
    const queueId = index.conns.get(1)!.queueIds[0];
    const d = sequenceDiagram(index, sequenceSeqs(index, events.length, { host: HOST, queueId }), hostAt);
    expect(d.participants.map((p) => `${p.role}@${p.host}`)).toEqual([
      'client@ws.example.com',
      `smtpd@${HOST}`,
      `named@${HOST}`,
      `cleanup@${HOST}`,
      `qmgr@${HOST}`,
      `local@${HOST}`,
      `mailbox ansible@${HOST}`,
      `mailbox alice@${HOST}`,
    ]);
    expect(d.rows.find((r) => r.kind === 'ok' && r.label.startsWith('permit_mynetworks'))).toBeDefined();
    expect(d.rows[d.rows.length - 1].label).toBe('close');
  });
});
