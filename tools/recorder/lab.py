"""The recording host, built inside a fresh network namespace + private mount/UTS namespace.

Runs as root (see record.py, which starts it with `ip netns exec NS unshare --mount --uts`).
Nothing here touches the machine: /etc, /var, /home and /run are copy-on-write overlays whose upper
layers live in the recording's work directory, and /dev is a small private tmpfs that holds the
syslog socket. So Postfix runs with its normal paths (/etc/postfix, /var/spool/postfix,
/etc/aliases, /var/mail) and main.cf is exactly the spec's `main_cf`, nothing added.
"""
import grp
import json
import os
import pwd
import re
import shutil
import socket
import subprocess
import threading
import time

# Debian system users of the recording host of the official corpus (FORMAT.md system_accounts)
DEFAULT_SYSTEM_ACCOUNTS = [
    '_apt', 'avahi', 'backup', 'bin', 'bind', 'daemon', 'dnsmasq', 'dovecot', 'dovenull', 'games',
    'irc', 'list', 'lp', 'mail', 'man', 'messagebus', 'news', 'nobody', 'polkitd', 'postfix',
    'postgres', 'proxy', 'sync', 'sys', 'systemd-network', 'systemd-timesync', 'uucp', 'www-data',
]
# stable uids for the lab users, so that every recording sees the same /etc/passwd
LAB_UIDS = {'alice': 1001, 'ansible': 1002, 'bob': 1003, 'carol': 1004, 'dave': 1005, 'eve': 1006,
            'student': 1007, 'admin': 1008, 'vmail': 5000}
SYNTH_SYSTEM = {
    'dnsmasq': 'dnsmasq:x:107:65534:dnsmasq,,,:/var/lib/misc:/usr/sbin/nologin',
}
HOSTS_FILE = '127.0.0.1\tlocalhost\n::1\t\tlocalhost ip6-localhost ip6-loopback\nff02::1\t\tip6-allnodes\nff02::2\t\tip6-allrouters\n'
SEED_FROM_DATE = 'Mon Jan  1 09:00:00 2024'
DEFAULT_UIDVALIDITY = 1700000000
MAIL_FACILITY = 2


def sh(*args, check=True, env=None, input=None, timeout=60):
    r = subprocess.run(list(args), capture_output=True, text=True, env=env, input=input, timeout=timeout)
    if check and r.returncode != 0:
        raise RuntimeError(f'{args}: exit {r.returncode}: {r.stdout}{r.stderr}')
    return r


_T0 = time.time()


def log(*a):
    print(f'[lab {time.time() - _T0:6.2f}s]', *a, flush=True)


# -- syslog -----------------------------------------------------------------------------------------

class Syslog:
    """A private syslogd: datagrams on /dev/log and in Postfix's chroot (/var/spool/postfix/dev/log)."""

    def __init__(self, paths, dump):
        self.socks = []
        for p in paths:
            os.makedirs(os.path.dirname(p), exist_ok=True)
            if os.path.exists(p):
                os.unlink(p)
            s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
            s.bind(p)
            os.chmod(p, 0o666)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
            self.socks.append(s)
        self.lines = []       # (arrival time, facility, text without <pri> and time stamp)
        self.lock = threading.Lock()
        self.dump = open(dump, 'a')
        self.stop = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        import select
        while not self.stop:
            r, _, _ = select.select(self.socks, [], [], 0.2)
            for s in r:
                data = s.recv(65536)
                text = data.decode('utf-8', errors='replace').rstrip('\x00').rstrip('\n')
                m = re.match(r'^<(\d+)>(?:[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d )?(.*)$', text, re.S)
                if m:
                    pri, body = int(m.group(1)), m.group(2)
                else:
                    pri, body = 13, text
                with self.lock:
                    self.lines.append((time.time(), pri >> 3, body))
                self.dump.write(text + '\n')
                self.dump.flush()

    def mark(self):
        with self.lock:
            return len(self.lines)

    def since(self, mark):
        with self.lock:
            return list(self.lines[mark:])

    def last_time(self):
        with self.lock:
            return self.lines[-1][0] if self.lines else 0

    def wait_quiet(self, quiet=0.6, limit=10):
        end = time.time() + limit
        while time.time() < end:
            if time.time() - self.last_time() >= quiet:
                return
            time.sleep(0.1)


