/**
 * Runs one command line on a host, as a student would type it in the host's terminal.
 */
import type { SimHost } from '../host/simHost';
import type { World } from '../world';
import { isDnsCommand, runDnsCommand } from '../dns/dnsModule';

export interface CommandResult {
  stdout: string[];
  exitStatus: number;
}

export function runCommand(world: World, host: SimHost, line: string): CommandResult {
  const name = line.trim().split(/\s+/)[0] ?? '';
  if (isDnsCommand(name)) return runDnsCommand(host, world, line.trim().split(/\s+/));
  return { stdout: [`-bash: ${name}: command not found`], exitStatus: 127 };
}
