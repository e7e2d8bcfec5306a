"""Plays a case's dialogue against a real server, like a student with telnet or nc.

Each `c` line is sent followed by CRLF; consecutive `c` steps (no `s` between them) go out in one
write. For each `s` step exactly one complete reply is read:
  smtp  up to the line whose code is followed by a space (or by nothing);
  pop3  one line, or through "." when the command answers in several lines and the status is +OK;
  imap  through the tagged line of the command (or a "+" continuation request), reading literals
        {n} as raw bytes so that message text can never end a reply early.
A reply that does not arrive within the step's time-out is recorded as what did arrive (possibly
nothing). When the server closes the connection the dialogue ends there: later client lines are
not sent and not recorded.
"""
import re
import select
import socket
import time

PORTS = {'smtp': 25, 'pop3': 110, 'imap': 143}


class Conn:
    def __init__(self, server, port, source):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((source, 0))
        self.sock.settimeout(10)
        self.sock.connect((server, port))
        self.sock.setblocking(False)
        self.buf = b''
        self.closed = False

    def send(self, data: bytes):
        self.sock.setblocking(True)
        try:
            self.sock.sendall(data)
        except OSError:
            self.closed = True
        self.sock.setblocking(False)

    def _fill(self, deadline) -> bool:
        """Wait for more bytes until the deadline; False on time-out or end of stream."""
        if self.closed:
            return False
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            r, _, _ = select.select([self.sock], [], [], left)
            if not r:
                return False
            try:
                chunk = self.sock.recv(65536)
            except BlockingIOError:
                continue
            except OSError:
                self.closed = True
                return False
            if not chunk:
                self.closed = True
                return False
            self.buf += chunk
            return True

    def read_line(self, deadline):
        """One line without its CRLF (bytes), or None on time-out/close before a full line."""
        while b'\n' not in self.buf:
            if not self._fill(deadline):
                return None
        line, self.buf = self.buf.split(b'\n', 1)
        return line[:-1] if line.endswith(b'\r') else line

    def read_bytes(self, n, deadline):
        while len(self.buf) < n:
            if not self._fill(deadline):
                return None
        data, self.buf = self.buf[:n], self.buf[n:]
        return data

    def leftover(self):
        """Bytes received but not part of any reply read (a partial line at time-out)."""
        data, self.buf = self.buf, b''
        return data

    def check_closed(self, wait=0.3):
        """True if the server has closed the connection (any unread data stays buffered)."""
        if self.closed:
            return True
        self._fill(time.monotonic() + wait)
        return self.closed

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


def decode(b: bytes) -> str:
    try:
        return b.decode('utf-8')
    except UnicodeDecodeError:
        return b.decode('utf-8', errors='replace')


# -- reply readers --------------------------------------------------------------------------------

def read_smtp(conn, command, deadline):
    lines = []
    while True:
        line = conn.read_line(deadline)
        if line is None:
            rest = conn.leftover()
            if rest:
                lines.append(decode(rest))
            return lines
        lines.append(decode(line))
        if re.match(rb'^\d{3}(?: |$)', line):
            return lines


POP3_MULTI_ALWAYS = {'CAPA', 'RETR', 'TOP'}
POP3_MULTI_NOARG = {'LIST', 'UIDL', 'AUTH'}


def pop3_multiline(command):
    if command is None:
        return False
    words = command.split()
    if not words:
        return False
    verb = words[0].upper()
    return verb in POP3_MULTI_ALWAYS or (verb in POP3_MULTI_NOARG and len(words) == 1)


def read_pop3(conn, command, deadline):
    first = conn.read_line(deadline)
    if first is None:
        rest = conn.leftover()
        return [decode(rest)] if rest else []
    lines = [decode(first)]
    if not (first.startswith(b'+OK') and pop3_multiline(command)):
        return lines
    while True:
        line = conn.read_line(deadline)
        if line is None:
            rest = conn.leftover()
            if rest:
                lines.append(decode(rest))
            return lines
        lines.append(decode(line))
        if line == b'.':
            return lines


LITERAL = re.compile(rb'\{(\d+)\+?\}$')


def read_imap(conn, tag, deadline, idle=2.0):
    """Lines through the tagged reply of `tag` (None for the greeting: one line)."""
    raw = b''
    lines = []

    def read_logical():
        # one response line, with any literals it contains (raw bytes, CRLFs inside kept)
        data = b''
        while True:
            line = conn.read_line(deadline)
            if line is None:
                return None if not data else data
            data += line
            m = LITERAL.search(line)
            if not m:
                return data
            lit = conn.read_bytes(int(m.group(1)), deadline)
            if lit is None:
                return data
            data += b'\r\n' + lit

    while True:
        logical = read_logical()
        if logical is None:
            rest = conn.leftover()
            if rest:
                lines.extend(decode(rest).split('\r\n'))
            return lines
        lines.extend(decode(logical).split('\r\n'))
        if tag is None:
            return lines
        if logical.startswith(b'+'):
            return lines
        if tag and logical.startswith(tag.encode('utf-8', 'surrogateescape') + b' '):
            return lines
        if logical.startswith(b'* BAD'):
            # an untagged BAD answers a command whose tag the server could not use
            deadline = min(deadline, time.monotonic() + idle)
        elif logical.startswith(b'* BYE'):
            # the server is going away: take what follows until it closes
            deadline = min(deadline, time.monotonic() + idle)
        elif not tag:
            # a line without a usable tag: the answer is whatever comes until the server is quiet
            deadline = min(deadline, time.monotonic() + idle)


# -- the dialogue -----------------------------------------------------------------------------------

