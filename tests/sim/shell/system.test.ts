/**
 * ip addr / ifconfig / ip route (formats recorded from iproute2 6.1 and net-tools 2.10 on
 * Debian 12), date in virtual time, useradd making a new local recipient, id, which, editors.
 */
import { describe, expect, it } from 'vitest';
import { lesson, mailHost, Session, WS } from './helpers';

const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;

describe('interfaces', () => {
  it('ip addr: lo as the real one prints it, eth0 with the scenario address', () => {
    const out = new Session(lesson()).type('ip addr');
    expect(out.slice(0, 6)).toEqual([
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000',
      '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
      '    inet 127.0.0.1/8 scope host lo',
      '       valid_lft forever preferred_lft forever',
      '    inet6 ::1/128 scope host ',
      '       valid_lft forever preferred_lft forever',
    ]);
    expect(out[6]).toBe('2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000');
    expect(out[7]).toMatch(/^ {4}link\/ether (\S+) brd ff:ff:ff:ff:ff:ff$/);
    expect(/link\/ether (\S+)/.exec(out[7])![1]).toMatch(MAC);
    expect(out.slice(8)).toEqual(['    inet 192.168.1.1/24 brd 192.168.1.255 scope global eth0', '       valid_lft forever preferred_lft forever']);
  });

  it('ifconfig and ip route', () => {
    const sh = new Session(lesson(), WS);
    const out = sh.type('ifconfig');
    expect(out.slice(0, 2)).toEqual(['eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500', '        inet 192.168.1.23  netmask 255.255.255.0  broadcast 192.168.1.255']);
    expect(out).toContain('lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536');
    expect(out).toContain('        inet6 ::1  prefixlen 128  scopeid 0x10<host>');
    expect(sh.type('ip route')).toEqual(['192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.23 ']);
    expect(sh.type('ip -4 a')).toEqual([
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000',
      '    inet 127.0.0.1/8 scope host lo',
      '       valid_lft forever preferred_lft forever',
      '2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000',
      '    inet 192.168.1.23/24 brd 192.168.1.255 scope global eth0',
      '       valid_lft forever preferred_lft forever',
    ]);
  });
});

describe('date', () => {
  it('follows virtual time in the hosts time zone', () => {
    const sh = new Session(lesson((s) => (s.timezone = '+0800 CST')));
    expect(sh.type('date')).toEqual(['Sat Apr 13 15:38:00 CST 2024']);
    sh.wait(61_000);
    expect(sh.type('date -R')).toEqual(['Sat, 13 Apr 2024 15:39:01 +0800']);
    expect(sh.type("date '+%F %T'")).toEqual(['2024-04-13 15:39:01']);
  });
});

describe('accounts', () => {
  it('useradd makes a new local recipient at once', () => {
    const sh = new Session(lesson());
    sh.type('echo hi | sendmail bob', 1000);
    expect(sh.log().some((l) => /to=<bob@mail\.example\.com>.*status=bounced \(unknown user: "bob"\)/.test(l))).toBe(true);
    expect(sh.type('useradd bob')).toEqual([]);
    expect(sh.type('id bob')).toEqual(['uid=1002(bob) gid=1002(bob) groups=1002(bob)']);
    sh.type('echo hi | sendmail bob', 1000);
    expect(sh.log().some((l) => /to=<bob@mail\.example\.com>.*status=sent/.test(l))).toBe(true);
    expect(sh.type('useradd bob')).toEqual(["useradd: user 'bob' already exists"]);
    expect(sh.terminal.lastExitStatus).toBe(9);
  });

  it('id and su', () => {
    const sh = new Session(lesson());
    expect(sh.type('id')).toEqual(['uid=0(root) gid=0(root) groups=0(root)']);
    expect(sh.type('id nobody-here')).toEqual(['id: ‘nobody-here’: no such user']);
    sh.type('su - ansible');
    expect(sh.type('useradd eve')).toEqual(['useradd: Permission denied.', 'useradd: cannot lock /etc/passwd; try again later.']);
  });
});

describe('which and the editors', () => {
  it('knows where the mail tools are installed', () => {
    const sh = new Session(lesson());
    expect(sh.type('which postconf mailq mail')).toEqual(['/usr/sbin/postconf', '/usr/bin/mailq', '/usr/bin/mail']);
    expect(sh.type('which nosuch')).toEqual([]);
    expect(sh.terminal.lastExitStatus).toBe(1);
    expect(new Session(lesson(), WS).type('which postconf')).toEqual([]);
  });

  it('points to the Files panel instead of a full-screen editor', () => {
    const sh = new Session(lesson((s) => void mailHost(s)));
    expect(sh.type('vi /etc/postfix/main.cf')).toEqual(['mailsim: edit /etc/postfix/main.cf in the Files panel (F), or use postconf -e']);
    expect(sh.type('nano /etc/aliases')).toEqual(['mailsim: edit /etc/aliases in the Files panel (F)']);
  });
});