# -- the host -----------------------------------------------------------------------------------------

class Lab:
    def __init__(self, spec, work):
        self.spec = spec
        self.host = spec.get('host', {})
        self.protocol = spec['protocol']
        self.work = work
        self.procs = []
        self.postfix_running = False
        self.syslog = None

    # mounts ---------------------------------------------------------------------------------------
    def mount_private(self):
        # /etc and /var: copy-on-write views of the machine's (programs' data, Debian defaults)
        for d in ('etc', 'var'):
            up, wk = f'{self.work}/ov/{d}/upper', f'{self.work}/ov/{d}/work'
            os.makedirs(up, exist_ok=True)
            os.makedirs(wk, exist_ok=True)
            sh('mount', '-t', 'overlay', 'overlay', '-o', f'lowerdir=/{d},upperdir={up},workdir={wk}', f'/{d}')
        # state directories: fresh and empty, so that nothing of the machine or of another
        # instance (whose files would show through an overlay's lower layer) can leak in
        # Debian's postfix configuration files (main.cf left out: it is the spec's), staged before
        # the fresh /etc/postfix hides the machine's
        staged = f'{self.work}/fresh/etc/postfix'
        os.makedirs(staged, exist_ok=True)
        shutil.copy('/usr/share/postfix/master.cf.dist', f'{staged}/master.cf')
        for name in ('dynamicmaps.cf', 'main.cf.proto', 'master.cf.proto', 'post-install',
                     'postfix-files', 'postfix-script'):
            shutil.copy2(f'/etc/postfix/{name}', f'{staged}/{name}')
        for name in ('dynamicmaps.cf.d', 'postfix-files.d', 'sasl'):
            os.makedirs(f'{staged}/{name}', exist_ok=True)
        fresh = {
            '/etc/postfix': (0, 0, 0o755), '/var/spool/postfix': (0, 0, 0o755),
            '/var/lib/postfix': ('postfix', 'postfix', 0o700), '/var/mail': (0, 'mail', 0o2775),
            '/var/lib/dovecot': (0, 0, 0o750), '/var/cache/bind': ('bind', 'bind', 0o775),
            '/var/log': (0, 0, 0o755), '/home': (0, 0, 0o755),
        }
        for path, (u, g, mode) in fresh.items():
            d = f'{self.work}/fresh{path}'
            os.makedirs(d, exist_ok=True)
            os.makedirs(path, exist_ok=True)
            sh('mount', '--bind', d, path)
            uid = u if isinstance(u, int) else pwd.getpwnam(u).pw_uid
            gid = g if isinstance(g, int) else grp.getgrnam(g).gr_gid
            os.chown(path, uid, gid)
            os.chmod(path, mode)
        sh('mount', '-t', 'tmpfs', '-o', 'mode=755,size=64m', 'tmpfs', '/run')
        os.makedirs('/run/lock', mode=0o1777)
        os.symlink('/usr/share/postfix/makedefs.out', '/etc/postfix/makedefs.out')
        # /dev: a private tmpfs with the usual nodes and room for the syslog socket
        sh('mount', '-t', 'tmpfs', '-o', 'mode=755,size=16m', 'tmpfs', '/dev')
        for name, minor in (('null', 3), ('zero', 5), ('full', 7), ('random', 8), ('urandom', 9)):
            os.mknod(f'/dev/{name}', 0o20666, os.makedev(1, minor))
            os.chmod(f'/dev/{name}', 0o666)
        os.mknod('/dev/tty', 0o20666, os.makedev(5, 0))
        os.chmod('/dev/tty', 0o666)
        for name, target in (('fd', '/proc/self/fd'), ('stdin', '/proc/self/fd/0'),
                             ('stdout', '/proc/self/fd/1'), ('stderr', '/proc/self/fd/2')):
            os.symlink(target, f'/dev/{name}')
        os.makedirs('/dev/shm')
        sh('mount', '-t', 'tmpfs', '-o', 'mode=1777,size=16m', 'tmpfs', '/dev/shm')
        sh('hostname', self.host.get('hostname', 'mail.example.com'))
        sh('ip', 'link', 'set', 'lo', 'up')

    def start_syslog(self):
        self.syslog = Syslog(['/dev/log', '/var/spool/postfix/dev/log'], f'{self.work}/syslog.txt')

    def postfix_skeleton(self):
        """The Postfix queue directories as the package makes them (postfix check creates what is
        missing); the chroot's etc/, lib/ ... are filled later by configure-instance.sh."""
        open('/etc/postfix/main.cf', 'w').close()
        age('/etc/postfix/main.cf')
        r = sh('postfix', 'check', check=False)
        if r.returncode or not os.path.isdir('/var/spool/postfix/private'):
            time.sleep(0.5)
            raise RuntimeError('postfix check: ' + r.stdout + r.stderr + '\n' +
                               '\n'.join(b for _, _, b in self.syslog.since(0)))

    # accounts -------------------------------------------------------------------------------------
    def accounts(self):
        acc = list(self.host.get('accounts', ['root']))
        if 'root' not in acc:
            acc.insert(0, 'root')
        return acc

    def system_accounts(self):
        return list(self.host.get('system_accounts', DEFAULT_SYSTEM_ACCOUNTS))

    def write_users(self):
        system = self.system_accounts()
        lab = [a for a in self.accounts() if a != 'root']
        host_pw = {l.split(':', 1)[0]: l for l in open('/etc/passwd').read().splitlines() if l}
        out = [host_pw['root']]
        used = {int(l.split(':')[2]) for l in host_pw.values()}
        for name in sorted(system, key=lambda n: (int(host_pw[n].split(':')[2]) if n in host_pw else 10**6, n)):
            if name in host_pw:
                out.append(host_pw[name])
            elif name in SYNTH_SYSTEM:
                out.append(SYNTH_SYSTEM[name])
            else:
                uid = max(u for u in used if u < 1000) + 1
                used.add(uid)
                out.append(f'{name}:x:{uid}:65534::/nonexistent:/usr/sbin/nologin')
        groups = open('/etc/group').read().splitlines()
        gnames = {g.split(':', 1)[0] for g in groups}
        next_uid = 1100
        for name in lab:
            uid = LAB_UIDS.get(name)
            if uid is None:
                uid = next_uid
                next_uid += 1
            out.append(f'{name}:x:{uid}:{uid}:{name},,,:/home/{name}:/bin/bash')
            if name not in gnames:
                groups.append(f'{name}:x:{uid}:')
        with open('/etc/passwd', 'w') as f:
            f.write('\n'.join(out) + '\n')
        with open('/etc/group', 'w') as f:
            f.write('\n'.join(groups) + '\n')
        shadow = [l for l in open('/etc/shadow').read().splitlines() if l.split(':', 1)[0] in
                  {o.split(':', 1)[0] for o in out}]
        for name in lab:
            shadow.append(f'{name}:*:19700:0:99999:7:::')
        with open('/etc/shadow', 'w') as f:
            f.write('\n'.join(shadow) + '\n')
        if os.path.isdir('/home'):
            for e in os.listdir('/home'):
                shutil.rmtree(os.path.join('/home', e))
        for name in lab:
            pw = pwd.getpwnam(name)
            home = f'/home/{name}'
            shutil.copytree('/etc/skel', home)
            for root, dirs, files in os.walk(home):
                for n in dirs + files:
                    os.chown(os.path.join(root, n), pw.pw_uid, pw.pw_gid)
            os.chown(home, pw.pw_uid, pw.pw_gid)
            os.chmod(home, 0o755)

    # names ------------------------------------------------------------------------------------------
    def write_resolver(self):
        with open('/etc/resolv.conf', 'w') as f:
            f.write(self.host.get('resolv_conf', ''))
        with open('/etc/hosts', 'w') as f:
            f.write(HOSTS_FILE)
        with open('/etc/hostname', 'w') as f:
            f.write(self.host.get('hostname', 'mail.example.com').split('.')[0] + '\n')

    # mailboxes --------------------------------------------------------------------------------------
    def maildir_root(self):
        """~/Maildir when Dovecot's mail_location is a Maildir (maildir:~/Maildir), else None."""
        m = re.search(r'^mail_location = maildir:(\S*)', self.host.get('dovecot_conf') or '', re.M)
        if not m:
            return None
        return (m.group(1).split(':')[0] or '~/Maildir')

    def seed_maildir(self, user, folder, msgs, uidvalidity):
        """A Maildir Dovecot has indexed before: the messages in new/ (delivered, no client has seen
        them: \\Recent) and dovecot-uidlist giving them UIDs 1..n under a fixed UIDVALIDITY."""
        pw = pwd.getpwnam(user)
        root = self.maildir_root().replace('~', pw.pw_dir, 1).rstrip('/')
        path = root if not folder else f'{root}/.{folder.replace("/", ".")}'
        for sub in ('', '/cur', '/new', '/tmp'):
            os.makedirs(path + sub, exist_ok=True)
        d = os.path.dirname(root)
        t = 1704099600  # 2024-01-01 09:00 UTC
        uidlist = [f'3 V{uidvalidity} N{len(msgs) + 1} G{uidvalidity:032x}']
        for i, msg in enumerate(msgs):
            base = f'{t}.M{i + 1}P1.{self.host.get("hostname", "mail.example.com")}'
            fname = f'{path}/new/{base}'
            text = msg.replace('\r\n', '\n')
            with open(fname, 'w') as f:
                f.write(text if text.endswith('\n') else text + '\n')
            os.utime(fname, (t, t))
            uidlist.append(f'{i + 1} :{base}')
        with open(f'{path}/dovecot-uidlist', 'w') as f:
            f.write('\n'.join(uidlist) + '\n')
        if folder:
            open(f'{path}/maildirfolder', 'w').close()
        for dirpath, dirs, files in os.walk(root):
            for n in [dirpath] + [os.path.join(dirpath, x) for x in files]:
                os.chown(n, pw.pw_uid, pw.pw_gid)
        os.chmod(root, 0o700)

    def seed_mailboxes(self):
        os.chown('/var/mail', 0, grp.getgrnam('mail').gr_gid)
        os.chmod('/var/mail', 0o2775)
        uidvalidity = self.host.get('uidvalidity', DEFAULT_UIDVALIDITY)
        for key, msgs in (self.host.get('mailboxes') or {}).items():
            if self.maildir_root() and not key.startswith('/'):
                user, _, folder = key.partition('/')
                self.seed_maildir(user, folder, msgs, uidvalidity)
                continue
            # "user": the INBOX /var/mail/user; "user/Folder": the mbox ~user/mail/Folder
            user, _, folder = key.partition('/')
            pw = pwd.getpwnam(user)
            if folder:
                root = f'{pw.pw_dir}/mail'
                os.makedirs(root, exist_ok=True)
                os.chown(root, pw.pw_uid, pw.pw_gid)
                os.chmod(root, 0o700)
                path = f'{root}/{folder}'
            else:
                path = f'/var/mail/{user}'
            with open(path, 'w') as f:
                f.write(mbox_text(msgs, uidvalidity, bookkeeping=self.protocol != 'smtp'))
            os.chown(path, pw.pw_uid, pw.pw_gid if folder else grp.getgrnam('mail').gr_gid)
            os.chmod(path, 0o600)
            t = 1704099600  # 2024-01-01 09:00 UTC
            os.utime(path, (t, t))

    # BIND -----------------------------------------------------------------------------------------------
    def start_named(self):
        zones = self.host.get('zones') or []
        servers = self.host.get('dns_servers')
        if servers and str(servers[0].get('software', '')).startswith('none'):
            self.start_silent_dns(servers[0])
            return
        if not zones or servers == []:
            return
        server = (servers or [{'address': '127.0.0.1', 'port': 53, 'recursion': True}])[0]
        addr, port = server.get('address', '127.0.0.1'), server.get('port', 53)
        d = '/etc/bind/lab'
        os.makedirs(d, exist_ok=True)
        conf = [
            'options {',
            '\tdirectory "/var/cache/bind";',
            f'\tlisten-on port {port} {{ {addr}; }};',
            '\tlisten-on-v6 { none; };',
            '\tallow-query { any; };',
            # answers in the order of the zone data (canonical), not shuffled per query, so that a
            # recording is repeatable ('fixed' is not compiled into Debian's named)
            '\trrset-order { order none; };',
            f'\trecursion {"yes" if server.get("recursion", True) else "no"};',
            '};',
        ]
        for z in zones:
            origin = z['origin']
            fname = f'{d}/db.{"root" if origin == "." else origin}'
            with open(fname, 'w') as f:
                f.write(zone_text(z))
            conf.append(f'zone "{origin}" {{ type primary; file "{fname}"; }};')
        with open('/etc/bind/named.conf', 'w') as f:
            f.write('\n'.join(conf) + '\n')
        for p in ('/var/cache/bind', '/run/named'):
            os.makedirs(p, exist_ok=True)
            b = pwd.getpwnam('bind')
            os.chown(p, b.pw_uid, b.pw_gid)
        sh('named-checkconf', '-z', '/etc/bind/named.conf')
        p = subprocess.Popen(['named', '-f', '-u', 'bind', '-c', '/etc/bind/named.conf'],
                             stdout=open(f'{self.work}/named.out', 'w'), stderr=subprocess.STDOUT)
        self.procs.append(p)
        # ready when every zone is loaded: an authoritative answer for its SOA
        def loaded(origin):
            out = sh('dig', '+norec', '+time=1', '+tries=1', f'@{addr}', '-p', str(port), 'SOA', origin,
                     check=False).stdout
            return 'status: NOERROR' in out and re.search(r'flags: qr aa', out) is not None
        wait_for(lambda: all(loaded(z['origin']) for z in zones), 30, 'named to load the zones')

    def start_silent_dns(self, server):
        """A name server that is down or unreachable: queries are read and never answered."""
        addr, port = server.get('address', '127.0.0.1'), server.get('port', 53)
        u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        u.bind((addr, port))
        t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        t.bind((addr, port))
        t.listen(16)
        held = []

        def run():
            import select
            while True:
                r, _, _ = select.select([u, t], [], [], 0.5)
                for s in r:
                    if s is u:
                        s.recv(4096)
                    else:
                        held.append(s.accept()[0])
        threading.Thread(target=run, daemon=True).start()

    # peers ------------------------------------------------------------------------------------------------
    def start_peers(self):
        for peer in self.host.get('peers') or []:
            if 'smtp-sink' not in (peer.get('software') or ''):
                continue
            addr, port = peer['address'], peer.get('port', 25)
            args = ['smtp-sink', '-u', 'nobody']
            if peer.get('sink_args'):
                args += peer['sink_args']
            args += [f'{addr}:{port}', '100']
            p = subprocess.Popen(args, stdout=open(f'{self.work}/sink-{addr}-{port}.out', 'w'),
                                 stderr=subprocess.STDOUT)
            self.procs.append(p)
            wait_for(lambda: port_open(addr, port), 10, f'smtp-sink {addr}:{port}')

    # Dovecot ------------------------------------------------------------------------------------------------
    def configure_dovecot(self):
        conf = self.host.get('dovecot_conf')
        if not conf:
            return False
        with open('/etc/dovecot/dovecot.conf', 'w') as f:
            f.write(conf)
        users = []
        for u in self.host.get('sasl') or []:
            try:
                pw = pwd.getpwnam(u['user'])
                users.append(f"{u['user']}:{u['password']}:{pw.pw_uid}:{pw.pw_gid}::{pw.pw_dir}::")
            except KeyError:
                users.append(f"{u['user']}:{u['password']}::::::")
        with open('/etc/dovecot/users', 'w') as f:
            f.write('\n'.join(users) + '\n')
        os.chown('/etc/dovecot/users', 0, grp.getgrnam('dovecot').gr_gid)
        os.chmod('/etc/dovecot/users', 0o640)
        return True

    def start_dovecot(self):
        p = subprocess.Popen(['dovecot', '-F'], stdout=open(f'{self.work}/dovecot.out', 'w'),
                             stderr=subprocess.STDOUT)
        self.procs.append(p)
        conf = self.host.get('dovecot_conf', '')
        protos = re.search(r'^protocols = (.*)$', conf, re.M)
        protos = protos.group(1).split() if protos else ['imap', 'pop3']
        listen = re.search(r'^listen = (\S+)', conf, re.M)
        listen = listen.group(1) if listen else '127.0.0.1'
        if listen == '*':
            listen = '127.0.0.1'
        if 'imap' in protos:
            wait_for(lambda: port_open(listen, 143), 20, 'dovecot imap')
        if 'pop3' in protos:
            wait_for(lambda: port_open(listen, 110), 20, 'dovecot pop3')
        m = re.search(r'unix_listener (\S+) \{', conf)
        if m and m.group(1).startswith('/'):
            wait_for(lambda: os.path.exists(m.group(1)), 20, 'dovecot auth socket')
        time.sleep(0.3)

    def doveconf(self):
        r = sh('doveconf', '-n', check=False)
        return ''.join(l + '\n' for l in r.stdout.splitlines() if not l.startswith('#'))

    # Postfix ------------------------------------------------------------------------------------------------
    def configure_postfix(self):
        main_cf = self.host.get('main_cf') or {}
        with open('/etc/postfix/main.cf', 'w') as f:
            for k, v in main_cf.items():
                f.write(f'{k} = {v}\n')
        with open('/etc/aliases', 'w') as f:
            f.write(self.host.get('aliases', ''))
        if self.host.get('master_cf') is not None:
            # the whole master.cf (Debian's with the student's changes); Debian's otherwise
            with open('/etc/postfix/master.cf', 'w') as f:
                f.write(self.host['master_cf'])
        for path, text in (self.host.get('files') or {}).items():
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, 'w') as f:
                f.write(text)
            home_owner(path)
        for path, text in (self.host.get('maps') or {}).items():
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, 'w') as f:
                f.write(text)
        if self.host.get('cyrus_sasl_conf') is not None:
            os.makedirs('/etc/postfix/sasl', exist_ok=True)
            with open('/etc/postfix/sasl/smtpd.conf', 'w') as f:
                f.write(self.host['cyrus_sasl_conf'])
            realm = self.host.get('hostname', 'mail.example.com')
            if os.path.exists('/etc/sasldb2'):
                os.unlink('/etc/sasldb2')
            for u in self.host.get('sasl') or []:
                sh('saslpasswd2', '-p', '-c', '-f', '/etc/sasldb2', '-u', u.get('realm', realm), u['user'],
                   input=u['password'])
            sh('chown', 'root:postfix', '/etc/sasldb2')
            os.chmod('/etc/sasldb2', 0o640)
        for p in ['/etc/postfix/main.cf', '/etc/postfix/master.cf', '/etc/aliases', *(self.host.get('maps') or {}),
                  *(self.host.get('files') or {})]:
            age(p)
        # hash: (and other indexed) tables named in main.cf
        for path in self.host.get('maps') or {}:
            kinds = set(re.findall(r'\b(hash|btree|cdb|lmdb|dbm):' + re.escape(path) + r'\b',
                                   ' '.join(main_cf.values()) + ' ' + self.host.get('aliases', '')))
            for kind in kinds or {'hash'}:
                sh('postmap', f'{kind}:{path}')
        if self.host.get('aliases') is not None:
            r = sh('newaliases', check=False)
            if r.returncode:
                log('newaliases:', r.stdout + r.stderr)
        # what Debian's init script does before starting: copy resolv.conf, hosts, ... into the chroot
        sh('/usr/lib/postfix/configure-instance.sh', '-')
        if os.path.exists('/etc/sasldb2'):
            shutil.copy2('/etc/sasldb2', '/var/spool/postfix/etc/sasldb2')
            sh('chown', 'root:postfix', '/var/spool/postfix/etc/sasldb2')

    def start_postfix(self):
        r = sh('postfix', 'start', check=False)
        if r.returncode:
            raise RuntimeError('postfix start: ' + r.stdout + r.stderr)
        self.postfix_running = True
        addrs = self.host.get('addresses') or ['127.0.0.1']
        wait_for(lambda: port_open(addrs[0], 25), 20, 'postfix smtpd')
        time.sleep(0.5)

    def postconf_n(self):
        r = sh('postconf', '-n')
        out = {}
        for line in r.stdout.splitlines():
            k, _, v = line.partition(' = ')
            out[k] = v
        return out

    def postconf_x(self, names):
        out = {}
        for n in names:
            r = sh('postconf', '-xh', n, check=False)
            out[n] = r.stdout.rstrip('\n')
        return out

    def queue_busy(self):
        for d in ('incoming', 'active', 'maildrop'):
            for _, _, files in os.walk(f'/var/spool/postfix/{d}'):
                if files:
                    return True
        return False

    def wait_mail_quiet(self, limit=90, quiet=1.5):
        end = time.time() + limit
        calm_since = None
        while time.time() < end:
            busy = self.queue_busy() or time.time() - self.syslog.last_time() < quiet
            if busy:
                calm_since = None
            else:
                calm_since = calm_since or time.time()
                if time.time() - calm_since >= 0.5:
                    return True
            time.sleep(0.2)
        log('queue did not become quiet')
        return False

    def deferred_count(self):
        n = 0
        for _, _, files in os.walk('/var/spool/postfix/deferred'):
            n += len(files)
        return n

    # shutting down ----------------------------------------------------------------------------------------
    def stop_all(self):
        if self.postfix_running:
            sh('postfix', 'stop', check=False)
            self.postfix_running = False
        for p in reversed(self.procs):
            if p.poll() is None:
                p.terminate()
        for p in self.procs:
            try:
                p.wait(timeout=5)
            except subprocess.TimeoutExpired:
                p.kill()
        if self.syslog:
            self.syslog.stop = True