class ImapLiterals:
    """Where the client is within an IMAP command that carries literals ({n} / {n+}), across the
    batches of lines it sends: the n bytes after an announcement (the lines' CRLFs included) belong
    to the command, and so does the line after a literal that ended with a line's CRLF."""

    def __init__(self):
        self.need = None     # bytes of the current literal still to come
        self.cont = False    # a literal just ended with a CRLF: the next line continues the command

    def open(self):
        return self.need is not None or self.cont

    def feed(self, line):
        """Account for one line of the command in progress (or a new command's first line)."""
        if self.need is not None:
            size = len(line.encode('utf-8')) + 2
            if size <= self.need:
                self.need -= size
                if self.need == 0:
                    self.need, self.cont = None, True
                return
            rest = line.encode('utf-8')[self.need:].decode('utf-8', 'replace')
            self.need = None
        else:
            rest = line
        self.cont = False
        m = re.search(r'\{(\d+)\+?\}$', rest)
        if m:
            self.need = int(m.group(1))
            if self.need == 0:
                self.need, self.cont = None, True


def _commands(protocol, batch, literals=None):
    """The commands of a batch whose replies are to be read, in order, and whether the first one
    continues a command sent in an earlier batch. IMAP lines that belong to a command's literals
    (or follow one) are joined with the command's first line."""
    cmds = []
    continues = False
    here = False         # the last command in cmds is still open
    for s in batch:
        line = s['c']
        if protocol == 'imap' and literals is not None and literals.open():
            if cmds and here:
                cmds[-1] += '\r\n' + line
            else:
                cmds.append(line)
                continues = not cmds[:-1]
            literals.feed(line)
        else:
            cmds.append(line)
            if protocol == 'imap' and literals is not None:
                literals.feed(line)
        here = protocol == 'imap' and literals is not None and literals.open()
    return cmds, continues


def pending_cmd(command):
    return (command or '').split('\r\n', 1)[0]


def closing_wait(protocol, command, reply):
    """How long to wait for the server to hang up after this reply: a moment after replies that
    end a session, hardly at all otherwise (a quick client, as in the official recordings)."""
    if not reply:
        return 0.0
    last = reply[-1]
    words = command.split()
    verb = words[1].upper() if protocol == 'imap' and len(words) > 1 else (words[0].upper() if words else '')
    if protocol == 'smtp' and (last.startswith('221') or last.startswith('421')):
        return 2.0
    if protocol == 'pop3' and (verb == 'QUIT' or 'BYE' in last.upper() or 'too many' in last.lower()):
        return 2.0
    if protocol == 'imap' and (verb == 'LOGOUT' or any(l.startswith('* BYE') for l in reply)):
        return 2.0
    return 0.02


def play(protocol, dialogue, server, source, port=None, default_timeout=30.0):
    """Returns (recorded dialogue, closed_by_server)."""
    conn = Conn(server, port or PORTS[protocol], source)
    out = []
    pending = []          # commands sent whose replies are still to be read (pop3/imap)
    batch = []
    imap_cont_tag = None  # tag of an IMAP command that is waiting for a continuation line
    literals = ImapLiterals()

    def send_batch():
        nonlocal batch
        data = b''.join(s['c'].encode('utf-8') + b'\r\n' for s in batch)
        conn.send(data)
        out.extend({'c': s['c']} for s in batch)
        cmds, continues = _commands(protocol, batch, literals)
        if continues and pending and cmds:
            # the rest of the last command sent, whose reply is still to be read
            pending[-1] += '\r\n' + cmds.pop(0)
        pending.extend(cmds)
        batch = []

    def read_reply(command, deadline):
        nonlocal imap_cont_tag
        if protocol == 'smtp':
            return read_smtp(conn, command, deadline)
        if protocol == 'pop3':
            return read_pop3(conn, command, deadline)
        if command is None:
            tag = None if not out else ''
        elif imap_cont_tag is not None:
            tag = imap_cont_tag
        else:
            first = command.split('\r\n', 1)[0]
            word = first.split(' ', 1)[0]
            tag = word if word else ''
        reply = read_imap(conn, tag, deadline)
        imap_cont_tag = tag if reply and reply[-1].startswith('+') else None
        return reply

    try:
        i = 0
        while i < len(dialogue):
            step = dialogue[i]
            if 'c' in step:
                batch.append(step)
                i += 1
                continue
            if batch:
                if conn.check_closed(0.05):
                    return out, True
                send_batch()
            timeout = step.get('timeout', default_timeout)
            command = pending.pop(0) if pending else None
            reply = read_reply(command, time.monotonic() + timeout)
            out.append({'s': reply})
            i += 1
            if conn.check_closed(closing_wait(protocol, pending_cmd(command), reply)):
                # the server hung up: read what it still had sent, then the dialogue ends
                while i < len(dialogue) and 's' in dialogue[i] and conn.buf:
                    command = pending.pop(0) if pending else None
                    out.append({'s': read_reply(command, time.monotonic() + 1)})
                    i += 1
                if conn.buf:
                    rest = decode(conn.leftover()).split('\r\n')
                    rest = rest[:-1] if rest[-1] == '' else rest
                    if protocol == 'smtp':
                        # a reply of its own written as smtpd hangs up ("421 ... too many errors"):
                        # one s step per reply, as FORMAT.md has it
                        reply = []
                        for line in rest:
                            reply.append(line)
                            if re.match(r'^\d{3}(?: |$)', line):
                                out.append({'s': reply})
                                reply = []
                        if reply:
                            out.append({'s': reply})
                    else:
                        # lines the server wrote with its last reply before hanging up (Dovecot's
                        # "-ERR Too many invalid bad commands." after the third unknown command)
                        out[-1]['s'].extend(rest)
                return out, True
        if batch and not conn.check_closed(0.05):
            send_batch()
            time.sleep(0.5)
        return out, False
    finally:
        conn.close()
