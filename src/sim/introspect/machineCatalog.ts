/**
 * The daemons' statecharts the UI can draw, as plain graphs: Postfix's and Dovecot's. A module
 * with a new daemon can add its machine with `registerDaemonMachine`.
 */
import type { AnyStateMachine } from 'xstate';
import { imapMachine } from '../dovecot/imap/imapMachine';
import { pop3Machine } from '../dovecot/pop3/pop3Machine';
import { agentMachine } from '../postfix/agentMachine';
import { qmgrMachine } from '../postfix/queue/qmgrMachine';
import { smtpClientMachine } from '../postfix/smtp/clientMachine';
import { smtpdMachine } from '../postfix/smtpd/machine';
import { machineGraph, type MachineGraph } from './machineGraph';

const catalog = new Map<string, AnyStateMachine>([
  ['smtpd', smtpdMachine],
  ['qmgr', qmgrMachine],
  ['agent', agentMachine],
  ['smtp', smtpClientMachine],
  ['pop3', pop3Machine],
  ['imap', imapMachine],
]);

/** Adds a daemon's machine under the name `daemonMachineName` gives it (e.g. "pop3", "imap"). */
export function registerDaemonMachine(name: string, machine: AnyStateMachine): void {
  catalog.set(name, machine);
}

export function machineGraphs(): Record<string, MachineGraph> {
  const out: Record<string, MachineGraph> = {};
  for (const [name, machine] of catalog) out[name] = machineGraph(machine);
  return out;
}
