/**
 * The Postfix smtp client's conversation as a statechart: wait for the greeting, EHLO (HELO if
 * that is refused), then MAIL, RCPT and DATA — pipelined when the server offers PIPELINING —
 * the message, and QUIT. Each server reply is an event; the transaction object decides what
 * the reply means for each recipient.
 */
import { assign, setup } from 'xstate';

export interface ClientTransaction {
  /** Sends lines in one write. */
  send(lines: string[]): void;
  /** The commands that open the transaction (MAIL, RCPTs, DATA when pipelining). */
  ehloOk(reply: string[]): void;
  heloName(): string;
  /** After EHLO: should the session go encrypted first (smtp_tls_security_level)? */
  wantsTls(): boolean;
  /** The server said 220 to STARTTLS: do the handshake. */
  tlsStarted(): void;
  mailCommands(): string[];
  /** RCPT commands still to send when not pipelining. */
  rcptCommand(index: number): string;
  recipientCount(): number;
  pipelining(): boolean;
  /** Records a reply to MAIL (false: the transaction is over). */
  mailReply(reply: string[]): boolean;
  rcptReply(index: number, reply: string[]): void;
  anyAccepted(): boolean;
  /** Records the reply to DATA (false: no message can be sent). */
  dataReply(reply: string[]): boolean;
  messageLines(): string[];
  finalReply(reply: string[]): void;
  /** The greeting or EHLO/HELO failed: the whole attempt fails. */
  sessionFailed(stage: string, reply: string[] | undefined): void;
  finished(): void;
}

export type ClientEvent = { type: 'REPLY'; lines: string[] } | { type: 'CLOSED' };

const code = (lines: string[]) => Number((lines[lines.length - 1] ?? '').slice(0, 3)) || 0;

export const smtpClientMachine = setup({
  types: {
    context: {} as { tx: ClientTransaction; rcptIndex: number },
    events: {} as ClientEvent,
    input: {} as { tx: ClientTransaction },
  },
  guards: {
    ok: ({ event }) => event.type === 'REPLY' && code(event.lines) >= 200 && code(event.lines) < 300,
    notOk: ({ event }) => event.type === 'REPLY' && !(code(event.lines) >= 200 && code(event.lines) < 300),
    pipelining: ({ context }) => context.tx.pipelining(),
    moreRecipients: ({ context }) => context.rcptIndex < context.tx.recipientCount(),
    anyAccepted: ({ context }) => context.tx.anyAccepted(),
    dataGo: ({ event }) => event.type === 'REPLY' && code(event.lines) === 354,
    wantsTls: ({ context }) => context.tx.wantsTls(),
    tlsGo: ({ event }) => event.type === 'REPLY' && code(event.lines) === 220,
  },
  actions: {
    sendEhlo: ({ context }) => context.tx.send([`EHLO ${context.tx.heloName()}`]),
    sendHelo: ({ context }) => context.tx.send([`HELO ${context.tx.heloName()}`]),
    ehloOk: ({ context, event }) => {
      if (event.type === 'REPLY') context.tx.ehloOk(event.lines);
    },
    sendMail: ({ context }) => context.tx.send(context.tx.mailCommands()),
    sendStarttls: ({ context }) => context.tx.send(['STARTTLS']),
    startTls: ({ context }) => context.tx.tlsStarted(),
    mailReply: ({ context, event }) => {
      if (event.type === 'REPLY') context.tx.mailReply(event.lines);
    },
    sendRcpt: ({ context }) => context.tx.send([context.tx.rcptCommand(context.rcptIndex)]),
    sendRcptUnlessPipelined: ({ context }) => {
      if (!context.tx.pipelining()) context.tx.send([context.tx.rcptCommand(context.rcptIndex)]);
    },
    rcptReply: assign({
      rcptIndex: ({ context, event }) => {
        if (event.type === 'REPLY') context.tx.rcptReply(context.rcptIndex, event.lines);
        return context.rcptIndex + 1;
      },
    }),
    sendData: ({ context }) => context.tx.send(['DATA']),
    dataReply: ({ context, event }) => {
      if (event.type === 'REPLY') context.tx.dataReply(event.lines);
    },
    sendMessage: ({ context }) => context.tx.send([...context.tx.messageLines(), '.']),
    finalReply: ({ context, event }) => {
      if (event.type === 'REPLY') context.tx.finalReply(event.lines);
    },
    sendQuit: ({ context }) => context.tx.send(['QUIT']),
    greetingFailed: ({ context, event }) => context.tx.sessionFailed('initial greeting', event.type === 'REPLY' ? event.lines : undefined),
    heloFailed: ({ context, event }) => context.tx.sessionFailed('HELO', event.type === 'REPLY' ? event.lines : undefined),
    lost: ({ context }) => context.tx.sessionFailed('lost', undefined),
    finished: ({ context }) => context.tx.finished(),
  },
}).createMachine({
  id: 'smtp',
  context: ({ input }) => ({ tx: input.tx, rcptIndex: 0 }),
  initial: 'greeting',
  on: { CLOSED: { target: '.done', actions: 'lost' } },
  states: {
    greeting: {
      on: {
        REPLY: [
          { guard: 'ok', target: 'ehlo', actions: 'sendEhlo' },
          { target: 'quit', actions: ['greetingFailed', 'sendQuit'] },
        ],
      },
    },
    ehlo: {
      on: {
        REPLY: [
          { guard: 'ok', target: 'tlsCheck', actions: 'ehloOk' },
          { target: 'helo', actions: 'sendHelo' },
        ],
      },
    },
    tlsCheck: {
      always: [{ guard: 'wantsTls', target: 'starttls', actions: 'sendStarttls' }, { target: 'mail', actions: 'sendMail' }],
    },
    starttls: {
      on: {
        REPLY: [
          { guard: 'tlsGo', target: 'ehlo', actions: ['startTls', 'sendEhlo'] },
          { target: 'quit', actions: ['heloFailed', 'sendQuit'] },
        ],
      },
    },
    helo: {
      on: {
        REPLY: [
          { guard: 'ok', target: 'mail', actions: 'sendMail' },
          { target: 'quit', actions: ['heloFailed', 'sendQuit'] },
        ],
      },
    },
    mail: {
      on: {
        REPLY: [
          { guard: 'pipelining', target: 'rcpt', actions: 'mailReply' },
          { guard: 'ok', target: 'rcpt', actions: ['mailReply', 'sendRcpt'] },
          { target: 'quit', actions: ['mailReply', 'sendQuit'] },
        ],
      },
    },
    rcpt: {
      on: { REPLY: { target: 'rcptNext', actions: 'rcptReply' } },
    },
    rcptNext: {
      always: [
        { guard: 'moreRecipients', target: 'rcpt', actions: 'sendRcptUnlessPipelined' },
        { guard: 'pipelining', target: 'data' },
        { guard: 'anyAccepted', target: 'data', actions: 'sendData' },
        { target: 'quit', actions: 'sendQuit' },
      ],
    },
    data: {
      on: {
        REPLY: [
          { guard: 'dataGo', target: 'dot', actions: ['dataReply', 'sendMessage'] },
          { target: 'quit', actions: ['dataReply', 'sendQuit'] },
        ],
      },
    },
    dot: {
      on: { REPLY: { target: 'quit', actions: ['finalReply', 'sendQuit'] } },
    },
    quit: {
      on: { REPLY: { target: 'done' }, CLOSED: { target: 'done' } },
    },
    done: { type: 'final', entry: 'finished' },
  },
});
