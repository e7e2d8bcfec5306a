/**
 * Runs one command line on a host, as a student would type it in the host's terminal.
 */
import type { SimHost } from '../host/simHost';
import type { World } from '../world';

export interface CommandResult {
  stdout: string[];
  exitStatus: number;
}

export function runCommand(_world: World, _host: SimHost, line: string): CommandResult {
  const name = line.trim().split(/\s+/)[0] ?? '';
  return { stdout: [`-bash: ${name}: command not found`], exitStatus: 127 };
}
