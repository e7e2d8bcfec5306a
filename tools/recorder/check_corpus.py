#!/usr/bin/env python3
"""Checks that recorded cases are valid JSON in the FORMAT.md shape.

usage: check_corpus.py DIR [DIR...]      exit 1 if any file is malformed

Checked: file name = id, id prefix = protocol, the required fields per protocol and their types,
dialogue steps ({"c": str} or {"s": [str]}), the dialogue starting with the server's greeting,
no placeholder left out (no raw Postfix queue ids, pids or Dovecot session ids in the log),
2-space JSON with a final newline.
"""
import json
import os
import re
import sys

PROTOS = {'smtp', 'pop3', 'imap', 'dns'}
HOST_KEYS = {'hostname', 'addresses', 'main_cf', 'master_cf', 'effective', 'aliases', 'maps', 'files', 'accounts', 'system_accounts',
             'sasl', 'cyrus_sasl_conf', 'dovecot_conf', 'mailboxes', 'uidvalidity', 'zones', 'resolv_conf',
             'dns_servers', 'peers'}


def check(path):
    errs = []
    text = open(path, encoding='utf-8').read()
    try:
        c = json.loads(text)
    except ValueError as e:
        return [f'not JSON: {e}']
    if text != json.dumps(c, indent=2, ensure_ascii=False) + '\n':
        errs.append('not in the 2-space JSON layout with a final newline')
    name = os.path.basename(path)[:-5]
    if c.get('id') != name:
        errs.append(f'id {c.get("id")!r} is not the file name')
    p = c.get('protocol')
    if p not in PROTOS:
        errs.append(f'bad protocol {p!r}')
        return errs
    if not name.startswith(p + '-'):
        errs.append(f'id does not start with {p}-')
    if not isinstance(c.get('about'), str) or not c['about']:
        errs.append('about missing')
    h = c.get('host')
    if not isinstance(h, dict) or h.get('hostname') != 'mail.example.com' or not isinstance(h.get('addresses'), list):
        errs.append('host missing or without hostname/addresses')
        h = h or {}
    extra = set(h) - HOST_KEYS
    if extra:
        errs.append(f'unknown host fields {sorted(extra)}')
    if not isinstance(c.get('client', {}).get('address'), str):
        errs.append('client.address missing')
    if p == 'dns':
        if not isinstance(c.get('command'), str) or not isinstance(c.get('output'), list) \
                or not all(isinstance(l, str) for l in c['output']) or not isinstance(c.get('exit_status'), int):
            errs.append('dns case needs command, output [str] and exit_status')
        if 'dialogue' in c:
            errs.append('dns case with a dialogue')
        return errs
    if p == 'smtp':
        for k in ('main_cf', 'effective', 'aliases', 'accounts'):
            if k not in h:
                errs.append(f'smtp host without {k}')
    else:
        for k in ('dovecot_conf', 'accounts', 'sasl'):
            if k not in h:
                errs.append(f'{p} host without {k}')
    d = c.get('dialogue')
    if not isinstance(d, list) or not d:
        return errs + ['dialogue missing']
    if 's' not in d[0] or (not d[0]['s'] and len(d) > 1):
        # {"s": []} alone: the server accepted the connection and never spoke (FORMAT.md)
        errs.append('dialogue does not start with the greeting')
    for i, st in enumerate(d):
        if not isinstance(st, dict) or len(st) != 1:
            errs.append(f'dialogue[{i}] is not a single c or s step')
        elif 'c' in st and not isinstance(st['c'], str):
            errs.append(f'dialogue[{i}].c is not a string')
        elif 's' in st and not (isinstance(st['s'], list) and all(isinstance(l, str) for l in st['s'])):
            errs.append(f'dialogue[{i}].s is not a list of strings')
        elif 'c' not in st and 's' not in st:
            errs.append(f'dialogue[{i}] has neither c nor s')
    if not isinstance(c.get('maillog'), list):
        errs.append('maillog missing')
    for line in c.get('maillog', []):
        if re.search(r'\[\d+\]:|<\d+><|session=<(?!SESSION>)', line):
            errs.append(f'maillog line not normalized: {line[:100]}')
        if p == 'smtp' and re.match(r'postfix/\S+ [0-9A-F]{8,}:', line):
            errs.append(f'raw queue id: {line[:100]}')
    for user, msgs in (c.get('mailbox_after') or {}).items():
        # a Maildir (key: its path, ending with "/") holds message files without a "From " line
        start = '' if user.endswith('/') else 'From '
        if user.startswith('/') and not (user.startswith('/var/mail/') or user.startswith('/home/')):
            errs.append(f'mailbox_after.{user}: a mailbox path outside /var/mail and /home')
        if not all(isinstance(m, str) and m.startswith(start) and m.endswith('\n') for m in msgs):
            errs.append(f'mailbox_after.{user}: messages must start with "{start}" and end with a newline')
    return errs


def main():
    bad = n = 0
    for d in sys.argv[1:]:
        for f in sorted(os.listdir(d)):
            if not f.endswith('.json'):
                continue
            n += 1
            errs = check(os.path.join(d, f))
            if errs:
                bad += 1
                print(f'{f}:')
                for e in errs:
                    print(f'   {e}')
    print(f'{n - bad} passed, {bad} failed')
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
