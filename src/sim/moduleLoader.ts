/**
 * The worker loads the engine in parts so the first lesson draws sooner: Postfix and DNS come
 * with the engine, Dovecot when a scenario runs it, the shell's commands (nslookup, mail,
 * postconf, telnet...) when the first line is typed or a script types one. Node loads
 * everything at once through engine.ts.
 */
import type { Scenario } from './scenario/schema';
import './postfix/smtp/smtpModule';
import './dns/dnsModule';

let dovecot: Promise<unknown> | undefined;
let shell: Promise<unknown> | undefined;

export function loadDovecot(): Promise<unknown> {
  dovecot ??= import('./dovecot/dovecotModule');
  return dovecot;
}

export function loadShell(): Promise<unknown> {
  shell ??= import('./shell/commands');
  return shell;
}

/** Does any host of the scenario run Dovecot? */
export function runsDovecot(scenario: Scenario): boolean {
  return scenario.hosts.some((h) => h.dovecot !== undefined);
}

/** Does the scenario's own script type into a terminal? */
export function typesCommands(scenario: Scenario): boolean {
  return (scenario.script ?? []).some((step) => step.action === 'shell');
}

/** Everything the scenario needs from its first event on. */
export async function loadModulesFor(scenario: Scenario): Promise<void> {
  const parts: Promise<unknown>[] = [];
  if (runsDovecot(scenario)) parts.push(loadDovecot());
  if (typesCommands(scenario)) parts.push(loadShell());
  await Promise.all(parts);
}
