#!/usr/bin/env python3
"""Compare two recordings of the same cases (e.g. a re-recording against the official corpus).

usage: compare.py WANT_DIR GOT_DIR [--only REGEX]

Dialogue, dns output, host and mailboxes must be equal. The mail log is compared as FORMAT.md
allows it to differ between runs: as a multiset of lines (order between processes may change) with
qmgr size= and Dovecot in=/out= byte counts ignored; a difference in order alone is reported
as a note, not a failure.
"""
import json
import os
import re
import sys


def loose(line):
    line = re.sub(r'size=\d+', 'size=N', line)
    line = re.sub(r'\b(in|out|hdr_bytes|body_bytes|size)=\d+', r'\1=N', line)
    line = re.sub(r'retr=(\d+)/\d+', r'retr=\1/N', line)
    line = re.sub(r'top=(\d+)/\d+', r'top=\1/N', line)
    line = re.sub(r'in \d+ secs', 'in N secs', line)
    return line


def diff_case(want, got):
    problems, notes = [], []
    for key in ('protocol', 'client', 'command', 'output', 'exit_status'):
        if want.get(key) != got.get(key):
            problems.append(f'{key}: want {json.dumps(want.get(key))[:300]} got {json.dumps(got.get(key))[:300]}')
    wh, gh = want.get('host', {}), got.get('host', {})
    for k in sorted(set(wh) | set(gh)):
        if wh.get(k) != gh.get(k):
            problems.append(f'host.{k}: want {json.dumps(wh.get(k))[:400]} got {json.dumps(gh.get(k))[:400]}')
    wd, gd = want.get('dialogue', []), got.get('dialogue', [])
    for i in range(max(len(wd), len(gd))):
        a = wd[i] if i < len(wd) else None
        b = gd[i] if i < len(gd) else None
        if a != b:
            problems.append(f'dialogue[{i}]: want {json.dumps(a)} got {json.dumps(b)}')
    wl, gl = want.get('maillog', []), got.get('maillog', [])
    if sorted(map(loose, wl)) != sorted(map(loose, gl)):
        only_w = [l for l in wl if loose(l) not in map(loose, gl)]
        only_g = [l for l in gl if loose(l) not in map(loose, wl)]
        problems.append('maillog differs:\n      only in want: ' + '\n                    '.join(only_w or ['-'])
                        + '\n      only in got:  ' + '\n                    '.join(only_g or ['-'])
                        + (f'\n      (want {len(wl)} lines, got {len(gl)})'))
    elif list(map(loose, wl)) != list(map(loose, gl)):
        notes.append('maillog: same lines, another order')
    if [loose(l) for l in wl] != [loose(l) for l in gl] and sorted(map(loose, wl)) == sorted(map(loose, gl)):
        pass
    if [l for l in wl] != [l for l in gl] and sorted(map(loose, wl)) == sorted(map(loose, gl)) \
            and sorted(wl) != sorted(gl):
        notes.append('maillog: byte counts differ')
    if want.get('mailbox_after') != got.get('mailbox_after'):
        problems.append(f'mailbox_after: want {json.dumps(want.get("mailbox_after"))[:600]}\n'
                        f'                got  {json.dumps(got.get("mailbox_after"))[:600]}')
    return problems, notes


def main():
    args = sys.argv[1:]
    only = None
    if '--only' in args:
        i = args.index('--only')
        only = re.compile(args[i + 1])
        del args[i:i + 2]
    want_dir, got_dir = args
    same = differ = missing = 0
    for f in sorted(os.listdir(want_dir)):
        if not f.endswith('.json') or (only and not only.search(f)):
            continue
        gp = os.path.join(got_dir, f)
        if not os.path.exists(gp):
            missing += 1
            continue
        problems, notes = diff_case(json.load(open(os.path.join(want_dir, f))), json.load(open(gp)))
        if problems:
            differ += 1
            print(f'DIFF {f}')
            for p in problems:
                print('   ', p)
        else:
            same += 1
            print(f'same {f}' + (f'  ({"; ".join(notes)})' if notes else ''))
    print(f'{same} same, {differ} differ, {missing} not recorded')
    return 1 if differ else 0


if __name__ == '__main__':
    sys.exit(main())
