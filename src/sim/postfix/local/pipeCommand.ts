/**
 * What local(8) makes of a command it piped a message into (Postfix's pipe_command and
 * sys_exits): exit status 0 is a delivery; a sendmail-style status (64-78, <sysexits.h>) has its
 * own enhanced status code and text, temporary (4.x.x, EX_TEMPFAIL 75) or not; any other status
 * bounces as "Command died with status N"; a signal defers. A command that failed and printed
 * "D.S.N text" (e.g. "5.1.1 no such mailbox") chooses its own status and reason. What the command
 * printed is quoted in the reason, newlines and tabs turned into spaces, and is the x-unix
 * Diagnostic-Code of a bounce notice (else the <sysexits.h> text).
 */

/** How a command ended and what it wrote on stdout/stderr. */
export interface CommandRun {
  exitStatus?: number;
  signal?: number;
  output: string;
}

export type PipeVerdict = { kind: 'ok' } | { kind: 'bounce' | 'defer'; dsn: string; reason: string; diagnostic: string };

/** <sysexits.h> as Postfix's sys_exits.c describes each status. */
const SYS_EXITS: Record<number, { dsn: string; text: string }> = {
  64: { dsn: '5.3.0', text: 'command line usage error' },
  65: { dsn: '5.6.0', text: 'data format error' },
  66: { dsn: '5.3.0', text: 'cannot open input' },
  67: { dsn: '5.1.1', text: 'user unknown' },
  68: { dsn: '5.1.2', text: 'host name unknown' },
  69: { dsn: '5.3.0', text: 'service unavailable' },
  70: { dsn: '5.3.0', text: 'internal software error' },
  71: { dsn: '4.3.0', text: 'system resource problem' },
  72: { dsn: '5.3.0', text: 'critical OS file missing' },
  73: { dsn: '5.2.0', text: "can't create user output file" },
  74: { dsn: '5.3.0', text: 'input/output error' },
  75: { dsn: '4.3.0', text: 'temporary failure' },
  76: { dsn: '5.5.0', text: 'remote error in protocol' },
  77: { dsn: '5.7.0', text: 'permission denied' },
  78: { dsn: '5.3.5', text: 'local configuration error' },
};

/** The exit status a program dies with when Postfix's child cannot exec it (msg_fatal in pipe_command). */
export const EXEC_FAILED_STATUS = 75;

export function pipeVerdict(command: string, run: CommandRun): PipeVerdict {
  const output = capturedOutput(run.output);
  const tail = output ? `. Command output: ${output}` : '';
  const verdict = (dsn: string, reason: string, diagnostic: string): PipeVerdict => ({ kind: dsn.startsWith('4') ? 'defer' : 'bounce', dsn, reason, diagnostic: `x-unix; ${diagnostic.trimEnd()}` });
  if (run.signal !== undefined) return verdict('4.3.0', `Command died with signal ${run.signal}: "${command}"${tail}`, output || 'unknown error');
  const status = run.exitStatus ?? 0;
  if (status === 0) return { kind: 'ok' };
  const own = /^([245]\.\d{1,3}\.\d{1,3})(?:\s+|$)/.exec(output);
  if (own) {
    const text = output.slice(own[0].length);
    return verdict(own[1], text, text);
  }
  const known = SYS_EXITS[status];
  if (known) return verdict(known.dsn, `${known.text}${tail}`, output || known.text);
  // A status outside <sysexits.h> is a permanent failure ("unknown mail system error N").
  return verdict('5.3.0', `Command died with status ${status}: "${command}"${tail}`, output || `unknown mail system error ${status}`);
}

/** The output as it is quoted: tabs and newlines become spaces, other control characters "_". */
function capturedOutput(text: string): string {
  return text.slice(0, 4096).replace(/[\t\n]/g, ' ').replace(/[\x00-\x1f\x7f]/g, '_');
}
