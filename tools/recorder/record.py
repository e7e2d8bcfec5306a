#!/usr/bin/env python3
"""Record conformance cases from the real daemons (Postfix, Dovecot, BIND) on this machine.

usage: record.py [-o OUTDIR] [-j N] [--keep] SPEC.json|DIR ...

A spec is a case without answers (FORMAT.md): id, protocol, about, host, client and either a
dialogue whose server steps are {"s": null} or, for dns, a command. For every spec a fresh network
namespace (loopback only) and a private mount/UTS namespace are made, the host is built in them,
the dialogue is played (or the command run) and the full case is written to OUTDIR/ID.json.
Must run as root. See README.md.
"""
import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
import itertools

_COUNTER = itertools.count(1)

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

EFFECTIVE = ['myhostname', 'mydomain', 'myorigin', 'mydestination', 'mynetworks_style', 'mynetworks',
             'relay_domains', 'smtpd_relay_restrictions', 'smtpd_recipient_restrictions',
             'local_recipient_maps', 'message_size_limit', 'smtpd_recipient_limit',
             'disable_vrfy_command', 'smtpd_helo_required', 'smtpd_sasl_auth_enable']


# -- outside: one namespace per recording -----------------------------------------------------------

def netns_pids(ns):
    r = subprocess.run(['ip', 'netns', 'pids', ns], capture_output=True, text=True)
    return [int(p) for p in r.stdout.split() if p.isdigit()]


def record_one(spec_path, outdir, keep=False, verbose=False):
    spec = json.load(open(spec_path))
    cid = spec['id']
    ns = f'rec-{os.getpid()}-{next(_COUNTER)}'
    work = tempfile.mkdtemp(prefix=f'mailsim-rec-{cid}-', dir='/tmp')
    out_path = os.path.join(outdir, f'{cid}.json')
    tmp_out = os.path.join(work, 'case.json')
    subprocess.run(['ip', 'netns', 'add', ns], check=True)
    try:
        cmd = ['ip', 'netns', 'exec', ns, 'unshare', '--mount', '--uts', '--propagation', 'private', '--',
               sys.executable, os.path.abspath(__file__), '--inner', os.path.abspath(spec_path), work, tmp_out]
        t0 = time.time()
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
        with open(os.path.join(work, 'inner.log'), 'w') as f:
            f.write(r.stdout + r.stderr)
        if r.returncode != 0 or not os.path.exists(tmp_out):
            return cid, False, f'inner failed ({r.returncode}):\n{r.stdout[-3000:]}{r.stderr[-3000:]}'
        shutil.copy(tmp_out, out_path)
        return cid, True, f'{time.time() - t0:.1f}s' + (f'\n{r.stdout}' if verbose else '')
    except subprocess.TimeoutExpired:
        return cid, False, 'timed out'
    finally:
        # whatever still runs in the namespace was started by this recording
        for sig in (signal.SIGTERM, signal.SIGKILL):
            pids = netns_pids(ns)
            for p in pids:
                try:
                    os.kill(p, sig)
                except ProcessLookupError:
                    pass
            if pids:
                time.sleep(1)
        subprocess.run(['ip', 'netns', 'del', ns])
        if keep:
            print(f'  kept {work}')
        else:
            shutil.rmtree(work, ignore_errors=True)


def outer(args):
    specs = []
    for p in args.specs:
        if os.path.isdir(p):
            specs += sorted(os.path.join(p, f) for f in os.listdir(p) if f.endswith('.json'))
        else:
            specs.append(p)
    if args.only:
        import re
        specs = [s for s in specs if re.search(args.only, os.path.basename(s))]
    os.makedirs(args.out, exist_ok=True)
    failed = 0
    with ThreadPoolExecutor(max_workers=args.jobs) as ex:
        for cid, ok, msg in ex.map(lambda s: record_one(s, args.out, args.keep, args.verbose), specs):
            print(f'{"ok  " if ok else "FAIL"} {cid} {msg}', flush=True)
            failed += not ok
    print(f'recorded {len(specs) - failed}, failed {failed}')
    return 1 if failed else 0


# -- inside the namespace -----------------------------------------------------------------------------------

