#!/usr/bin/env python3
"""Prints recorded cases compactly, for reading them through: show.py CASE.json|DIR ... [--width N]"""
import json
import os
import sys


def show(c, width):
    print(f'===== {c["id"]}  ({c["protocol"]})')
    print(f'  about: {c.get("about", "")}')
    h = c.get('host', {})
    if h.get('main_cf'):
        print('  main_cf:', ', '.join(f'{k}={v}' for k, v in h['main_cf'].items()
                                      if k not in ('alias_database', 'alias_maps', 'biff', 'inet_interfaces',
                                                   'inet_protocols', 'mydomain', 'myhostname', 'smtpd_banner')))
    print(f'  client: {c.get("client", {}).get("address")}')
    for st in c.get('dialogue', []):
        if 'c' in st:
            print('  C:', repr(st['c'])[:width])
        else:
            for l in st['s'] or ['(nothing)']:
                print('  S:', l[:width])
    if 'command' in c:
        print('  $', c['command'])
    for l in c.get('output', []):
        print('  |', l[:width])
    if 'exit_status' in c:
        print('  exit status', c['exit_status'])
    for l in c.get('maillog', []):
        print('  L:', l[:width])
    for u, ms in (c.get('mailbox_after') or {}).items():
        for m in ms:
            print(f'  MB {u}:', repr(m)[:width * 3])


def main():
    args = sys.argv[1:]
    width = 200
    if '--width' in args:
        i = args.index('--width')
        width = int(args[i + 1])
        del args[i:i + 2]
    for p in args:
        files = sorted(os.path.join(p, f) for f in os.listdir(p) if f.endswith('.json')) if os.path.isdir(p) else [p]
        for f in files:
            show(json.load(open(f)), width)


if __name__ == '__main__':
    main()
