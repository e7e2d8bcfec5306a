/**
 * nslookup as BIND 9.18 runs it (bin/dig/nslookup.c): a name on the command line is looked up
 * and printed (nslookupPrint.ts), then a final empty line; exit status 1 when a lookup failed.
 * Without a name it is interactive: "set type=mx", "server 10.0.0.1", names, "exit" — the
 * terminal drives an NslookupSession line by line.
 */
import { absolute } from '../names';
import { defaultServers, resolvConfOf, reverseText, serverAddresses, ToolOutput } from './common';
import { DigHost, type DigHostConfig, type ToolServer } from './dighost';
import { BIND_VERSION, type DnsToolEnv } from './env';
import { newSettings, setOption, settingsLines, type Settings } from './nslookupOptions';
import { printMessage, type Lookup, type PrintState } from './nslookupPrint';

const USAGE = [
  'Usage:',
  '   nslookup [-opt ...]             # interactive mode using default server',
  "   nslookup [-opt ...] - server    # interactive mode using 'server'",
  "   nslookup [-opt ...] host        # just look up 'host' using default server",
  "   nslookup [-opt ...] host server # just look up 'host' using 'server'",
];

/** The state of one nslookup process. */
export class NslookupSession {
  readonly settings: Settings = newSettings();
  private servers: ToolServer[];
  /** Ask for RA (warn when a server does not recurse) unless the user chose the server. */
  private checkRa = true;
  private readonly state: PrintState = { queryError: 1, printError: 0, aNoAnswer: false };
  private readonly engine: DigHost;
  /** The program has ended (exit, or an error that stops it); the final status is set. */
  finished = false;

  constructor(
    private readonly env: DnsToolEnv,
    private readonly out: ToolOutput,
  ) {
    this.servers = defaultServers(resolvConfOf(env));
    this.engine = new DigHost(env, out.print);
  }

  /** The prompt a terminal shows in interactive mode. */
  get prompt(): string {
    return '> ';
  }

  setOption(opt: string): void {
    setOption(opt, this.settings, this.out.print, () => this.out.lines.push(...this.settingsText(false)));
  }

  /** set_nameserver(): false (and the program ends) when the name has no address. */
  setServer(text: string): boolean {
    const addresses = serverAddresses(text, this.env);
    if (!addresses) {
      this.out.print(`nslookup: couldn't get address for '${text}': not found`);
      this.end(1);
      return false;
    }
    this.servers = addresses.map((address) => ({ address, label: text }));
    this.checkRa = false;
    return true;
  }

  /**
   * Looks a name (or an address, in reverse) up and prints the result. `type` is the query type
   * when the name was read: options after it on the command line no longer change it.
   */
  lookup(name: string, type = this.settings.type): void {
    this.state.aNoAnswer = false;
    const reverse = reverseText(name, true);
    const queue: Lookup[] = [reverse ? { textname: reverse, type: 'PTR', exact: false } : { textname: name, type, exact: false }];
    const config = this.config();
    while (queue.length > 0 && !this.finished) {
      const lookup = queue.shift()!;
      const result = lookup.exact ? this.engine.ask(absolute(lookup.textname), lookup.type, config) : this.engine.lookup(lookup.textname, lookup.type, config);
      if (result.kind === 'badname') {
        this.out.print(`nslookup: '${lookup.textname}' is not a legal name (${result.reason})`);
        this.finished = true;
        this.out.exitStatus = 10;
        return;
      }
      if (result.kind === 'unreachable') {
        this.out.print(';; no servers could be reached');
        continue;
      }
      const next = printMessage(result.reply, lookup, this.settings, this.state, this.out);
      if (next) queue.push(next);
    }
  }

  /** One line typed in interactive mode (nslookup.c's do_next_command). */
  command(line: string): void {
    const [word, arg] = line.trim().split(/\s+/);
    if (!word) return;
    const lower = word.toLowerCase();
    if (lower === 'set' && arg !== undefined) this.setOption(arg);
    else if (lower === 'server' || lower === 'lserver') {
      if (arg !== undefined && this.setServer(arg)) this.out.lines.push(...this.settingsText(true));
    } else if (lower === 'exit') this.end();
    else if (lower === 'help' || lower === '?') this.out.print(`The '${word}' command is not yet implemented.`);
    else if (['finger', 'root', 'ls', 'view'].includes(lower)) this.out.print(`The '${word}' command is not implemented.`);
    else this.lookup(word);
  }

  /** The program ends: the final empty line and the exit status. */
  end(status?: number): void {
    if (this.finished) return;
    this.finished = true;
    if (status === undefined) this.out.print('');
    this.out.exitStatus = status ?? this.state.queryError | this.state.printError;
  }

  private config(): DigHostConfig {
    const conf = resolvConfOf(this.env);
    const s = this.settings;
    return {
      program: 'nslookup', servers: this.servers, port: s.port, tries: s.tries ?? conf.attempts ?? 3,
      timeoutMs: (s.timeout ?? conf.timeout ?? 5) * 1000, search: s.search ?? conf.search, ndots: s.ndots ?? conf.ndots,
      useSearch: s.useSearch, checkRa: this.checkRa, servfailStops: false, comments: true, recurse: s.recurse,
      edns: false, cookie: false, tcp: s.tcp, qclass: s.qclass,
    };
  }

  private settingsText(serversOnly: boolean): string[] {
    const c = this.config();
    return settingsLines(this.servers, this.settings, { tries: c.tries, ndots: c.ndots, search: c.search }, serversOnly);
  }
}

/** The result of reading nslookup's command line. */
export interface NslookupStart {
  session: NslookupSession;
  out: ToolOutput;
  /** No name was given: the session waits for commands. */
  interactive: boolean;
}

/** Reads the command line: options are applied, a name is looked up at once. */
export function startNslookup(args: string[], env: DnsToolEnv): NslookupStart {
  const out = new ToolOutput();
  const session = new NslookupSession(env, out);
  const stop = (status: number) => {
    session.finished = true;
    out.exitStatus = status;
    return { session, out, interactive: false };
  };
  let name: string | undefined;
  let type = session.settings.type;
  let haveLookup = false;
  let serverText: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg.startsWith('-')) {
      if (arg.toLowerCase().startsWith('-ver')) {
        out.print(`nslookup ${BIND_VERSION}`);
        return stop(0);
      }
      if (arg.length > 1) session.setOption(arg.slice(1));
      else haveLookup = true;
    } else if (!haveLookup) {
      haveLookup = true;
      name = arg;
      type = session.settings.type;
    } else {
      if (i + 1 < args.length) {
        out.lines.push(...USAGE);
        return stop(1);
      }
      serverText = arg;
    }
  }
  if (serverText !== undefined && !session.setServer(serverText)) return { session, out, interactive: false };
  if (name === undefined) return { session, out, interactive: true };
  session.lookup(name, type);
  session.end();
  return { session, out, interactive: false };
}

/**
 * nslookup run to its end. Interactive mode without a terminal reads its commands from standard
 * input (`printf 'set type=mx\nexample.org\n' | nslookup`): no prompts, each line as typed, and
 * at the end of the input (or "exit") the final empty line. With no input at all it ends at once.
 */
export function runNslookup(args: string[], env: DnsToolEnv, stdin?: readonly string[]): ToolOutput {
  const { session, out, interactive } = startNslookup(args, env);
  if (interactive && stdin) {
    for (const line of stdin) {
      if (session.finished) break;
      session.command(line);
    }
  }
  session.end();
  return out;
}