def inner(spec_path, work, out_path):
    from lab import Lab, parse_mbox, strip_bookkeeping, log, other_mailboxes
    from normalize import Normalizer, dig_output
    import client

    spec = json.load(open(spec_path))
    host = spec.get('host', {})
    proto = spec['protocol']
    lab = Lab(spec, work)
    case = {'id': spec['id'], 'protocol': proto, 'about': spec.get('about', '')}
    try:
        lab.mount_private()
        log('mount_private done')
        lab.start_syslog()
        log('start_syslog done')
        lab.write_resolver()
        log('write_resolver done')
        lab.write_users()
        log('write_users done')
        lab.postfix_skeleton()
        log('postfix_skeleton done')
        lab.seed_mailboxes()
        log('seed_mailboxes done')
        lab.start_named()
        log('start_named done')
        lab.start_peers()
        log('start_peers done')
        started = time.time()
        if proto == 'dns':
            env = {'PATH': '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'LANG': 'C.UTF-8',
                   'HOME': '/root', 'TERM': 'dumb'}
            cmd = spec['command']
            r = subprocess.run(['/bin/sh', '-c', cmd], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               env=env, timeout=120)
            text = r.stdout.decode('utf-8', errors='replace')
            lines = text.split('\n')
            if lines and lines[-1] == '':
                lines.pop()
            case['host'] = build_host(spec, lab, None)
            case['client'] = spec.get('client', {'address': '127.0.0.1'})
            case['command'] = cmd
            case['output'] = [dig_output(l) for l in lines]
            case['exit_status'] = r.returncode
        else:
            if proto == 'smtp':
                lab.configure_postfix()
                log('configure_postfix done')
            if lab.configure_dovecot():
                lab.start_dovecot()
                log('start_dovecot done')
            if proto == 'smtp':
                lab.start_postfix()
                log('start_postfix done')
            seeded = {u: [strip_bookkeeping(m) for m in parse_mbox(open(f'/var/mail/{u}').read())]
                      for u in lab.accounts() if os.path.exists(f'/var/mail/{u}')}
            seeded_other = {p: [strip_bookkeeping(m) for m in msgs] for p, msgs in other_mailboxes(lab.accounts()).items()}
            lab.syslog.wait_quiet(0.8, 10)
            mark = lab.syslog.mark()
            started = time.time()
            caddr = (spec.get('client') or {}).get('address', '127.0.0.1')
            server = (host.get('addresses') or ['127.0.0.1'])[0]
            dialogue, closed = client.play(proto, spec['dialogue'], server, caddr,
                                           port=(spec.get('client') or {}).get('port'))
            log('dialogue done')
            if proto == 'smtp':
                lab.wait_mail_quiet()
                log('wait_mail_quiet done')
            else:
                time.sleep(1.0)
                lab.syslog.wait_quiet(1.0, 10)
            ended = time.time()
            entries = lab.syslog.since(mark)
            want = 'postfix' if proto == 'smtp' else 'dovecot'
            maillog = [body for _, fac, body in entries if fac == 2 and body.startswith(want)]
            norm = Normalizer(started, ended, normalize_dates=(proto == 'smtp'))
            norm.learn_from_log(maillog)
            for st in dialogue:
                if 's' in st:
                    norm.learn_from_replies(st['s'])
            out_dialogue = []
            for st in dialogue:
                if 's' in st:
                    out_dialogue.append({'s': [norm.text(l) for l in st['s']]})
                else:
                    out_dialogue.append({'c': st['c']})
            after = {}
            for u in lab.accounts():
                p = f'/var/mail/{u}'
                if not os.path.exists(p):
                    continue
                msgs = parse_mbox(open(p, encoding='utf-8', errors='replace').read())
                if proto == 'smtp':
                    if msgs:
                        after[u] = [norm.text(m) for m in msgs]
                else:
                    msgs = [strip_bookkeeping(m) for m in msgs]
                    if msgs != seeded.get(u, []):
                        # seeded messages carry fixed dates; only what was written now is dated now
                        after[u] = [Normalizer(started, ended).text(m) for m in msgs]
            # other mailboxes (virtual mailboxes, Maildirs, ~/Mailbox, Dovecot's folders), by path
            for p, msgs in other_mailboxes(lab.accounts()).items():
                if proto == 'smtp':
                    if msgs:
                        after[p] = [norm.text(m) for m in msgs]
                else:
                    msgs = [strip_bookkeeping(m) for m in msgs]
                    if msgs != seeded_other.get(p, []):
                        after[p] = [Normalizer(started, ended).text(m) for m in msgs]
            case['host'] = build_host(spec, lab, proto)
            case['client'] = spec.get('client', {'address': '127.0.0.1'})
            case['dialogue'] = out_dialogue
            case['maillog'] = [norm.log_line(l) for l in maillog]
            if after:
                case['mailbox_after'] = after
            deferred = lab.deferred_count() if proto == 'smtp' else 0
            if deferred:
                log(f'{deferred} message(s) left deferred')
    except Exception:
        traceback.print_exc()
        lab.stop_all()
        sys.exit(1)
    lab.stop_all()
    with open(out_path, 'w') as f:
        f.write(json.dumps(case, indent=2, ensure_ascii=False) + '\n')


def build_host(spec, lab, proto):
    """The spec's host, with what the recording read back from the real configuration."""
    src = spec.get('host', {})
    host = {}
    for k, v in src.items():
        if k == 'effective':
            continue
        if k == 'main_cf' and proto == 'smtp':
            host['main_cf'] = lab.postconf_n()
            host['effective'] = lab.postconf_x(EFFECTIVE)
            continue
        if k == 'dovecot_conf' and proto in ('smtp', 'pop3', 'imap'):
            host['dovecot_conf'] = lab.doveconf()
            continue
        host[k] = v
        if k == 'accounts' and 'system_accounts' not in src:
            host['system_accounts'] = lab.system_accounts()
    if proto in ('pop3', 'imap') and src.get('mailboxes') and 'uidvalidity' not in src:
        from lab import DEFAULT_UIDVALIDITY
        host['uidvalidity'] = DEFAULT_UIDVALIDITY
    return host


def main():
    if len(sys.argv) > 1 and sys.argv[1] == '--inner':
        inner(*sys.argv[2:5])
        return 0
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('specs', nargs='+', help='spec files or directories of specs')
    ap.add_argument('-o', '--out', default='tests/conformance/recorded', help='output directory')
    ap.add_argument('-j', '--jobs', type=int, default=1, help='recordings at once (own namespaces)')
    ap.add_argument('--only', help='regex on spec file names')
    ap.add_argument('--keep', action='store_true', help='keep the work directories (logs, overlays)')
    ap.add_argument('-v', '--verbose', action='store_true')
    args = ap.parse_args()
    if os.geteuid() != 0:
        print('record.py must run as root (network and mount namespaces)', file=sys.stderr)
        return 2
    return outer(args)


if __name__ == '__main__':
    sys.exit(main())
