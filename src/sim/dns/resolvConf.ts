/**
 * /etc/resolv.conf as both the C library's stub resolver and BIND's tools read it: nameserver
 * lines (at most three), the search list from "search" or "domain" (the last one wins), and
 * options ndots, timeout, attempts, rotate. Unknown lines are ignored, as they are by both.
 */

export interface ResolvConf {
  /** In file order, at most three. Empty when the file names none. */
  nameservers: string[];
  search: string[];
  ndots: number;
  /** Seconds to wait for an answer (options timeout:N). Undefined: the program's default. */
  timeout?: number;
  /** Rounds over the servers (options attempts:N). Undefined: the program's default. */
  attempts?: number;
  rotate: boolean;
}

const MAX_NAMESERVERS = 3;

export function parseResolvConf(text: string): ResolvConf {
  const conf: ResolvConf = { nameservers: [], search: [], ndots: 1, rotate: false };
  for (const raw of text.split('\n')) {
    const line = raw.replace(/[;#].*$/, '').trim();
    const [keyword, ...args] = line.split(/\s+/);
    switch (keyword) {
      case 'nameserver':
        if (args[0] && conf.nameservers.length < MAX_NAMESERVERS) conf.nameservers.push(args[0]);
        break;
      case 'domain':
        if (args[0]) conf.search = [args[0]];
        break;
      case 'search':
        conf.search = args.slice(0, 6);
        break;
      case 'options':
        for (const option of args) applyOption(conf, option);
        break;
    }
  }
  conf.search = conf.search.map((d) => d.replace(/\.$/, '')).filter((d) => d !== '');
  return conf;
}

function applyOption(conf: ResolvConf, option: string): void {
  const [name, value] = option.split(':');
  const n = Number(value);
  const valid = value !== undefined && /^\d+$/.test(value);
  if (name === 'ndots' && valid) conf.ndots = Math.min(n, 15);
  else if (name === 'timeout' && valid) conf.timeout = Math.max(1, Math.min(n, 30));
  else if (name === 'attempts' && valid) conf.attempts = Math.max(1, Math.min(n, 5));
  else if (name === 'rotate') conf.rotate = true;
}
