/**
 * The smtpd session as a statechart: ready (no mail transaction) -> mail (after MAIL FROM) ->
 * rcpt (a recipient accepted) -> data (receiving the message) -> ready, with auth for a SASL
 * exchange in progress and closed at the end — until the process takes its next connection
 * (CONNECT), as a real smtpd process does. The command handlers decide the replies; the states
 * follow what the session has collected, so the chart always shows where the client is.
 */
import { setup } from 'xstate';
import type { SmtpdCommand } from './command';
import { data, endOfData } from './dataHandlers';
import { ehlo, helo } from './heloHandlers';
import { mail, rcpt, vrfy } from './mailHandlers';
import { etrn, noop, quit, rset, starttls, unknown } from './miscHandlers';
import { bdat } from './bdatHandlers';
import { auth, authResponse } from './authHandlers';
import type { SmtpdServices } from './services';
import type { SmtpdSessionState } from './sessionState';
import { xclient, xforward } from './xclientHandlers';

export type SmtpdCommandEvent = {
  type: 'HELO' | 'EHLO' | 'XCLIENT' | 'XFORWARD' | 'MAIL' | 'RCPT' | 'DATA' | 'BDAT' | 'RSET' | 'NOOP' | 'VRFY' | 'ETRN' | 'QUIT' | 'AUTH' | 'STARTTLS' | 'UNKNOWN';
  cmd: SmtpdCommand;
};

export type SmtpdEvent =
  | SmtpdCommandEvent
  | { type: 'LINE'; line: string }
  | { type: 'END' }
  /** Nothing happened but the session's record changed (a BDAT chunk ended): re-check the state. */
  | { type: 'SYNC' }
  | { type: 'LOST' }
  /** The process takes its next connection (Postfix reuses an smtpd process up to max_use times). */
  | { type: 'CONNECT'; svc: SmtpdServices; state: SmtpdSessionState };

export interface SmtpdContext {
  svc: SmtpdServices;
  s: SmtpdSessionState;
  /** Whether the last command succeeded; the session counts errors from it. */
  lastOk: boolean;
}

export interface SmtpdInput {
  svc: SmtpdServices;
  state: SmtpdSessionState;
}

type Handler = (svc: SmtpdServices, s: SmtpdSessionState, cmd: SmtpdCommand) => boolean;

function run(handler: Handler) {
  return ({ context, event }: { context: SmtpdContext; event: SmtpdEvent }) => {
    if ('cmd' in event) context.lastOk = handler(context.svc, context.s, event.cmd);
  };
}

export const smtpdMachine = setup({
  types: {
    context: {} as SmtpdContext,
    events: {} as SmtpdEvent,
    input: {} as SmtpdInput,
  },
  actions: {
    helo: run(helo),
    ehlo: run(ehlo),
    xclient: run(xclient),
    xforward: run(xforward),
    mail: run(mail),
    rcpt: run(rcpt),
    data: run(data),
    bdat: run(bdat),
    rset: run(rset),
    noop: run(noop),
    vrfy: run(vrfy),
    etrn: run(etrn),
    quit: run(quit),
    auth: run(auth),
    starttls: run(starttls),
    unknown: run(unknown),
    endOfData: ({ context }) => {
      context.lastOk = endOfData(context.svc, context.s);
    },
    authResponse: ({ context, event }) => {
      if (event.type === 'LINE') context.lastOk = authResponse(context.svc, context.s, event.line);
    },
    attach: ({ context, event }) => {
      if (event.type !== 'CONNECT') return;
      context.svc = event.svc;
      context.s = event.state;
      context.lastOk = true;
    },
  },
  guards: {
    hangingUp: ({ context }) => context.s.closing,
    inTransaction: ({ context }) => context.s.sender !== undefined,
    noTransaction: ({ context }) => context.s.sender === undefined,
    hasRecipients: ({ context }) => context.s.recipients.length > 0,
    receivingData: ({ context }) => context.s.data !== undefined,
    authenticating: ({ context }) => context.s.auth !== undefined,
    notAuthenticating: ({ context }) => context.s.auth === undefined,
  },
}).createMachine({
  id: 'smtpd',
  context: ({ input }) => ({ svc: input.svc, s: input.state, lastOk: true }),
  initial: 'ready',
  on: {
    HELO: { actions: 'helo' },
    EHLO: { actions: 'ehlo' },
    XCLIENT: { actions: 'xclient' },
    XFORWARD: { actions: 'xforward' },
    MAIL: { actions: 'mail' },
    RCPT: { actions: 'rcpt' },
    DATA: { actions: 'data' },
    BDAT: { actions: 'bdat' },
    RSET: { actions: 'rset' },
    NOOP: { actions: 'noop' },
    VRFY: { actions: 'vrfy' },
    ETRN: { actions: 'etrn' },
    QUIT: { actions: 'quit' },
    AUTH: { actions: 'auth' },
    STARTTLS: { actions: 'starttls' },
    UNKNOWN: { actions: 'unknown' },
    LOST: { target: '.closed' },
    SYNC: {},
  },
  states: {
    ready: {
      always: [
        { guard: 'hangingUp', target: 'closed' },
        { guard: 'authenticating', target: 'auth' },
        { guard: 'inTransaction', target: 'mail' },
      ],
    },
    mail: {
      always: [
        { guard: 'hangingUp', target: 'closed' },
        { guard: 'noTransaction', target: 'ready' },
        { guard: 'hasRecipients', target: 'rcpt' },
      ],
    },
    rcpt: {
      always: [
        { guard: 'hangingUp', target: 'closed' },
        { guard: 'noTransaction', target: 'ready' },
        { guard: 'receivingData', target: 'data' },
      ],
    },
    data: {
      // The session collects the message lines itself; only the final "." is an event.
      on: {
        END: { actions: 'endOfData', target: 'ready' },
      },
    },
    auth: {
      on: {
        LINE: { actions: 'authResponse' },
      },
      always: [
        { guard: 'hangingUp', target: 'closed' },
        { guard: 'notAuthenticating', target: 'ready' },
      ],
    },
    // The client is gone; the process waits for its next connection.
    closed: {
      on: { CONNECT: { target: 'ready', actions: 'attach' } },
    },
  },
});

export type SmtpdStateName = 'ready' | 'mail' | 'rcpt' | 'data' | 'auth' | 'closed';