# -- helpers -----------------------------------------------------------------------------------------------

def home_owner(path):
    """A file written under /home/USER/ belongs to USER, as if the user had made it (a .forward),
    and so do the directories between the home and the file."""
    m = re.match(r'^/home/([^/]+)/', path)
    if not m:
        return
    try:
        pw = pwd.getpwnam(m.group(1))
    except KeyError:
        return
    home = f'/home/{m.group(1)}'
    d = os.path.dirname(path)
    while d.startswith(home + '/'):
        os.chown(d, pw.pw_uid, pw.pw_gid)
        d = os.path.dirname(d)
    os.chown(path, pw.pw_uid, pw.pw_gid)


def other_mailboxes(accounts):
    """Every mailbox other than /var/mail/USER of the accounts: mbox files (text starting with
    "From ") and Maildirs (cur/ new/ tmp/) under /var/mail and /home, by absolute path; a Maildir's
    path ends with "/" and its messages are the files of new/ and cur/ in delivery order."""
    skip = {f'/var/mail/{a}' for a in accounts}
    found = {}
    for top in ('/var/mail', '/home'):
        for root, dirs, files in os.walk(top):
            dirs.sort()
            if {'cur', 'new', 'tmp'} <= set(dirs):
                entries = []
                for sub in ('new', 'cur'):
                    for name in os.listdir(os.path.join(root, sub)):
                        st = os.stat(os.path.join(root, sub, name))
                        entries.append((st.st_mtime_ns, name, os.path.join(root, sub, name)))
                found[root.rstrip('/') + '/'] = [open(p, encoding='utf-8', errors='replace').read()
                                                 for _, _, p in sorted(entries)]
                dirs[:] = [d for d in dirs if d not in ('cur', 'new', 'tmp')]
                continue
            for name in sorted(files):
                path = os.path.join(root, name)
                if path in skip or name.endswith('.lock') or not os.path.isfile(path):
                    continue
                with open(path, 'rb') as f:
                    head = f.read(5)
                if head == b'From ':
                    found[path] = parse_mbox(open(path, encoding='utf-8', errors='replace').read())
    return found


