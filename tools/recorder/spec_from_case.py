#!/usr/bin/env python3
"""Turn recorded cases back into specs (answers removed, as score.mjs strips them, and the values
the recorder reads back dropped): spec_from_case.py CASE.json... -o DIR"""
import argparse
import json
import os


def strip(case):
    s = json.loads(json.dumps(case))
    if 'dialogue' in s:
        s['dialogue'] = [{'s': None} if 's' in st else st for st in s['dialogue']]
    for k in ('maillog', 'mailbox_after', 'output', 'exit_status'):
        s.pop(k, None)
    s.get('host', {}).pop('effective', None)
    return s


if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('cases', nargs='+')
    ap.add_argument('-o', '--out', required=True)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    for p in a.cases:
        c = json.load(open(p))
        with open(os.path.join(a.out, c['id'] + '.json'), 'w') as f:
            f.write(json.dumps(strip(c), indent=2, ensure_ascii=False) + '\n')
