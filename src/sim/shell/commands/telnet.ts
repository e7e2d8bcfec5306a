/**
 * telnet HOST [PORT], as netkit telnet (the course's CentOS) prints it:
 *
 *   Trying 192.168.1.1...
 *   Connected to mail.example.com.
 *   Escape character is '^]'.
 *   220 mail.example.com ESMTP Postfix
 *
 * then the server's lines as they arrive and the user's lines sent as typed, until "Connection
 * closed by foreign host."; a refused or silent address gives "telnet: Unable to connect to
 * remote host: ...". Ctrl-] leads to the "telnet> " prompt, where "quit" ends it. Everything
 * happens in virtual time: the session is a network peer like any client.
 */
import type { Connection, ConnectFailure, Peer } from '../../core/network';
import { parseIp } from '../../core/ip';
import { registerCommand } from '../registry';
import type { CommandResult, ForegroundProgram, ShellContext } from '../terminal';
import { hasFamily, resolveTarget, type TelnetTarget } from './telnetTarget';

/** How long Linux keeps retrying a SYN nobody answers (tcp_syn_retries = 6). */
const CONNECT_TIMEOUT_MS = 127_000;

const FAILURE_TEXT: Record<ConnectFailure, string> = {
  refused: 'Connection refused',
  timeout: 'Connection timed out',
  unreachable: 'No route to host',
};

const HELP = [
  'Commands may be abbreviated.  Commands are:',
  '',
  'close\tclose current connection',
  'logout\tforcibly logout remote user and close the connection',
  'display\tdisplay operating parameters',
  'mode\ttry to enter line or character mode (\'mode ?\' for more)',
  'open\tconnect to a site',
  'quit\texit telnet',
  'send\ttransmit special characters (\'send ?\' for more)',
  'set\tset operating parameters (\'set ?\' for more)',
  'unset\tunset operating parameters (\'unset ?\' for more)',
  'status\tprint status information',
  'toggle\ttoggle operating parameters (\'toggle ?\' for more)',
  'slc\tchange state of special charaters (\'slc ?\' for more)',
  'z\tsuspend telnet',
  '!\tinvoke a subshell',
  'environ\tchange environment variables (\'environ ?\' for more)',
  '?\tprint help information',
];

class TelnetSession implements ForegroundProgram, Peer {
  prompt = '';
  private conn?: Connection;
  /** At the "telnet> " prompt (after Ctrl-]) rather than talking to the server. */
  private commandMode = false;
  private ended = false;

  constructor(private readonly ctx: ShellContext) {}

  /** Tries the addresses in turn, as telnet does when one of them refuses. */
  connect(target: TelnetTarget, index = 0): void {
    const address = target.addresses[index];
    const last = index === target.addresses.length - 1;
    this.ctx.print(`Trying ${address}...`);
    const fail = (reason: ConnectFailure | 'Network is unreachable') => {
      const text = reason in FAILURE_TEXT ? FAILURE_TEXT[reason as ConnectFailure] : reason;
      if (!last) {
        this.ctx.print(`telnet: connect to address ${address}: ${text}`);
        this.connect(target, index + 1);
        return;
      }
      this.finish([`telnet: Unable to connect to remote host: ${text}`], 1);
    };
    const ip = parseIp(address)!;
    if (ip.family === 6 && !hasFamily(this.ctx.host, 6) && address !== '::1') {
      // No IPv6 address on this host: the kernel refuses at once.
      fail('Network is unreachable');
      return;
    }
    this.ctx.world.network.connect({
      from: { host: this.ctx.host.name },
      to: { address, port: target.port },
      timeoutMs: CONNECT_TIMEOUT_MS,
      onOpen: (conn) => {
        this.conn = conn;
        this.ctx.print([`Connected to ${target.canonical}.`, "Escape character is '^]'."]);
        return this;
      },
      onFail: (reason) => fail(reason),
    });
  }

  /** Lines from the server. */
  onData(lines: string[]): void {
    if (!this.ended) this.ctx.print(lines);
  }

  onClose(): void {
    this.finish(['Connection closed by foreign host.'], 1);
  }

  input(line: string): void {
    if (this.ended) return;
    if (this.commandMode) return this.command(line.trim());
    // Typed before the connection is up, a line is lost, as it would be on a real terminal.
    this.conn?.clientWrite([line]);
  }

  /** Ctrl-C: before the connection is up it ends telnet; after, the server gets it and ignores it. */
  interrupt(): void {
    if (!this.conn) this.finish([], 1);
  }

  /** Ctrl-]: the telnet> prompt. */
  escape(): void {
    if (this.ended || !this.conn) return;
    this.commandMode = true;
    this.prompt = 'telnet> ';
    this.ctx.print([]);
  }

  private command(line: string): void {
    const word = line.split(/\s+/)[0] ?? '';
    if (word === '') {
      this.commandMode = false;
      this.prompt = '';
      this.ctx.print([]);
      return;
    }
    if ('quit'.startsWith(word) || 'close'.startsWith(word)) {
      this.conn?.close('client');
      this.finish(['Connection closed.'], 0);
      return;
    }
    if (word === '?' || 'help'.startsWith(word)) {
      this.ctx.print(HELP);
      return;
    }
    this.ctx.print(['?Invalid command']);
  }

  private finish(lines: string[], status: number): void {
    if (this.ended) return;
    this.ended = true;
    this.prompt = '';
    this.ctx.print(lines);
    this.ctx.done(status);
  }
}

registerCommand('telnet', (ctx, argv): CommandResult => {
  const [name, portText = '23'] = argv.slice(1).filter((a) => !a.startsWith('-'));
  if (!name) return { output: ['mailsim: telnet needs a host here: telnet HOST [PORT]'], exitStatus: 1 };
  const target = resolveTarget(ctx.host, name, portText);
  if (typeof target === 'string') return { output: [`telnet: could not resolve ${name}/${portText}: ${target}`], exitStatus: 1 };
  const session = new TelnetSession(ctx);
  ctx.foreground(session);
  session.connect(target);
  return 'foreground';
});