def age(path, seconds=60):
    """Date a file we just wrote back a little: Postfix waits (up to 3 s) before reading a table or
    main.cf modified within the last second, in case it is still being edited."""
    if os.path.exists(path):
        t = time.time() - seconds
        os.utime(path, (t, t))


def wait_for(pred, limit, what):
    end = time.time() + limit
    while time.time() < end:
        try:
            if pred():
                return
        except Exception:
            pass
        time.sleep(0.1)
    raise RuntimeError(f'timed out waiting for {what}')


def port_open(addr, port):
    """A TCP socket listens on addr:port (read from /proc, so that no probe connection shows up in
    the daemons' logs)."""
    a = socket.inet_aton(addr)
    want = {f'{int.from_bytes(a, "little"):08X}:{port:04X}', f'00000000:{port:04X}'}
    for line in open('/proc/net/tcp').read().splitlines()[1:]:
        f = line.split()
        if f[3] == '0A' and f[1] in want:
            return True
    return False


def envelope_sender(msg):
    m = re.search(r'^Return-Path:\s*<([^>]*)>', msg, re.M | re.I)
    if m:
        return m.group(1) or 'MAILER-DAEMON'
    m = re.search(r'^From:.*?<([^>]+)>', msg, re.M | re.I) or re.search(r'^From:\s*(\S+@\S+)', msg, re.M | re.I)
    return m.group(1) if m else 'MAILER-DAEMON'


