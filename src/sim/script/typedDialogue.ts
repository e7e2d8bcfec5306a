/**
 * A person at telnet typing an SMTP (or POP3/IMAP) dialogue: a pause to type each command, a
 * wait for the reply; the message text typed line by line without replies, "." waiting again.
 */
import { ScriptedConversation, type PlanStep } from '../clients/scriptedConversation';
import type { SimHost } from '../host/simHost';
import type { World } from '../world';

/** Virtual ms a person takes to type a command, and a line of message text. */
export const TYPING = { commandMs: 900, textLineMs: 400 };

export function dialoguePlan(lines: readonly string[]): PlanStep[] {
  const plan: PlanStep[] = [];
  let inData = false;
  for (const line of lines) {
    if (inData) {
      const end = line === '.';
      plan.push({ lines: [line], awaitReply: end, delayMs: TYPING.textLineMs });
      if (end) inData = false;
      continue;
    }
    plan.push({ lines: [line], awaitReply: true, delayMs: TYPING.commandMs });
    if (/^data\s*$/i.test(line.trim())) inData = true;
  }
  return plan;
}

export function typeDialogue(world: World, host: SimHost, address: string, port: number, lines: readonly string[]): void {
  new ScriptedConversation(world, { from: host.name, to: address, port, plan: dialoguePlan(lines) });
}
