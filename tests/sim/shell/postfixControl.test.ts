/**
 * postfix start|stop|reload|status|flush and systemctl: the lines on the terminal and in the
 * maillog, as the real Postfix 3.7.11 prints them (recorded with `postfix -c DIR` in a network
 * namespace, on a terminal), and a main.cf edit taking effect only at reload.
 */
import { describe, expect, it } from 'vitest';
import { postfixOf } from '../../../src/sim/services';
import { lesson, mailHost, maskPids, Session } from './helpers';

describe('postfix status, stop, start, reload', () => {
  it('reports, stops and starts the mail system with postfix-script and master lines', () => {
    const sh = new Session(lesson());
    const from = sh.logLength;
    expect(sh.type('postfix status')).toEqual([expect.stringMatching(/^postfix\/postfix-script: the Postfix mail system is running: PID: \d+$/)]);
    expect(sh.type('postfix stop')).toEqual(['postfix/postfix-script: stopping the Postfix mail system']);
    expect(sh.type('postfix status')).toEqual(['postfix/postfix-script: the Postfix mail system is not running']);
    expect(sh.terminal.lastExitStatus).toBe(1);
    expect(sh.type('postfix stop')).toEqual(['postfix/postfix-script: fatal: the Postfix mail system is not running']);
    expect(sh.type('postfix reload')).toEqual(['postfix/postfix-script: fatal: the Postfix mail system is not running']);
    expect(sh.type('postfix start')).toEqual(['postfix/postfix-script: starting the Postfix mail system']);
    expect(sh.type('postfix start')).toEqual(['postfix/postfix-script: fatal: the Postfix mail system is already running']);
    expect(sh.type('postfix reload')).toEqual(['postfix/postfix-script: refreshing the Postfix mail system']);
    expect(maskPids(sh.log(from))).toEqual([
      expect.stringMatching(/^postfix\/postfix-script\[PID\]: the Postfix mail system is running: PID: \d+$/),
      'postfix/postfix-script[PID]: stopping the Postfix mail system',
      'postfix/master[PID]: terminating on signal 15',
      'postfix/postfix-script[PID]: the Postfix mail system is not running',
      'postfix/postfix-script[PID]: fatal: the Postfix mail system is not running',
      'postfix/postfix-script[PID]: fatal: the Postfix mail system is not running',
      'postfix/postfix-script[PID]: starting the Postfix mail system',
      'postfix/master[PID]: daemon started -- version 3.7.11, configuration /etc/postfix',
      'postfix/postfix-script[PID]: fatal: the Postfix mail system is already running',
      'postfix/postfix-script[PID]: refreshing the Postfix mail system',
      'postfix/master[PID]: reload -- version 3.7.11, configuration /etc/postfix',
    ]);
  });

  it('gives the new master process id after a restart, and keeps it across a reload', () => {
    const sh = new Session(lesson());
    const pidOf = () => /PID: (\d+)$/.exec(sh.type('postfix status')[0])![1];
    const first = pidOf();
    sh.type('postfix stop');
    sh.type('postfix start');
    const second = pidOf();
    expect(second).not.toBe(first);
    sh.type('postfix reload');
    expect(pidOf()).toBe(second);
    const started = sh.log().find((l) => l.includes('daemon started'))!;
    expect(started).toBe(`postfix/master[${second}]: daemon started -- version 3.7.11, configuration /etc/postfix`);
  });
});

describe("the course's fatal inet_protocols error", () => {
  it('refuses a bad main.cf: printed and logged as postfix[PID]: fatal, the running system untouched', () => {
    const sh = new Session(lesson());
    sh.type('postconf -e inet_protocols=IPv4');
    const from = sh.logLength;
    expect(sh.type('postfix reload')).toEqual(['postfix: fatal: unknown inet_protocols value "IPv4" in "IPv4"']);
    expect(sh.terminal.lastExitStatus).toBe(1);
    expect(maskPids(sh.log(from))).toEqual(['postfix[PID]: fatal: unknown inet_protocols value "IPv4" in "IPv4"']);
    expect(sh.type('postfix status')).toEqual(['postfix: fatal: unknown inet_protocols value "IPv4" in "IPv4"']);
    expect(sh.terminal.host.listeners.some((l) => l.port === 25)).toBe(true);
  });

  it('stays down when started with it; starts once it is fixed', () => {
    const sh = new Session(lesson());
    sh.type('postfix stop');
    sh.type("postconf -e 'inet_protocols = IPv4'");
    expect(sh.type('postfix start')).toEqual(['postfix: fatal: unknown inet_protocols value "IPv4" in "IPv4"']);
    expect(sh.terminal.host.listeners.some((l) => l.port === 25)).toBe(false);
    sh.type('postconf -e inet_protocols=ipv4');
    const from = sh.logLength;
    expect(sh.type('postfix start')).toEqual(['postfix/postfix-script: starting the Postfix mail system']);
    expect(maskPids(sh.log(from))).toEqual([
      'postfix/postfix-script[PID]: starting the Postfix mail system',
      'postfix/master[PID]: daemon started -- version 3.7.11, configuration /etc/postfix',
    ]);
    expect(sh.terminal.host.listeners.some((l) => l.port === 25)).toBe(true);
  });

  it.each([
    ['message_size_limit = abc', 'bad numerical configuration: message_size_limit = abc'],
    ['soft_bounce = maybe', 'bad boolean configuration: soft_bounce = maybe'],
    ['ipc_timeout = 3x', 'parameter ipc_timeout: bad time value or unit: 3x'],
    ['inet_interfaces = 10.9.9.9', 'parameter inet_interfaces: no local interface found for 10.9.9.9'],
  ])('also refuses %s, as the real postfix command does', (setting, text) => {
    const sh = new Session(lesson());
    sh.type(`postconf -e '${setting}'`);
    expect(sh.type('postfix reload')).toEqual([`postfix: fatal: ${text}`]);
  });

  it('refuses a main.cf line without "="', () => {
    const sh = new Session(lesson());
    sh.terminal.host.fs.append('/etc/postfix/main.cf', 'bogus line\n');
    expect(sh.type('postfix check')).toEqual(['postfix: fatal: /etc/postfix/main.cf, line 11: missing \'=\' after attribute name: "bogus line"']);
  });
});

