/**
 * A mail client fetching mail: POP3 (USER, PASS, STAT, RETR each message, DELE when asked,
 * QUIT) or IMAP (LOGIN, SELECT INBOX, FETCH the headers, LOGOUT).
 */
import { ScriptedConversation, type PlanStep } from '../clients/scriptedConversation';
import type { SimHost } from '../host/simHost';
import type { FetchStep } from '../scenario/schema';
import type { World } from '../world';

const FAST = 1;

export function fetchMail(world: World, host: SimHost, address: string, step: FetchStep): void {
  if (step.protocol === 'imap') {
    const plan: PlanStep[] = [
      { lines: [`a1 LOGIN ${step.user} ${step.password}`], awaitReply: true, delayMs: FAST, check: (r) => /^a1 OK/.test(r[r.length - 1] ?? '') },
      { lines: ['a2 SELECT INBOX'], awaitReply: true, delayMs: FAST },
      { lines: ['a3 FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (FROM TO SUBJECT DATE)])'], awaitReply: true, delayMs: FAST },
      { lines: ['a4 LOGOUT'], awaitReply: true, delayMs: FAST },
    ];
    new ScriptedConversation(world, { from: host.name, to: address, port: 143, plan, onAbort: ['a9 LOGOUT'] });
    return;
  }
  const plan: PlanStep[] = [
    { lines: [`USER ${step.user}`], awaitReply: true, delayMs: FAST },
    { lines: [`PASS ${step.password}`], awaitReply: true, delayMs: FAST, check: (r) => (r[0] ?? '').startsWith('+OK') },
    { lines: ['STAT'], awaitReply: true, delayMs: FAST },
  ];
  // RETR (and DELE) steps are added once STAT has told how many messages there are.
  let statSeen = false;
  const onReply = (reply: string[]) => {
    const m = /^\+OK (\d+) \d+$/.exec(reply[0] ?? '');
    if (!m || statSeen) return;
    statSeen = true;
    const count = Number(m[1]);
    for (let i = 1; i <= count; i++) {
      plan.push({ lines: [`RETR ${i}`], awaitReply: true, delayMs: FAST });
      if (step.delete) plan.push({ lines: [`DELE ${i}`], awaitReply: true, delayMs: FAST });
    }
    plan.push({ lines: ['QUIT'], awaitReply: true, delayMs: FAST });
  };
  new ScriptedConversation(world, { from: host.name, to: address, port: 110, plan, onAbort: ['QUIT'], onReply });
}
