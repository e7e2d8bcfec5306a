"""Placeholders for values that differ from run to run (FORMAT.md, "Normalization").

Every function here takes and returns plain text; `Normalizer` carries what one recording learned
(the Postfix queue ids it saw, the time it ran) so that only real run-dependent values are replaced:
a Date header or Message-ID that the client wrote itself stays as it was.
"""
import re
from datetime import datetime, timezone, timedelta

MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split()
_MON = '(?:' + '|'.join(MONTHS) + ')'
_DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)'

# RFC 5322 date as Postfix writes it: "Mon, 24 Nov 2025 17:42:00 +0000 (UTC)"
RFC_DATE = re.compile(rf'(?:{_DAY},  ?)?(\d{{1,2}}) ({_MON}) (\d{{4}}) (\d\d):(\d\d):(\d\d) ([+-]\d{{4}})(?: \([A-Za-z0-9+-]+\))?')
# asctime, as in an mbox "From " line: "Mon Nov 24 17:42:00 2025"
ASCTIME = re.compile(rf'{_DAY} ({_MON}) ([ \d]\d) (\d\d):(\d\d):(\d\d) (\d{{4}})')
# Postfix-made Message-ID local part: YYYYMMDDhhmmss.QUEUEID
POSTFIX_MSGID = re.compile(r'(?<=<)\d{14}\.[0-9A-F]+(?=@)')
# bounce MIME boundary: QUEUEID.1732470120/mail.example.com
BOUNDARY_TIME = re.compile(r'(?<=QUEUEID\.)\d{9,11}(?=/)')
DOVECOT_TIMING = re.compile(r'\(\d+\.\d+ \+ \d+\.\d+(?: \+ \d+\.\d+)? secs\)')


class Normalizer:
    def __init__(self, started: float, ended: float, normalize_dates=True):
        self.started = started - 120
        self.ended = ended + 120
        self.queue_ids = set()
        self.normalize_dates = normalize_dates

    # -- learning -------------------------------------------------------------------------------
    def learn_from_log(self, lines):
        for line in lines:
            m = re.match(r'postfix/[\w/-]+\[\d+\]: ([0-9A-F]{6,})(?=: )', line)
            if m:
                self.queue_ids.add(m.group(1))
            for m in re.finditer(r'(?:queued as|notification:) ([0-9A-F]{6,})\b', line):
                self.queue_ids.add(m.group(1))

    def learn_from_replies(self, lines):
        for line in lines:
            for m in re.finditer(r'queued as ([0-9A-F]{6,})\b', line):
                self.queue_ids.add(m.group(1))

    # -- replacing ------------------------------------------------------------------------------
    def _recent(self, dt: datetime) -> bool:
        ts = dt.timestamp()
        return self.started <= ts <= self.ended

    def _rfc_date(self, m):
        day, mon, year, hh, mm, ss, zone = m.groups()
        try:
            sign = 1 if zone[0] == '+' else -1
            off = timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5])) * sign
            dt = datetime(int(year), MONTHS.index(mon) + 1, int(day), int(hh), int(mm), int(ss),
                          tzinfo=timezone(off))
        except ValueError:
            return m.group(0)
        return 'DATE' if self._recent(dt) else m.group(0)

    def _asctime(self, m):
        mon, day, hh, mm, ss, year = m.groups()
        try:
            # local time of the recording host; accept either reading (UTC or local)
            naive = datetime(int(year), MONTHS.index(mon) + 1, int(day), int(hh), int(mm), int(ss))
        except ValueError:
            return m.group(0)
        for dt in (naive.replace(tzinfo=timezone.utc), naive.astimezone()):
            if self._recent(dt):
                return 'DATE'
        return m.group(0)

    def text(self, s: str) -> str:
        """Placeholders in any recorded text (reply line, log line, message)."""
        s = POSTFIX_MSGID.sub(lambda m: 'MSGID' if m.group(0).split('.', 1)[1] in self.queue_ids else m.group(0), s)
        for qid in sorted(self.queue_ids, key=len, reverse=True):
            s = re.sub(rf'\b{qid}\b', 'QUEUEID', s)
        # a Message-ID made of the current unix time (Dovecot's mbox pseudo message)
        s = re.sub(r'(?<=<)\d{9,11}(?=@)', lambda m: 'MSGID' if self.started <= int(m.group(0)) <= self.ended else m.group(0), s)
        s = BOUNDARY_TIME.sub('DATE', s)
        if self.normalize_dates:
            s = RFC_DATE.sub(self._rfc_date, s)
            s = ASCTIME.sub(self._asctime, s)
        s = DOVECOT_TIMING.sub('(DELAY secs)', s)
        return s

    def log_line(self, s: str) -> str:
        s = re.sub(r'^([\w/.-]+)\[\d+\]:', r'\1[PID]:', s)
        s = re.sub(r'\b(m?pid)=\d+', r'\1=PID', s)
        s = re.sub(r'\bpid \d+', 'pid PID', s)
        s = re.sub(r'\bdelay=[\d.]+', 'delay=DELAY', s)
        s = re.sub(r'\bdelays=[\d./]+', 'delays=DELAY', s)
        # Dovecot: imap(alice)<1234><abcdef>: and session=<abcdef>
        s = re.sub(r'(\w[\w-]*(?:\([^)]*\))?)<\d+><[^>]+>', r'\1<PID><SESSION>', s)
        s = re.sub(r'session=<[^>]*>', 'session=<SESSION>', s)
        # a Maildir file name made by local/virtual: TIME.PPID.HOST (or TIME.VxxIxxMxx.HOST)
        s = re.sub(r'/tmp/\d{9,11}\.[PV][0-9A-Za-z]+\.', '/tmp/DATE.PPID.', s)
        return self.text(s)


def dig_output(line: str) -> str:
    line = re.sub(r'\bid: \d+', 'id: DNSID', line)
    line = re.sub(r'; COOKIE: [0-9a-f]+ \((good|bad)\)', r'; COOKIE: COOKIE (\1)', line)
    line = re.sub(r'Query time: \d+ msec', 'Query time: DELAY msec', line)
    line = re.sub(r'WHEN: .+$', 'WHEN: DATE', line)
    return line