def mbox_text(msgs, uidvalidity, bookkeeping=True):
    """Messages as Dovecot finds them in an mbox it has indexed before: UIDs 1..n (X-UID) and the
    UIDVALIDITY/UIDNEXT in X-IMAPbase of the first message; Dovecot hides these headers. Without
    `bookkeeping` (an smtp case: no Dovecot reads the mailbox) the messages are as local(8) wrote them."""
    out = []
    for i, msg in enumerate(msgs):
        msg = msg.replace('\r\n', '\n')
        if not msg.endswith('\n'):
            msg += '\n'
        head, sep, body = msg.partition('\n\n')
        if not sep:
            head, body = msg.rstrip('\n'), ''
        extra = ''
        if i == 0 and bookkeeping:
            extra += f'X-IMAPbase: {uidvalidity} {len(msgs):010d}\n'  # UIDVALIDITY, last UID
        if bookkeeping:
            extra += f'X-UID: {i + 1}\n'
        body_lines = [('>' + l if re.match(r'^>*From ', l) else l) for l in body.split('\n')]
        out.append(f'From {envelope_sender(msg)}  {SEED_FROM_DATE}\n{head}\n{extra}\n' + '\n'.join(body_lines))
        if not out[-1].endswith('\n'):
            out[-1] += '\n'
    return '\n'.join(out) + ('\n' if out else '')