describe('compatibility_level below 3.6', () => {
  it('makes every postfix command print and log the backwards-compatibility notice', () => {
    const sh = new Session(
      lesson((s) => {
        (mailHost(s).main_cf as Record<string, string>).compatibility_level = '0';
      }),
    );
    const notice = [
      'Postfix is using backwards-compatible default settings',
      'See http://www.postfix.org/COMPATIBILITY_README.html for details',
      'To disable backwards compatibility use "postconf compatibility_level=3.6" and "postfix reload"',
    ];
    const from = sh.logLength;
    expect(sh.type('postfix reload')).toEqual([...notice.map((l) => `postfix: ${l}`), 'postfix/postfix-script: refreshing the Postfix mail system']);
    expect(maskPids(sh.log(from)).slice(0, 3)).toEqual(notice.map((l) => `postfix[PID]: ${l}`));
  });
});

describe('a main.cf edit takes effect at reload', () => {
  it('keeps the running configuration until postfix reload', () => {
    const sh = new Session(lesson());
    const running = () => postfixOf(sh.terminal.host)!.config.get('smtpd_banner');
    sh.type("postconf -e 'smtpd_banner = $myhostname ESMTP ready'");
    expect(sh.type('postconf -h smtpd_banner')).toEqual(['$myhostname ESMTP ready']);
    expect(running()).toBe('mail.example.com ESMTP Postfix');
    sh.type('postfix reload');
    expect(running()).toBe('mail.example.com ESMTP ready');
  });
});

describe('errors of the postfix command', () => {
  it.each([
    ['postfix', "postfix/postfix-script: fatal: unknown command: ''. Usage: postfix start (or stop, reload, abort, flush, check, status, set-permissions, upgrade-configuration, logrotate)"],
    ['postfix bogus', "postfix/postfix-script: fatal: unknown command: 'bogus'. Usage: postfix start (or stop, reload, abort, flush, check, status, set-permissions, upgrade-configuration, logrotate)"],
  ])('%s', (command, line) => {
    expect(new Session(lesson()).type(command)).toEqual([line]);
  });

  it('prints the usage for a bad option', () => {
    expect(new Session(lesson()).type('postfix -Z start')).toEqual(["postfix: invalid option -- 'Z'", 'postfix: fatal: usage: postfix [-c config_dir] [-Dv] command']);
  });

  it('cannot flush a stopped mail system', () => {
    const sh = new Session(lesson());
    sh.type('postfix stop');
    expect(sh.type('postfix flush')).toEqual(['postqueue: fatal: Cannot flush mail queue - mail system is down']);
    expect(sh.terminal.lastExitStatus).toBe(69);
  });
});

describe('systemctl', () => {
  it('starts and stops quietly, the lines going to the maillog only', () => {
    const sh = new Session(lesson());
    expect(sh.type('systemctl stop postfix')).toEqual([]);
    expect(sh.type('systemctl is-active postfix@-')).toEqual(['inactive']);
    const from = sh.logLength;
    expect(sh.type('systemctl start postfix')).toEqual([]);
    expect(maskPids(sh.log(from))).toEqual([
      'postfix/postfix-script[PID]: starting the Postfix mail system',
      'postfix/master[PID]: daemon started -- version 3.7.11, configuration /etc/postfix',
    ]);
    expect(sh.type('systemctl is-active postfix@-')).toEqual(['active']);
  });

  it('shows the Debian wrapper unit and the instance that runs the master', () => {
    const sh = new Session(lesson());
    sh.wait(65_000);
    const wrapper = sh.type('systemctl status postfix');
    expect(wrapper[0]).toBe('● postfix.service - Postfix Mail Transport Agent');
    expect(wrapper[2]).toBe('     Active: active (exited) since Sat 2024-04-13 07:38:00 UTC; 1min 5s ago');
    const instance = sh.type('systemctl status postfix@-');
    expect(instance[2]).toBe('     Active: active (running) since Sat 2024-04-13 07:38:00 UTC; 1min 5s ago');
    expect(instance).toContain(`             ├─${/PID: (\d+)/.exec(sh.type('postfix status')[0])![1]} /usr/lib/postfix/sbin/master -w`);
  });

  it('shows a failed start with its fatal line', () => {
    const sh = new Session(lesson());
    sh.type('systemctl stop postfix');
    sh.type('postconf -e inet_protocols=IPv4');
    sh.type('systemctl start postfix');
    const status = sh.type('systemctl status postfix@-');
    expect(status[0]).toBe('× postfix@-.service - Postfix Mail Transport Agent (instance -)');
    expect(status[2]).toMatch(/^ {5}Active: failed \(Result: exit-code\) since /);
    expect(status[status.length - 1]).toMatch(/ postfix\[\d+\]: fatal: unknown inet_protocols value "IPv4" in "IPv4"$/);
    expect(sh.terminal.lastExitStatus).toBe(3);
  });

  it('knows no other unit', () => {
    expect(new Session(lesson()).type('systemctl status sendmail')).toEqual(['Unit sendmail.service could not be found.']);
  });
});
