/**
 * The commands a host's shell knows. Each command module registers itself here; importing
 * ./commands loads them all.
 */
import type { Command } from './terminal';

const commands = new Map<string, Command>();

export function registerCommand(names: string | string[], command: Command): void {
  for (const n of typeof names === 'string' ? [names] : names) commands.set(n, command);
}

export function findCommand(name: string): Command | undefined {
  return commands.get(name) ?? commands.get(name.split('/').pop() ?? name);
}

export function commandNames(): string[] {
  return [...commands.keys()].sort();
}
