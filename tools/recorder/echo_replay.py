#!/usr/bin/env python3
"""A "perfect replayer" for score.mjs sanity checks: answers each stripped case with the recorded
case of the same id, one JSON object per line. Scoring a corpus against itself must give 100 %,
which shows that score.mjs can read and compare every recorded case.

    node ../shared/conformance/score.mjs --cases tests/conformance/recorded \\
         --replay 'python3 tools/recorder/echo_replay.py tests/conformance/recorded'
"""
import json
import os
import sys


def main():
    src, stripped = sys.argv[1], sys.argv[2:]
    for path in stripped:
        cid = json.load(open(path))['id']
        case = json.load(open(os.path.join(src, cid + '.json')))
        print(json.dumps(case, ensure_ascii=False))


if __name__ == '__main__':
    main()
