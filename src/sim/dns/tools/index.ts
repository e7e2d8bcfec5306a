/**
 * nslookup, dig and host, printing what BIND 9.18's tools print on Debian 12, line for line.
 * Values that vary between runs (query ids, cookies, query times, WHEN) come from env.rng and
 * env.epochNow(), so the same scenario and seed print the same text.
 */
import { runDig } from './dig';
import type { DnsToolEnv } from './env';
import { runHost } from './host';
import { runNslookup } from './nslookup';

export type { DnsToolEnv } from './env';
export { BIND_VERSION } from './env';
export { startNslookup, NslookupSession, type NslookupStart } from './nslookup';

export interface DnsToolResult {
  /**
   * Every line the tool printed, one element per line, stderr's lines where a terminal shows
   * them (usage texts, "dig: couldn't get address ..."); trailing empty lines included.
   */
  stdout: string[];
  exitStatus: number;
}

/** The DNS tools by name: what the terminal can hand a command line to. */
export const DNS_TOOLS = ['nslookup', 'dig', 'host'] as const;

/** Runs a tool; `stdin` is what a pipe gives it (nslookup reads its commands there). */
export function runDnsTool(argv: string[], env: DnsToolEnv, stdin?: readonly string[]): DnsToolResult {
  const [program, ...args] = argv;
  const name = (program ?? '').split('/').pop();
  if (name === 'nslookup') {
    const out = runNslookup(args, env, stdin);
    return { stdout: out.lines, exitStatus: out.exitStatus };
  }
  const run = name === 'dig' ? runDig : name === 'host' ? runHost : undefined;
  if (!run) return { stdout: [`${program}: command not found`], exitStatus: 127 };
  const out = run(args, env);
  return { stdout: out.lines, exitStatus: out.exitStatus };
}
