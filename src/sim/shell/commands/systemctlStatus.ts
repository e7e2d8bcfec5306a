/**
 * `systemctl status postfix` as systemd 252 on Debian 12 shows it: the postfix.service wrapper
 * (always "active (exited)"), or the postfix@-.service instance that really runs the master,
 * with its processes and the last journal lines of the mail system.
 */
import type { SimHost } from '../../host/simHost';
import type { PostfixInstance } from '../../postfix/postfix';
import type { CommandResult } from '../terminal';
import { serviceState } from './postfixLifecycle';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad = (n: number) => String(n).padStart(2, '0');

/** "Sat 2024-04-13 07:38:00 UTC" */
function systemdTimestamp(host: SimHost, virtualMs: number): string {
  const d = new Date(host.startEpoch + virtualMs + host.zone.offsetMinutes * 60_000);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return `${DAYS[d.getUTCDay()]} ${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${host.zone.name}`;
}

/** systemd's format_timestamp_relative(): "5s ago", "1min 5s ago", "2h 3min ago", "1 day 2h ago". */
export function relativeTime(ms: number): string {
  const s = Math.floor(ms / 1000);
  const day = 86_400;
  if (s >= day) {
    const days = Math.floor(s / day);
    return `${days} ${days === 1 ? 'day' : 'days'} ${Math.floor((s % day) / 3600)}h ago`;
  }
  if (s >= 3600) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}min ago`;
  if (s >= 300) return `${Math.floor(s / 60)}min ago`;
  if (s >= 60) return `${Math.floor(s / 60)}min ${s % 60}s ago`;
  if (s >= 1) return `${s}s ago`;
  if (ms >= 1) return `${Math.floor(ms)}ms ago`;
  return 'now';
}

/** The mail system's own lines from the journal (what postfix, postfix-script and master logged). */
function journal(host: SimHost, count = 10): string[] {
  const own = host.log.lines.filter((l) => /\s(postfix\[\d+\]|postfix\/postfix-script\[\d+\]|postfix\/master\[\d+\]):/.test(l));
  return own.slice(-count);
}

export function serviceStatus(host: SimHost, postfix: PostfixInstance, which: 'wrapper' | 'instance', masterPid: number): CommandResult {
  const now = host.scheduler.now;
  if (which === 'wrapper') {
    // The wrapper ran once at boot, just before the first master.
    const bootPid = postfix.master.pid - 3;
    const since = `${systemdTimestamp(host, 0)}; ${relativeTime(now)}`;
    return {
      output: [
        '● postfix.service - Postfix Mail Transport Agent',
        '     Loaded: loaded (/lib/systemd/system/postfix.service; enabled; preset: enabled)',
        `     Active: active (exited) since ${since}`,
        '       Docs: man:postfix(1)',
        `    Process: ${bootPid} ExecStart=/bin/true (code=exited, status=0/SUCCESS)`,
        `   Main PID: ${bootPid} (code=exited, status=0/SUCCESS)`,
        '        CPU: 1ms',
      ],
      exitStatus: 0,
    };
  }
  const state = serviceState(postfix);
  const since = `${systemdTimestamp(host, state.since)}; ${relativeTime(now - state.since)}`;
  const head = [
    `${state.state === 'failed' ? '×' : state.state === 'running' ? '●' : '○'} postfix@-.service - Postfix Mail Transport Agent (instance -)`,
    '     Loaded: loaded (/lib/systemd/system/postfix@.service; enabled-runtime; preset: enabled)',
  ];
  const tail = ['', ...journal(host)];
  if (state.state === 'running') {
    const pickup = postfix.master.singleton('pickup');
    const qmgr = postfix.qmgr?.pid ?? postfix.master.singleton('qmgr');
    return {
      output: [
        ...head,
        `     Active: active (running) since ${since}`,
        '       Docs: man:postfix(1)',
        `   Main PID: ${masterPid} (master)`,
        '      Tasks: 3 (limit: 4557)',
        '     Memory: 3.6M',
        '        CPU: 58ms',
        '     CGroup: /system.slice/system-postfix.slice/postfix@-.service',
        `             ├─${masterPid} /usr/lib/postfix/sbin/master -w`,
        `             ├─${pickup} pickup -l -t unix -u -c`,
        `             └─${qmgr} qmgr -l -t unix -u`,
        ...tail,
      ],
      exitStatus: 0,
    };
  }
  const active = state.state === 'failed' ? `failed (Result: exit-code) since ${since}` : `inactive (dead) since ${since}`;
  return { output: [...head, `     Active: ${active}`, '       Docs: man:postfix(1)', ...tail], exitStatus: 3 };
}