def zone_text(z):
    origin = z['origin']
    fq = '.' if origin == '.' else origin.rstrip('.') + '.'
    lines = [f'$ORIGIN {fq}', f'$TTL {z.get("ttl", 3600)}']
    for r in z.get('records') or []:
        ttl = f' {r["ttl"]}' if 'ttl' in r else ''
        lines.append(f'{r["name"]}{ttl} IN {r["type"]} {r["value"]}')
    if z.get('file'):
        lines.append(z['file'])
    return '\n'.join(lines) + '\n'


def parse_mbox(text):
    """Messages of an mbox file, each from its "From " line through its last line (one newline)."""
    msgs = []
    cur = None
    prev_blank = True
    for line in text.split('\n'):
        if line.startswith('From ') and prev_blank:
            if cur is not None:
                msgs.append(cur)
            cur = [line]
        elif cur is not None:
            cur.append(line)
        prev_blank = line == ''
    if cur is not None:
        msgs.append(cur)
    out = []
    for k, m in enumerate(msgs):
        if k == len(msgs) - 1 and m and m[-1] == '':
            m.pop()            # what follows the file's last newline
        if m and m[-1] == '':
            m.pop()            # the blank line that separates messages
        out.append('\n'.join(m) + '\n')
    return out


BOOKKEEPING = re.compile(r'^(Status|X-Status|X-UID|X-IMAPbase|X-Keywords|Content-Length):', re.I)


def strip_bookkeeping(msg):
    head, sep, body = msg.partition('\n\n')
    lines = head.split('\n')
    kept = []
    skipping = False
    for l in lines:
        if l[:1] in (' ', '\t') and skipping:
            continue
        skipping = bool(BOOKKEEPING.match(l))
        if not skipping:
            kept.append(l)
    return '\n'.join(kept) + sep + body
