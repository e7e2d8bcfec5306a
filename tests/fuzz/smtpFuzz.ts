/**
 * Random SMTP sessions against the lessons' mail servers (see smtpSessions.test.ts).
 */
import fc from 'fast-check';
import { DialogueClient } from '../../src/sim/clients/dialogueClient';
import { lessonById } from '../../src/lessons';
import type { Scenario } from '../../src/sim/scenario/schema';
import { World } from '../../src/sim/world';
import '../../src/sim/modules';
import { asLine as asAnyLine, mutated } from './mutate';

/** Mail servers to attack: the lessons' ones, plus settings that change smtpd's paths. */
function servers(): { name: string; scenario: Scenario; client: string; port: number }[] {
  const from = (id: string, client = 'ws.example.com', port = 25, extra: Record<string, string> = {}) => {
    const scenario = structuredClone(lessonById(id)!.scenario);
    delete scenario.script;
    const mail = scenario.hosts.find((h) => h.name === 'mail.example.com')!;
    if (typeof mail.main_cf === 'object') Object.assign(mail.main_cf, extra);
    return { name: `${id}${Object.keys(extra).length ? ` + ${Object.keys(extra).join(', ')}` : ''}`, scenario, client, port };
  };
  return [
    from('telnet'),
    from('relay', 'laptop.example.com'),
    from('sasl', 'laptop.example.com'),
    from('virtual'),
    from('mxhop'),
    from('telnet', 'ws.example.com', 25, {
      smtpd_delay_reject: 'no',
      smtpd_helo_required: 'yes',
      smtpd_client_restrictions: 'permit_mynetworks, reject',
      smtpd_sender_restrictions: 'reject_non_fqdn_sender, reject_unknown_sender_domain',
      smtpd_recipient_restrictions: 'reject_non_fqdn_recipient, reject_unknown_recipient_domain, permit_mynetworks, reject_unauth_destination',
      smtpd_soft_error_limit: '2',
      smtpd_hard_error_limit: '4',
      message_size_limit: '400',
      strict_rfc821_envelopes: 'yes',
      disable_vrfy_command: 'yes',
    }),
  ];
}

export const SERVERS = servers();

/** Command lines as any client may write them: CR, VT and FF are white space to smtpd_token(). */
export const asLine = asAnyLine;

const address = fc.constantFrom('alice', 'alice@example.com', 'staff@example.com', 'nobody@example.com', 'bob@example.net', 'postmaster', 'root@localhost', '', 'a@[192.168.1.1]', '"quoted user"@example.com', 'x@y', 'user@-bad-.com');
const params = fc.constantFrom('', ' SIZE=100', ' SIZE=99999999', ' BODY=8BITMIME', ' BODY=BINARYMIME', ' SMTPUTF8', ' RET=HDRS ENVID=abc', ' NOTIFY=SUCCESS,FAILURE', ' ORCPT=rfc822;x@y', ' AUTH=<>', ' FOO=bar');
const b64 = fc.constantFrom('AGFsaWNlAHdvbmRlcmxhbmQ=', 'YWxpY2U=', 'd29uZGVybGFuZA==', '*', '=', '!!!', '');

/** A command line as a client might write it, before any damage. */
export const command = fc.oneof(
  fc.constantFrom('HELO ws.example.com', 'EHLO ws.example.com', 'HELO', 'EHLO [192.168.1.23]', 'RSET', 'NOOP', 'QUIT', 'DATA', 'STARTTLS', 'VRFY alice', 'EXPN staff', 'ETRN example.com', 'HELP', 'AUTH PLAIN', 'AUTH LOGIN', 'AUTH CRAM-MD5', 'AUTH XOAUTH2', 'BDAT 0 LAST', 'XCLIENT ADDR=1.2.3.4', 'GET / HTTP/1.1', 'mail from:alice', 'rcpt to:alice'),
  fc.tuple(address, params).map(([a, p]) => `MAIL FROM:<${a}>${p}`),
  fc.tuple(address, params).map(([a, p]) => `RCPT TO:<${a}>${p}`),
  b64.map((b) => `AUTH PLAIN ${b}`),
  fc.tuple(fc.integer({ min: 0, max: 200 }), fc.boolean()).map(([n, last]) => `BDAT ${n}${last ? ' LAST' : ''}`),
  b64,
  fc.string({ maxLength: 40 }),
);

const bodyLine = fc.oneof(
  fc.constantFrom('Subject: fuzz', 'From: alice@example.com', 'To: staff', '', '..', '.hidden', 'From the start', '\0', 'a\rb', 'Content-Type: text/plain; charset=utf-8', ' folded', '\u00e9\u4e2d\ud83d\udce7'),
  fc.string({ maxLength: 100 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom(5000, 70_000).map((n) => 'x'.repeat(n)),
);

/** One client move: a group of lines written at once (more than one is pipelining). */
type Move = { lines: string[]; tls: boolean };

const move: fc.Arbitrary<Move> = fc.oneof(
  { weight: 6, arbitrary: mutated(command).map((l) => ({ lines: [asLine(l)], tls: false })) },
  { weight: 2, arbitrary: fc.array(mutated(command, 1).map(asLine), { minLength: 2, maxLength: 5 }).map((lines) => ({ lines, tls: false })) },
  // DATA with a body (and the final dot, unless cut short).
  { weight: 3, arbitrary: fc.tuple(fc.array(mutated(bodyLine, 1).map(asAnyLine), { maxLength: 12 }), fc.boolean()).map(([body, end]) => ({ lines: ['DATA', ...body.filter((l) => l !== '.'), ...(end ? ['.'] : [])], tls: false })) },
  { weight: 1, arbitrary: fc.constant<Move>({ lines: ['STARTTLS'], tls: true }) },
);

/** A session: a usual start, then random moves, usually a QUIT. */
export const session = fc.record({
  server: fc.nat({ max: SERVERS.length - 1 }),
  start: fc.constantFrom([], ['EHLO ws.example.com'], ['EHLO ws.example.com', 'MAIL FROM:<alice@example.com>', 'RCPT TO:<staff@example.com>']),
  moves: fc.array(move, { maxLength: 10 }),
  quit: fc.boolean(),
});

export type Session = typeof session extends fc.Arbitrary<infer T> ? T : never;

const STEP_LIMIT = 200_000;

/** Plays a session; returns every server write. Throws what the engine throws. */
export function play(s: Session): { writes: string[][]; world: World } {
  const server = SERVERS[s.server];
  const world = new World(server.scenario);
  const client = new DialogueClient(world, server.client, undefined, '192.168.1.1', server.port);
  const settle = () => world.scheduler.runUntil(world.scheduler.now + 3000);
  settle();
  const moves: Move[] = [...s.start.map((l) => ({ lines: [l], tls: false })), ...s.moves, ...(s.quit ? [{ lines: ['QUIT'], tls: false }] : [])];
  for (const m of moves) {
    if (client.closed) break;
    client.send(m.lines);
    settle();
    // A client that can speak TLS starts the handshake after "220 Ready to start TLS".
    if (m.tls && client.replies.at(-1)?.[0]?.startsWith('220')) client.conn?.startTls();
  }
  // Runaway scheduling would be a bug too: the runs are bounded and must end quiet.
  world.runUntilQuiet(STEP_LIMIT);
  if (world.scheduler.busy) throw new Error(`still busy after ${STEP_LIMIT} steps`);
  // Idle sessions time out (smtpd_timeout) and deferred mail is retried: nothing may throw then either.
  world.scheduler.runUntil(world.scheduler.now + 3_600_000, STEP_LIMIT);
  return { writes: client.replies, world };
}
