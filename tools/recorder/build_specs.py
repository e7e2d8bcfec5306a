#!/usr/bin/env python3
"""Writes the specs of the recorded corpus (tools/recorder/specs/*.json).

Every spec uses the hosts of the official corpus (templates.json): mail.example.com on 127.0.0.1,
compatibility_level 3.6 unless the case is about level 0, the lab zones on BIND at 127.0.0.1 where
DNS matters, smtp-sink peers at 127.0.0.2 (ports 25 and 2525) where relaying matters, nothing on
127.0.0.3. In the dialogues below a string is a line the client sends and None marks one reply
of the server ({"s": null}); {"s": None, "timeout": n} waits at most n seconds for it.

usage: build_specs.py [OUTDIR]   (default: tools/recorder/specs)
       build_specs.py --ids recorded2   (prints a record.py --only regex of that corpus's specs)
"""
import base64
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
T = json.load(open(os.path.join(HERE, 'templates.json')))
S = None  # a reply


def b64(s):
    return base64.b64encode(s.encode()).decode()


PLAIN_ALICE = b64('\0alice\0wonderland')
PLAIN_BOB = b64('\0bob\0builder')
CYRUS_CONF = 'pwcheck_method: auxprop\nauxprop_plugin: sasldb\nmech_list: PLAIN LOGIN CRAM-MD5\n'
SPECS = []
CORPUS = {}        # id -> the corpus directory its recording goes to
CURRENT = 'recorded'


def add(spec):
    SPECS.append(spec)
    CORPUS[spec['id']] = CURRENT


def dialogue(items):
    out = []
    for it in items:
        if it is None:
            out.append({'s': None})
        elif isinstance(it, dict):
            out.append(dict(it))
        else:
            out.append({'c': it})
    return out


def wait(n):
    return {'s': None, 'timeout': n}


def smtp(cid, about, d, cf=None, drop=(), aliases='postmaster: root\n', accounts=('root', 'alice', 'ansible', 'bob'),
         client='127.0.0.1', dns=False, peers=False, sasl=None, maps=None, files=None, master_cf=None, port=None,
         mailboxes=None, cyrus_conf=CYRUS_CONF):
    main_cf = dict(T['main_cf'])
    main_cf.update(cf or {})
    for k in drop:
        main_cf.pop(k, None)
    host = {'hostname': 'mail.example.com', 'addresses': ['127.0.0.1'],
            'main_cf': dict(sorted(main_cf.items())), 'aliases': aliases}
    if maps:
        host['maps'] = maps
    if files:
        host['files'] = files
    if master_cf:
        host['master_cf'] = master_cf
    host['accounts'] = list(accounts)
    host['system_accounts'] = T['system_accounts']
    if sasl:
        host['sasl'] = T['sasl']
    if sasl == 'dovecot':
        host['dovecot_conf'] = T['dovecot_conf_sasl']
    elif sasl == 'cyrus':
        host['cyrus_sasl_conf'] = cyrus_conf
    if mailboxes:
        host['mailboxes'] = mailboxes
    if dns:
        host['zones'] = T['zones']
        host['resolv_conf'] = T['resolv_conf']
        host['dns_servers'] = T['dns_servers']
    if peers:
        host['peers'] = T['peers']
    cl = {'address': client, **({'port': port} if port else {})}
    add({'id': cid, 'protocol': 'smtp', 'about': about, 'host': host, 'client': cl, 'dialogue': dialogue(d)})


def mailhost(proto, cid, about, d, users=('alice',), client='127.0.0.1', folders=None, inbox=None):
    accounts = ['root'] + list(users)
    sasl = [u for u in [{'user': 'alice', 'password': 'wonderland'}, {'user': 'bob', 'password': 'builder'}]
            if u['user'] in users]
    host = {'hostname': 'mail.example.com', 'addresses': ['127.0.0.1'], 'dovecot_conf': T['dovecot_conf_mail'],
            'accounts': accounts, 'system_accounts': T['system_accounts'], 'sasl': sasl,
            'mailboxes': {'alice': inbox or T['mailbox_alice'], **(folders or {})}, 'uidvalidity': 1700000000}
    add({'id': cid, 'protocol': proto, 'about': about, 'host': host, 'client': {'address': client}, 'dialogue': dialogue(d)})


def pop3(cid, about, d, **kw):
    mailhost('pop3', cid, about, d, **kw)


def imap(cid, about, d, **kw):
    mailhost('imap', cid, about, d, **kw)


def dns(cid, about, command, servers='bind', resolv=None, zones=None):
    host = {'hostname': 'mail.example.com', 'addresses': ['127.0.0.1'],
            'resolv_conf': resolv or T['resolv_conf']}
    if servers == 'bind':
        host['dns_servers'] = T['dns_servers']
        host['zones'] = zones or T['zones']
    elif servers == 'norecursion':
        host['dns_servers'] = [{**T['dns_servers'][0], 'recursion': False,
                                'about': 'primary for the lab zones only (no root zone), recursion off'}]
        host['zones'] = zones
    elif servers == 'none':
        host['dns_servers'] = []
    elif servers == 'silent':
        host['dns_servers'] = [{'address': '127.0.0.1', 'port': 53, 'software': 'none: a socket that reads every query and never answers',
                                'recursion': False, 'about': 'stands for a name server that is down or unreachable: queries go unanswered'}]
    add({'id': cid, 'protocol': 'dns', 'about': about, 'host': host, 'client': {'address': '127.0.0.1'}, 'command': command})


def msg(*lines):
    """DATA, the message lines and the final dot, with the two replies."""
    return ['DATA', S, *lines, '.', S]


EHLO = ['EHLO client.example.org', S]
HELO = ['HELO client.example.org', S]
QUIT = ['QUIT', S]

# ---------------------------------------------------------------------------------------------------
# SMTP: commands and syntax
# ---------------------------------------------------------------------------------------------------
smtp('smtp-helo-ehlo-without-argument',
     'HELO and EHLO without a host name are syntax errors (501 without an enhanced status code), the session goes on.',
     [S, 'HELO', S, 'EHLO', S, 'EHLO laptop', S, *QUIT])
smtp('smtp-ehlo-twice',
     'A second EHLO is allowed and answered like the first; it also ends any mail transaction in progress.',
     [S, 'EHLO one.example.org', S, 'MAIL FROM:<alice@mail.example.com>', S, 'EHLO two.example.org', S,
      'RCPT TO:<bob@mail.example.com>', S, *QUIT])
smtp('smtp-helo-after-mail',
     'HELO in the middle of a transaction resets it: the following RCPT gets 503 need MAIL command.',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'HELO again.example.org', S,
      'RCPT TO:<bob@mail.example.com>', S, *QUIT])
smtp('smtp-mixed-case-commands',
     'Command verbs and the FROM:/TO: keywords are case-insensitive: a whole transaction in mixed case is delivered.',
     [S, 'eHlO client.example.org', S, 'MaIl FrOm:<alice@mail.example.com>', S, 'rcpt to:<bob@mail.example.com>', S,
      'DaTa', S, 'Subject: mixed case', '', 'it works', '.', S, 'qUiT', S])
smtp('smtp-mail-from-size-body-params',
     'ESMTP MAIL parameters: SIZE= below the limit with BODY=8BITMIME, and BODY=7BIT, are accepted; BODY=BINARYMIME is an unsupported option (555) and SIZE=abc a syntax error (501).',
     [S, *EHLO, 'MAIL FROM:<alice@mail.example.com> SIZE=1000 BODY=8BITMIME', S, 'RSET', S,
      'MAIL FROM:<alice@mail.example.com> BODY=7BIT', S, 'RSET', S,
      'MAIL FROM:<alice@mail.example.com> BODY=BINARYMIME', S, 'MAIL FROM:<alice@mail.example.com> SIZE=abc', S, *QUIT])
smtp('smtp-mail-from-smtputf8',
     'MAIL FROM with SMTPUTF8 (offered in EHLO) is accepted, also together with BODY=8BITMIME.',
     [S, *EHLO, 'MAIL FROM:<alice@mail.example.com> SMTPUTF8', S, 'RSET', S,
      'MAIL FROM:<alice@mail.example.com> BODY=8BITMIME SMTPUTF8', S, *QUIT])
smtp('smtp-mail-from-ret-envid',
     'DSN parameters on MAIL: RET=HDRS/RET=FULL and ENVID= are accepted; a bad RET value and a repeated RET are refused.',
     [S, *EHLO, 'MAIL FROM:<alice@mail.example.com> RET=HDRS ENVID=lesson-42', S, 'RSET', S,
      'MAIL FROM:<alice@mail.example.com> RET=FULL', S, 'RSET', S,
      'MAIL FROM:<alice@mail.example.com> RET=BOGUS', S, 'MAIL FROM:<alice@mail.example.com> RET=HDRS RET=FULL', S, *QUIT])
smtp('smtp-mail-from-unknown-parameter',
     'An unknown MAIL FROM parameter is refused with 555 5.5.4 Unsupported option.',
     [S, *EHLO, 'MAIL FROM:<alice@mail.example.com> FOO=bar', S, 'MAIL FROM:<alice@mail.example.com> XYZZY', S,
      'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@mail.example.com> FOO=bar', S, *QUIT])
smtp('smtp-spaces-after-colon',
     'Postfix (strict_rfc821_envelopes = no) accepts a space after MAIL FROM: and RCPT TO:, and an address without angle brackets.',
     [S, *HELO, 'MAIL FROM: <alice@mail.example.com>', S, 'RCPT TO:   <bob@mail.example.com>', S,
      'RCPT TO: ansible@mail.example.com', S, *msg('Subject: spaces', '', 'hello'), *QUIT])
smtp('smtp-quoted-local-part',
     'Quoted local parts: a quoted sender with a space is accepted and logged quoted; "alice"@domain is the same mailbox as alice@domain.',
     [S, *HELO, 'MAIL FROM:<"john doe"@example.org>', S, 'RCPT TO:<"alice"@mail.example.com>', S,
      *msg('Subject: quoted', '', 'from john doe'), *QUIT])
smtp('smtp-source-route',
     'An RFC 821 source route in RCPT TO (<@hop:user@domain>) is accepted and stripped; the mail goes to user@domain.',
     [S, *HELO, 'MAIL FROM:<@relay.example.org:carol@example.org>', S, 'RCPT TO:<@mail.example.com:alice@mail.example.com>', S,
      *msg('Subject: source route', '', 'routed'), *QUIT])
smtp('smtp-address-literal-local',
     'An address literal of the server itself (alice@[127.0.0.1]) is a local destination and is delivered.',
     [S, *HELO, 'MAIL FROM:<bob@mail.example.com>', S, 'RCPT TO:<alice@[127.0.0.1]>', S,
      'RCPT TO:<alice@[127.0.0.99]>', S, *msg('Subject: literal', '', 'to an address literal'), *QUIT])
smtp('smtp-address-literal-remote',
     'An address literal of another host (user@[127.0.0.2]) from mynetworks is relayed straight to that address, no DNS.',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<someone@[127.0.0.2]>', S,
      *msg('Subject: literal', '', 'direct'), *QUIT], dns=True, peers=True)
smtp('smtp-rcpt-postmaster',
     'RCPT TO:<postmaster> (no domain) and POSTMASTER in capitals are always accepted and reach root through the alias.',
     [S, *HELO, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<postmaster>', S, 'RCPT TO:<POSTMASTER@MAIL.EXAMPLE.COM>', S,
      *msg('Subject: question', '', 'Dear postmaster'), *QUIT], client='127.0.0.5')
smtp('smtp-rcpt-notify-orcpt',
     'DSN on RCPT: NOTIFY=SUCCESS,FAILURE with ORCPT is accepted, NOTIFY=BOGUS is not; the successful delivery sends a DSN (delivery status notification) back to the local sender.',
     [S, *EHLO, 'MAIL FROM:<ansible@mail.example.com> RET=HDRS ENVID=env-001', S,
      'RCPT TO:<alice@mail.example.com> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;alice@mail.example.com', S,
      'RCPT TO:<bob@mail.example.com> NOTIFY=BOGUS', S, 'RCPT TO:<bob@mail.example.com> NOTIFY=NEVER', S,
      *msg('Subject: please confirm', '', 'tell me when it arrives'), *QUIT])
smtp('smtp-uppercase-addresses',
     'Addresses in capitals: the domain and the local part are matched without regard to case and the mail reaches alice; the log keeps the case as typed.',
     [S, *HELO, 'MAIL FROM:<BOB@MAIL.EXAMPLE.COM>', S, 'RCPT TO:<ALICE@MAIL.EXAMPLE.COM>', S,
      *msg('Subject: SHOUTING', '', 'in capitals'), *QUIT])
smtp('smtp-rset-noop-quit-with-arguments',
     'RSET with an argument is a syntax error (501 5.5.4 Syntax: RSET), NOOP ignores its argument, and QUIT with an argument is accepted: 221 and the session ends.',
     [S, *HELO, 'RSET now', S, 'NOOP hello there', S, 'QUIT please', S])
smtp('smtp-data-with-argument',
     'DATA with an argument is refused (501 5.5.4 Syntax: DATA); plain DATA then works.',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@mail.example.com>', S, 'DATA now', S,
      *msg('Subject: data', '', 'ok'), *QUIT])
smtp('smtp-expn',
     'EXPN is not implemented by Postfix: 500 5.5.2 Error: command not recognized, with or without an argument.',
     [S, *HELO, 'EXPN staff', S, 'EXPN', S, *QUIT], aliases='postmaster: root\nstaff: alice, bob\n')
smtp('smtp-etrn',
     'ETRN for a domain that is not in fast_flush_domains: 459 <domain>: service unavailable (no enhanced status code), even before HELO; ETRN without an argument: 500 Syntax: ETRN domain; the @domain and #queue forms are reduced to the name.',
     [S, 'ETRN example.net', S, *EHLO, 'ETRN', S, 'ETRN example.net', S, 'ETRN @example.net', S, 'ETRN #QUEUE', S, *QUIT])
smtp('smtp-help',
     'HELP (with or without a topic) is not a Postfix command: 500 5.5.2 Error: command not recognized.',
     [S, *EHLO, 'HELP', S, 'HELP MAIL', S, *QUIT])
smtp('smtp-starttls-not-offered',
     'STARTTLS on a server without TLS (not in the EHLO list) is refused.',
     [S, *EHLO, 'STARTTLS', S, *QUIT])
smtp('smtp-auth-not-offered',
     'AUTH on a server without smtpd_sasl_auth_enable (no AUTH in the EHLO list) is refused.',
     [S, *EHLO, f'AUTH PLAIN {PLAIN_ALICE}', S, 'AUTH LOGIN', S, *QUIT])
smtp('smtp-bdat-chunking',
     'CHUNKING: the message is sent in two BDAT chunks (byte counts include the CRLFs); the first is acknowledged with its size, the LAST one queues the mail.',
     [S, *EHLO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@mail.example.com>', S,
      'BDAT 18', 'Subject: chunked', S, 'BDAT 12 LAST', '', 'via BDAT', S, *QUIT])
smtp('smtp-bdat-errors',
     'BDAT mistakes: a chunk before MAIL/RCPT gets 503 5.5.1 Error: need RCPT command (its bytes are read and thrown away); a BDAT with a malformed size gets 521 5.5.4 and Postfix hangs up.',
     [S, *EHLO, 'BDAT 8', '123456', S, 'BDAT abc', S, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@mail.example.com>', S,
      *QUIT])
smtp('smtp-bdat-then-data',
     'BDAT and DATA cannot be mixed: after a first BDAT chunk, DATA is refused; BDAT 0 LAST then ends the message.',
     [S, *EHLO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@mail.example.com>', S,
      'BDAT 12', 'Subject: x', S, 'DATA', S, 'BDAT 0 LAST', S, *QUIT])
smtp('smtp-http-request',
     'A web browser (GET / HTTP/1.0) talks to port 25: Postfix answers 221 2.7.0 Error: I can break rules, too. Goodbye. and hangs up.',
     [S, 'GET / HTTP/1.0', 'Host: mail.example.com', '', S])
smtp('smtp-header-line-as-command',
     'A message header line sent as a command (Subject: hi) is taken for a non-SMTP client: the same rule-breaking goodbye.',
     [S, *HELO, 'Subject: hi', S])
smtp('smtp-empty-command-line',
     'An empty command line gets 500 5.5.2 Error: bad syntax; the session continues.',
     [S, *HELO, '', S, 'NOOP', S, *QUIT])
smtp('smtp-long-command-line',
     'Command lines of 3000 characters, longer than line_length_limit (2048): Postfix logs "request longer than 2048" and works on what it read: an unknown command (500), a NOOP (250) and a MAIL FROM whose address is cut off (501 5.1.7).',
     [S, *HELO, 'X' * 3000, S, 'NOOP ' + 'x' * 2995, S, 'MAIL FROM:<' + 'a' * 2985 + '@example.org>', S, *QUIT])
smtp('smtp-nul-byte-in-command',
     'A NUL byte inside a command line: the HELO is still answered 250, an address with a NUL in it is 501 5.1.7 Bad sender address syntax.',
     [S, 'HELO client\u0000.example.org', S, 'NOOP', S, 'MAIL FROM:<ali\u0000ce@mail.example.com>', S, *QUIT])
smtp('smtp-non-ascii-command-and-address',
     'UTF-8 in a HELO name and in MAIL FROM is accepted even without the SMTPUTF8 parameter; an unknown UTF-8 local recipient and VRFY of one get 550 5.1.1 User unknown.',
     [S, 'EHLO café.example.org', S, 'MAIL FROM:<josé@example.org>', S, 'RSET', S,
      'MAIL FROM:<josé@example.org> SMTPUTF8', S, 'RCPT TO:<müller@mail.example.com>', S, 'RCPT TO:<alice@mail.example.com>', S,
      'VRFY jürgen', S, *QUIT])
smtp('smtp-too-many-errors',
     '21 unknown commands in a row: the first 20 get 500 5.5.2 (after smtpd_soft_error_limit = 10 each reply is delayed by smtpd_error_sleep_time), the 21st gets 421 4.7.0 mail.example.com Error: too many errors and Postfix hangs up.',
     [S, *HELO] + sum([[f'BOGUS{i}', S] for i in range(1, 22)], []) + ['QUIT', S])
smtp('smtp-message-dot-stuffing',
     'Lines starting with a dot are sent dot-stuffed (..) and stored with one dot; a line with only ".." becomes ".".',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@mail.example.com>', S,
      *msg('Subject: dots', '', '..hidden file', '...three', '..', 'end'), *QUIT])
smtp('smtp-message-own-headers',
     'A message that brings its own From, To, Date and Message-ID keeps them; Postfix adds only Return-Path, X-Original-To, Delivered-To and Received.',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@mail.example.com>', S,
      *msg('From: Alice <alice@mail.example.com>', 'To: Bob <bob@mail.example.com>', 'Date: Mon, 1 Jan 2024 10:00:00 +0000',
           'Message-ID: <lesson-1@mail.example.com>', 'Subject: complete headers', '', 'A message with all its headers.'), *QUIT])
smtp('smtp-message-from-line-in-body',
     'A body line beginning with "From " is written to the mbox as ">From " so that it does not start a new message.',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@mail.example.com>', S,
      *msg('Subject: from lines', '', 'Dear Bob,', 'From now on we meet on Mondays.', '>From the quoted text', 'Alice'), *QUIT])
smtp('smtp-message-empty',
     'DATA followed at once by the dot: an empty message is accepted; the mailbox shows only the headers Postfix adds.',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@mail.example.com>', S, *msg(), *QUIT])
smtp('smtp-message-headers-only',
     'A message of header lines without an empty line or body.',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@mail.example.com>', S,
      *msg('Subject: only headers', 'X-Lesson: 3'), *QUIT])
smtp('smtp-message-8bit-text',
     '8-bit UTF-8 text in the Subject and body, declared with BODY=8BITMIME, is stored unchanged.',
     [S, *EHLO, 'MAIL FROM:<alice@mail.example.com> BODY=8BITMIME', S, 'RCPT TO:<bob@mail.example.com>', S,
      *msg('Subject: Grüße aus Köln', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', 'Schöne Grüße, ça va?'), *QUIT])
smtp('smtp-message-non-ascii-no-mime',
     '8-bit text sent without BODY=8BITMIME and without MIME headers is accepted as it is.',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@mail.example.com>', S,
      *msg('Subject: café', '', 'naïve résumé'), *QUIT])
smtp('smtp-two-messages-one-session',
     'Two mail transactions in one session: each DATA gets its own queue id.',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@mail.example.com>', S, *msg('Subject: first', '', 'one'),
      'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<ansible@mail.example.com>', S, *msg('Subject: second', '', 'two'), *QUIT])
smtp('smtp-rset-mid-transaction',
     'RSET in the middle of a transaction forgets sender and recipients: RCPT then needs a new MAIL; the restarted transaction is delivered.',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@mail.example.com>', S, 'RSET', S,
      'RCPT TO:<bob@mail.example.com>', S, 'DATA', S, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<ansible@mail.example.com>', S,
      *msg('Subject: after RSET', '', 'only ansible'), *QUIT])
smtp('smtp-recipient-limit',
     'smtpd_recipient_limit = 2: the third RCPT is refused with 452 4.5.3 Error: too many recipients; the message goes to the first two.',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@mail.example.com>', S, 'RCPT TO:<ansible@mail.example.com>', S,
      'RCPT TO:<root@mail.example.com>', S, *msg('Subject: many', '', 'to many'), *QUIT], cf={'smtpd_recipient_limit': '2'})
smtp('smtp-message-size-limit-data',
     'message_size_limit = 1000: a 1500-byte message sent without SIZE= is read to the final dot and refused with 552 5.3.4 Error: message file too big (not the "Message size exceeds fixed limit" of MAIL ... SIZE=); the session goes on.',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@mail.example.com>', S,
      *msg('Subject: big', '', *['0123456789' * 7 for _ in range(20)]), 'NOOP', S, *QUIT], cf={'message_size_limit': '1000'})
smtp('smtp-lost-connection-in-data',
     'The client disconnects in the middle of DATA: nothing is delivered; the log says lost connection after DATA.',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@mail.example.com>', S, 'DATA', S, 'Subject: unfinished', '', 'no dot'])

# ---------------------------------------------------------------------------------------------------
# SMTP: restrictions and relay control
# ---------------------------------------------------------------------------------------------------
smtp('smtp-relay-domains',
     'relay_domains = example.net: a client outside mynetworks may send to example.net (delivered by the relay transport, logged as postfix/relay/smtp); another domain is still refused (454).',
     [S, *HELO, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<bob@example.net>', S, 'RCPT TO:<dave@example.org>', S,
      *msg('Subject: to example.net', '', 'relayed because of relay_domains'), *QUIT],
     cf={'relay_domains': 'example.net'}, client='127.0.0.5', dns=True, peers=True)
smtp('smtp-mynetworks-list-inside',
     'An explicit mynetworks = 127.0.0.0/29 (instead of mynetworks_style): client 127.0.0.5 is inside and may relay.',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@example.net>', S, *msg('Subject: inside', '', 'ok'), *QUIT],
     cf={'mynetworks': '127.0.0.0/29'}, client='127.0.0.5', dns=True, peers=True)
smtp('smtp-mynetworks-list-outside',
     'An explicit mynetworks = 127.0.0.0/29: client 127.0.0.9 (client.example.net by its PTR) is outside and is denied relay.',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<bob@example.net>', S, 'RCPT TO:<alice@mail.example.com>', S, *QUIT],
     cf={'mynetworks': '127.0.0.0/29'}, client='127.0.0.9', dns=True, peers=True)
smtp('smtp-mynetworks-style-class',
     'mynetworks_style = class at compatibility_level 3.6: the whole class A net 127.0.0.0/8 is trusted, so 127.0.0.5 may relay.',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@example.net>', S, *msg('Subject: class', '', 'ok'), *QUIT],
     cf={'mynetworks_style': 'class'}, client='127.0.0.5', dns=True, peers=True)
smtp('smtp-mynetworks-style-subnet',
     'mynetworks_style = subnet set explicitly at compatibility_level 3.6: the loopback subnet 127.0.0.0/8 is trusted (no backwards-compatibility warning).',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@example.net>', S, *msg('Subject: subnet', '', 'ok'), *QUIT],
     cf={'mynetworks_style': 'subnet'}, client='127.0.0.5', dns=True, peers=True)
smtp('smtp-reject-unauth-destination-554',
     'smtpd_relay_restrictions with reject_unauth_destination (instead of the default defer_unauth_destination): relay is refused permanently with 554 5.7.1.',
     [S, *HELO, 'MAIL FROM:<spammer@example.org>', S, 'RCPT TO:<victim@example.net>', S, 'RCPT TO:<alice@mail.example.com>', S, *QUIT],
     cf={'smtpd_relay_restrictions': 'permit_mynetworks, reject_unauth_destination'}, client='127.0.0.5')
smtp('smtp-recipient-restrictions-reject-unauth',
     'The classic smtpd_recipient_restrictions = permit_mynetworks, reject_unauth_destination with the default relay restrictions: the relay test in smtpd_relay_restrictions answers first (454).',
     [S, *HELO, 'MAIL FROM:<spammer@example.org>', S, 'RCPT TO:<victim@example.net>', S, *QUIT],
     cf={'smtpd_recipient_restrictions': 'permit_mynetworks, reject_unauth_destination'}, client='127.0.0.5')
smtp('smtp-permit-auth-destination',
     'smtpd_relay_restrictions = permit_auth_destination, reject: mail for local domains is allowed from anywhere, anything else hits reject (554 5.7.1 Access denied; the log line carries the queue id, as a recipient was already accepted).',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@mail.example.com>', S, 'RCPT TO:<bob@example.net>', S, *QUIT],
     cf={'smtpd_relay_restrictions': 'permit_auth_destination, reject'})
smtp('smtp-reject-non-fqdn-recipient',
     'reject_non_fqdn_recipient: RCPT TO:<alice> (no domain) gets 504 5.5.2 need fully-qualified address.',
     [S, *HELO, 'MAIL FROM:<bob@mail.example.com>', S, 'RCPT TO:<alice>', S, 'RCPT TO:<alice@mail>', S, 'RCPT TO:<alice@mail.example.com>', S, *QUIT],
     cf={'smtpd_recipient_restrictions': 'reject_non_fqdn_recipient'})
smtp('smtp-reject-non-fqdn-sender',
     'reject_non_fqdn_sender in smtpd_sender_restrictions: with smtpd_delay_reject the rejection of MAIL FROM:<bob> comes at RCPT time.',
     [S, *HELO, 'MAIL FROM:<bob>', S, 'RCPT TO:<alice@mail.example.com>', S, 'RSET', S, 'MAIL FROM:<bob@mail.example.com>', S,
      'RCPT TO:<alice@mail.example.com>', S, *QUIT],
     cf={'smtpd_sender_restrictions': 'reject_non_fqdn_sender'})
smtp('smtp-reject-unknown-recipient-domain',
     'reject_unknown_recipient_domain: a domain without DNS records gets 450 4.1.2 Domain not found; a domain with an MX, or with only an AAAA record, passes.',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<someone@nowhere.example.com>', S, 'RCPT TO:<bob@example.net>', S,
      'RCPT TO:<x@ipv6only.example.net>', S, *QUIT],
     cf={'smtpd_recipient_restrictions': 'reject_unknown_recipient_domain'}, dns=True, peers=True)
smtp('smtp-reject-unknown-sender-domain',
     'reject_unknown_sender_domain: a sender domain outside the lab zones (NXDOMAIN from the root) is rejected at RCPT time with 450 4.1.8.',
     [S, *HELO, 'MAIL FROM:<someone@nowhere.example.org>', S, 'RCPT TO:<alice@mail.example.com>', S, 'RSET', S,
      'MAIL FROM:<bob@example.net>', S, 'RCPT TO:<alice@mail.example.com>', S, *QUIT],
     cf={'smtpd_sender_restrictions': 'reject_unknown_sender_domain'}, dns=True)
smtp('smtp-reject-invalid-helo-hostname',
     'smtpd_helo_required with reject_invalid_helo_hostname: a malformed HELO name is accepted at HELO and rejected at RCPT (smtpd_delay_reject).',
     [S, 'HELO bad_host!name', S, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<alice@mail.example.com>', S, 'HELO good.example.org', S,
      'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<alice@mail.example.com>', S, *QUIT],
     cf={'smtpd_helo_required': 'yes', 'smtpd_helo_restrictions': 'reject_invalid_helo_hostname'})
smtp('smtp-reject-non-fqdn-helo-hostname',
     'reject_non_fqdn_helo_hostname: HELO localhost is rejected at RCPT time with 504 5.5.2 need fully-qualified hostname.',
     [S, 'HELO localhost', S, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<alice@mail.example.com>', S, *QUIT],
     cf={'smtpd_helo_required': 'yes', 'smtpd_helo_restrictions': 'reject_non_fqdn_helo_hostname'})
smtp('smtp-check-recipient-access',
     'check_recipient_access hash:/etc/postfix/recipient_access: REJECT, REJECT with a text, a 450 code, a 550 5.7.1 text, DUNNO and OK.',
     [S, *HELO, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<blocked@mail.example.com>', S, 'RCPT TO:<sales@mail.example.com>', S,
      'RCPT TO:<temp@mail.example.com>', S, 'RCPT TO:<custom@mail.example.com>', S, 'RCPT TO:<alice@mail.example.com>', S,
      'RCPT TO:<bob@mail.example.com>', S, *QUIT],
     cf={'smtpd_recipient_restrictions': 'check_recipient_access hash:/etc/postfix/recipient_access'},
     maps={'/etc/postfix/recipient_access': 'blocked@mail.example.com REJECT\nsales@mail.example.com REJECT Sales moved to sales.example.org\n'
           'temp@mail.example.com 450 Mailbox being moved, try later\ncustom@mail.example.com 550 5.7.1 No mail for this address\n'
           'alice@mail.example.com DUNNO\nbob@mail.example.com OK\n'},
     aliases='postmaster: root\nblocked: alice\nsales: alice\ntemp: alice\ncustom: alice\n')
smtp('smtp-check-client-access',
     'check_client_access in smtpd_client_restrictions: client 127.0.0.5 is listed with REJECT and a text; the refusal comes at RCPT time.',
     [S, *HELO, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<alice@mail.example.com>', S, *QUIT],
     cf={'smtpd_client_restrictions': 'check_client_access hash:/etc/postfix/client_access'},
     maps={'/etc/postfix/client_access': '127.0.0.5 REJECT Your host is blocked, call the help desk\n'}, client='127.0.0.5')
smtp('smtp-check-sender-access',
     'check_sender_access: a listed address is rejected, a listed domain gets a custom 550, OK lets a sender through; replies come at RCPT time.',
     [S, *HELO, 'MAIL FROM:<spammer@example.org>', S, 'RCPT TO:<alice@mail.example.com>', S, 'RSET', S,
      'MAIL FROM:<anyone@example.biz>', S, 'RCPT TO:<alice@mail.example.com>', S, 'RSET', S,
      'MAIL FROM:<friend@example.org>', S, 'RCPT TO:<alice@mail.example.com>', S, *QUIT],
     cf={'smtpd_sender_restrictions': 'check_sender_access hash:/etc/postfix/sender_access'},
     maps={'/etc/postfix/sender_access': 'spammer@example.org REJECT\nexample.biz 550 No mail from example.biz\nfriend@example.org OK\n'})
smtp('smtp-client-restrictions-reject-delayed',
     'smtpd_client_restrictions = reject with smtpd_delay_reject = yes (default): HELO and MAIL pass, every RCPT gets 554 Client host rejected.',
     [S, *HELO, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<alice@mail.example.com>', S, *QUIT],
     cf={'smtpd_client_restrictions': 'reject'}, client='127.0.0.5')
smtp('smtp-client-restrictions-reject-no-delay',
     'smtpd_client_restrictions = reject with smtpd_delay_reject = no: the 220 greeting still comes, HELO gets the 554 5.7.1 Client host rejected, every later command 503 5.7.0 Error: access denied for unknown[127.0.0.5].',
     [S, *HELO, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<alice@mail.example.com>', S, *QUIT],
     cf={'smtpd_client_restrictions': 'reject', 'smtpd_delay_reject': 'no'}, client='127.0.0.5')
smtp('smtp-recipient-restrictions-reject-at-end',
     'smtpd_recipient_restrictions = permit_mynetworks, reject: a client outside mynetworks cannot even mail a local user (Access denied).',
     [S, *HELO, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<alice@mail.example.com>', S, *QUIT],
     cf={'smtpd_recipient_restrictions': 'permit_mynetworks, reject'}, client='127.0.0.5')
smtp('smtp-unknown-local-recipient-code-450',
     'unknown_local_recipient_reject_code = 450: an unknown local user gets a temporary 450 4.1.1 instead of 550.',
     [S, *HELO, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<nosuchuser@mail.example.com>', S, *QUIT],
     cf={'unknown_local_recipient_reject_code': '450'})
smtp('smtp-local-recipient-maps-empty',
     'local_recipient_maps = (empty): unknown local users are accepted at RCPT and bounced later by local(8) (unknown user); the sender gets the bounce.',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<nosuchuser@mail.example.com>', S,
      *msg('Subject: hello?', '', 'anyone there?'), *QUIT], cf={'local_recipient_maps': ''})
smtp('smtp-compat-level-0-no-relay-restriction',
     'compatibility_level = 0 with no relay restriction anywhere: smtpd_relay_restrictions is empty at level 0, smtpd exits with a fatal error before the greeting and master throttles the service; the client gets a connection but no 220.',
     [wait(10)], cf={'compatibility_level': '0'})
smtp('smtp-compat-level-0-local-delivery',
     'compatibility_level = 0 with the legacy relay rule: the level-0 defaults (mynetworks_style = subnet, relay_domains = $mydestination, ...) and a local delivery.',
     [S, *HELO, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<alice@mail.example.com>', S, *msg('Subject: old style', '', 'level 0'), *QUIT],
     cf={'compatibility_level': '0', 'smtpd_recipient_restrictions': 'permit_mynetworks, reject_unauth_destination'}, client='127.0.0.9',
     dns=True)

# ---------------------------------------------------------------------------------------------------
# SMTP: delivery
# ---------------------------------------------------------------------------------------------------
smtp('smtp-alias-include',
     'An alias with :include:/etc/postfix/staff.list: the list file names the recipients (alice and bob).',
     [S, *HELO, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<staff@mail.example.com>', S, *msg('Subject: all staff', '', 'meeting at 3'), *QUIT],
     aliases='postmaster: root\nstaff: :include:/etc/postfix/staff.list\n', files={'/etc/postfix/staff.list': 'alice\nbob\n'})
smtp('smtp-alias-to-remote-address',
     'An alias that forwards to a remote address (friend: bob@example.net): local accepts it and the mail is relayed to example.net\'s MX.',
     [S, *HELO, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<friend@mail.example.com>', S, *msg('Subject: forward me', '', 'to bob'), *QUIT],
     aliases='postmaster: root\nfriend: bob@example.net\n', dns=True, peers=True)
smtp('smtp-alias-to-dev-null',
     'An alias to /dev/null: the mail is "delivered to file: /dev/null" and disappears.',
     [S, *HELO, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<noreply@mail.example.com>', S, *msg('Subject: reply', '', 'lost'), *QUIT],
     aliases='postmaster: root\nnoreply: /dev/null\n')
smtp('smtp-alias-to-unknown-user',
     'An alias that points to a user who does not exist: RCPT is accepted (the alias exists), local bounces it (unknown user) to the sender.',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<helpdesk@mail.example.com>', S, *msg('Subject: help', '', 'please'), *QUIT],
     aliases='postmaster: root\nhelpdesk: nosuchuser\n')
smtp('smtp-alias-loop',
     'Two aliases that point at each other (loop1 -> loop2 -> loop1): local notices the alias database loop for loop2 (dsn 5.4.6) and bounces the mail to the sender.',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<loop1@mail.example.com>', S, *msg('Subject: round and round', '', 'loop'), *QUIT],
     aliases='postmaster: root\nloop1: loop2\nloop2: loop1\n')
smtp('smtp-root-and-postmaster-aliases',
     'postmaster: root and root: ansible: mail for root and for postmaster both ends in ansible\'s mailbox.',
     [S, *HELO, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<root@mail.example.com>', S, 'RCPT TO:<postmaster@mail.example.com>', S,
      *msg('Subject: for the admin', '', 'disk full'), *QUIT], aliases='postmaster: root\nroot: ansible\n')
smtp('smtp-recipient-delimiter',
     'recipient_delimiter = +: alice+lists@ is delivered to alice; Delivered-To keeps the extension.',
     [S, *HELO, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<alice+lists@mail.example.com>', S, *msg('Subject: tagged', '', 'plus address'), *QUIT],
     cf={'recipient_delimiter': '+'})
smtp('smtp-no-recipient-delimiter',
     'Without recipient_delimiter, alice+lists is just an unknown user: 550 5.1.1 User unknown in local recipient table.',
     [S, *HELO, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<alice+lists@mail.example.com>', S, *QUIT])
smtp('smtp-myorigin-mydomain-loops-back',
     'myorigin = $mydomain without $mydomain in mydestination: a bare "rcpt to:alice" becomes alice@example.com, which is not local, is relayed to the MX (this host) and bounces: loops back to myself.',
     [S, 'helo localhost', S, 'mail from:bob', S, 'rcpt to:alice', S, 'data', S, 'Subject: bare names', '', 'where does it go?', '.', S, 'quit', S],
     cf={'myorigin': '$mydomain'}, dns=True)
smtp('smtp-myorigin-mydomain-local',
     'myorigin = $mydomain with $mydomain in mydestination: bare names become user@example.com and are local.',
     [S, 'helo localhost', S, 'mail from:bob', S, 'rcpt to:alice', S, 'data', S, 'Subject: bare names', '', 'now local', '.', S, 'quit', S],
     cf={'myorigin': '$mydomain', 'mydestination': '$myhostname, localhost.$mydomain, localhost, $mydomain'})
smtp('smtp-two-domains-local-and-relayed',
     'One message for a local user and for a remote one: one queue file, delivered by local and by smtp to the MX.',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@mail.example.com>', S, 'RCPT TO:<friend@example.net>', S,
      *msg('Subject: two ways', '', 'local and remote'), *QUIT], dns=True, peers=True)
smtp('smtp-deferred-and-delivered',
     'One message, two remote recipients: the one whose MX answers is sent, the one whose MX refuses connections is deferred and stays in the queue.',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@example.net>', S, 'RCPT TO:<carol@down.example.net>', S,
      *msg('Subject: half way', '', 'partly delivered'), *QUIT], dns=True, peers=True)
smtp('smtp-mx-missing-a-fallback',
     'A domain with no MX but an A record (relay.example.net): Postfix falls back to the A record and delivers there.',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@relay.example.net>', S, *msg('Subject: no MX', '', 'A record'), *QUIT],
     dns=True, peers=True)
smtp('smtp-ipv6-only-destination',
     'A destination with only an AAAA record while inet_protocols = ipv4: "Host found but no data record of requested type", the mail bounces (5.4.4).',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<user@ipv6only.example.net>', S, *msg('Subject: v6', '', 'no IPv4'), *QUIT],
     dns=True, peers=True)
smtp('smtp-relayhost-mx-lookup',
     'relayhost = relay.example.net:2525 without brackets: Postfix looks up MX records first, finds none and uses the A record.',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<someone@example.org>', S, *msg('Subject: via relay', '', 'hop'), *QUIT],
     cf={'relayhost': 'relay.example.net:2525'}, dns=True, peers=True)
smtp('smtp-relayhost-brackets-name',
     'relayhost = [relay.example.net]:2525: brackets turn off the MX lookup, the name is resolved to its address.',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<someone@example.org>', S, *msg('Subject: via relay', '', 'hop'), *QUIT],
     cf={'relayhost': '[relay.example.net]:2525'}, dns=True, peers=True)
smtp('smtp-relayhost-unreachable',
     'relayhost = [127.0.0.3] where nothing listens: every remote mail is deferred (connection refused).',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@example.net>', S, *msg('Subject: stuck', '', 'waiting'), *QUIT],
     cf={'relayhost': '[127.0.0.3]'}, dns=True, peers=True)

# ---------------------------------------------------------------------------------------------------
# SMTP: SASL authentication
# ---------------------------------------------------------------------------------------------------
SASL_CF = {'smtpd_sasl_auth_enable': 'yes', 'smtpd_sasl_path': 'private/auth', 'smtpd_sasl_type': 'dovecot'}
CYRUS_CF = {'smtpd_sasl_auth_enable': 'yes'}
smtp('smtp-cyrus-sasldb-ehlo-and-plain',
     'Cyrus SASL with sasldb (mech_list: PLAIN LOGIN CRAM-MD5): EHLO offers the three mechanisms, AUTH PLAIN succeeds.',
     [S, *EHLO, f'AUTH PLAIN {PLAIN_ALICE}', S, *QUIT], cf=CYRUS_CF, sasl='cyrus', client='127.0.0.5')
smtp('smtp-cyrus-sasldb-login',
     'Cyrus SASL with sasldb: AUTH LOGIN with the Username:/Password: prompts.',
     [S, *EHLO, 'AUTH LOGIN', S, b64('bob'), S, b64('builder'), S, *QUIT], cf=CYRUS_CF, sasl='cyrus', client='127.0.0.5')
smtp('smtp-cyrus-sasldb-wrong-password',
     'Cyrus SASL with sasldb: a wrong password gives 535 5.7.8 and a warning in the log.',
     [S, *EHLO, f'AUTH PLAIN {b64(chr(0) + "alice" + chr(0) + "cheshire")}', S, *QUIT], cf=CYRUS_CF, sasl='cyrus', client='127.0.0.5')
smtp('smtp-cyrus-cram-md5-cancel',
     'AUTH CRAM-MD5 (Cyrus): the server sends a base64 challenge (it differs on every run); the client cancels with "*".',
     [S, *EHLO, 'AUTH CRAM-MD5', S, '*', S, *QUIT], cf=CYRUS_CF, sasl='cyrus', client='127.0.0.5')
smtp('smtp-cyrus-cram-md5-bad-response',
     'AUTH CRAM-MD5 (Cyrus) answered with a response that is not a valid digest: authentication fails.',
     [S, *EHLO, 'AUTH CRAM-MD5', S, b64('alice 0123456789abcdef0123456789abcdef'), S, *QUIT], cf=CYRUS_CF, sasl='cyrus', client='127.0.0.5')
smtp('smtp-auth-unknown-mechanism',
     'AUTH with a mechanism that is not offered (Dovecot SASL offers PLAIN LOGIN): 535 5.7.8 Error: authentication failed: Invalid authentication mechanism.',
     [S, *EHLO, 'AUTH CRAM-MD5', S, 'AUTH FOO', S, *QUIT], cf=SASL_CF, sasl='dovecot', client='127.0.0.5')
smtp('smtp-auth-malformed-base64',
     'AUTH responses that are not base64: 535 5.7.8 Error: authentication failed: Invalid base64 data in initial response / in continued response.',
     [S, *EHLO, 'AUTH PLAIN !!!not-base64!!!', S, 'AUTH LOGIN', S, '@@@', S, *QUIT], cf=SASL_CF, sasl='dovecot', client='127.0.0.5')
smtp('smtp-auth-cancelled',
     'AUTH LOGIN and AUTH PLAIN (no initial response) cancelled with "*": 501 5.7.0 Authentication aborted.',
     [S, *EHLO, 'AUTH LOGIN', S, '*', S, 'AUTH PLAIN', S, '*', S, *QUIT], cf=SASL_CF, sasl='dovecot', client='127.0.0.5')
smtp('smtp-auth-plain-no-initial-response',
     'AUTH PLAIN without an initial response: the server sends an empty 334 challenge, the client sends the credentials.',
     [S, *EHLO, 'AUTH PLAIN', S, PLAIN_ALICE, S, *QUIT], cf=SASL_CF, sasl='dovecot', client='127.0.0.5')
smtp('smtp-auth-twice',
     'A second AUTH after a successful one is refused: 503 5.5.1 Error: already authenticated.',
     [S, *EHLO, f'AUTH PLAIN {PLAIN_ALICE}', S, f'AUTH PLAIN {PLAIN_BOB}', S, *QUIT], cf=SASL_CF, sasl='dovecot', client='127.0.0.5')
smtp('smtp-auth-before-ehlo',
     'AUTH before any HELO/EHLO is accepted by Postfix 3.7 (it succeeds, no 503); after EHLO a second AUTH is refused: 503 5.5.1 Error: already authenticated.',
     [S, f'AUTH PLAIN {PLAIN_ALICE}', S, *EHLO, f'AUTH PLAIN {PLAIN_ALICE}', S, *QUIT], cf=SASL_CF, sasl='dovecot', client='127.0.0.5')
smtp('smtp-auth-after-helo',
     'AUTH after HELO (not EHLO) works too: Postfix does not insist on the ESMTP greeting before AUTH.',
     [S, *HELO, f'AUTH PLAIN {PLAIN_ALICE}', S, *QUIT], cf=SASL_CF, sasl='dovecot', client='127.0.0.5')
smtp('smtp-auth-in-mail-transaction',
     'AUTH inside a mail transaction (after MAIL FROM): 503 5.5.1 Error: MAIL transaction in progress.',
     [S, *EHLO, 'MAIL FROM:<alice@mail.example.com>', S, f'AUTH PLAIN {PLAIN_ALICE}', S, *QUIT], cf=SASL_CF, sasl='dovecot', client='127.0.0.5')
smtp('smtp-broken-sasl-auth-clients',
     'broken_sasl_auth_clients = yes: EHLO also announces the old AUTH=PLAIN LOGIN form for Outlook Express era clients.',
     [S, *EHLO, *QUIT], cf={**SASL_CF, 'broken_sasl_auth_clients': 'yes'}, sasl='dovecot', client='127.0.0.5')
smtp('smtp-auth-login-relay',
     'bob authenticates with AUTH LOGIN from outside mynetworks and relays to example.net; the log shows sasl_method=LOGIN, sasl_username=bob.',
     [S, *EHLO, 'AUTH LOGIN', S, b64('bob'), S, b64('builder'), S, 'MAIL FROM:<bob@mail.example.com>', S,
      'RCPT TO:<friend@example.net>', S, *msg('Subject: from the road', '', 'sent after AUTH LOGIN'), *QUIT],
     cf=SASL_CF, sasl='dovecot', client='127.0.0.5', dns=True, peers=True)
smtp('smtp-auth-local-delivery-received-header',
     'An authenticated client sends to a local user: the Received header says ESMTPA; smtpd_sasl_authenticated_header = yes adds the authenticated sender.',
     [S, *EHLO, f'AUTH PLAIN {PLAIN_ALICE}', S, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@mail.example.com>', S,
      *msg('Subject: authenticated', '', 'hello bob'), *QUIT],
     cf={**SASL_CF, 'smtpd_sasl_authenticated_header': 'yes'}, sasl='dovecot', client='127.0.0.5')
smtp('smtp-auth-wrong-then-right',
     'A wrong password (535 5.7.8 after a delay), then the right one (235 2.7.0) in the same session.',
     [S, *EHLO, f'AUTH PLAIN {b64(chr(0) + "alice" + chr(0) + "cheshire")}', S, f'AUTH PLAIN {PLAIN_ALICE}', S, *QUIT],
     cf=SASL_CF, sasl='dovecot', client='127.0.0.5')

# ---------------------------------------------------------------------------------------------------
# POP3 (Dovecot; alice has the three messages of the official corpus)
# ---------------------------------------------------------------------------------------------------
LOGIN = ['USER alice', S, 'PASS wonderland', S]
pop3('pop3-user-unknown',
     'USER for a user who does not exist is still +OK; the failure comes at PASS.',
     [S, 'USER nosuchuser', S, 'PASS whatever', S, 'QUIT', S])
pop3('pop3-pass-before-user',
     'PASS before USER is refused: -ERR No username given.',
     [S, 'PASS wonderland', S, *LOGIN, 'QUIT', S])
pop3('pop3-uidl',
     'UIDL lists every message\'s unique id (UID and UIDVALIDITY as hex), UIDL n one of them, a missing one is an error.',
     [S, *LOGIN, 'UIDL', S, 'UIDL 2', S, 'UIDL 9', S, 'QUIT', S])
pop3('pop3-top',
     'TOP n m: the headers, the empty line and the first m body lines; TOP n 0 only the headers; a missing message; TOP without the line count: -ERR Noise after message number.',
     [S, *LOGIN, 'TOP 2 2', S, 'TOP 1 0', S, 'TOP 9 1', S, 'TOP 1', S, 'QUIT', S])
pop3('pop3-list-retr-dele-missing',
     'LIST n for an existing and a missing message; RETR and DELE of a message that does not exist; LIST with a bad number.',
     [S, *LOGIN, 'LIST 2', S, 'LIST 9', S, 'RETR 9', S, 'DELE 9', S, 'LIST 0', S, 'LIST abc', S, 'QUIT', S])
pop3('pop3-dele-rset',
     'DELE marks a message; STAT and LIST no longer count it, RETR of it fails; RSET unmarks everything and QUIT deletes nothing.',
     [S, *LOGIN, 'DELE 1', S, 'STAT', S, 'LIST', S, 'RETR 1', S, 'DELE 1', S, 'RSET', S, 'STAT', S, 'QUIT', S])
pop3('pop3-stat-after-dele',
     'STAT after DELE 2 counts the two remaining messages; QUIT commits the deletion.',
     [S, *LOGIN, 'STAT', S, 'DELE 2', S, 'STAT', S, 'LIST', S, 'QUIT', S])
pop3('pop3-noop',
     'NOOP before login is unknown in that state, after login it answers +OK.',
     [S, 'NOOP', S, *LOGIN, 'NOOP', S, 'QUIT', S])
pop3('pop3-auth-plain',
     'AUTH PLAIN with the credentials on the command line (initial response).',
     [S, f'AUTH PLAIN {PLAIN_ALICE}', S, 'STAT', S, 'QUIT', S])
pop3('pop3-auth-plain-continuation',
     'AUTH PLAIN without initial response: the server sends "+ " and the client sends the credentials; then a wrong one.',
     [S, 'AUTH PLAIN', S, b64('\0alice\0cheshire'), S, 'AUTH PLAIN', S, PLAIN_ALICE, S, 'STAT', S, 'QUIT', S])
pop3('pop3-auth-login',
     'AUTH LOGIN: base64 Username:/Password: prompts after "+ ".',
     [S, 'AUTH LOGIN', S, b64('alice'), S, b64('wonderland'), S, 'QUIT', S])
pop3('pop3-capa-after-login',
     'CAPA after login lists the transaction-state capabilities (no USER, no SASL).',
     [S, *LOGIN, 'CAPA', S, 'QUIT', S])
pop3('pop3-empty-mailbox',
     'A user with no mail: STAT +OK 0 0, an empty LIST, RETR 1 fails.',
     [S, 'USER bob', S, 'PASS builder', S, 'STAT', S, 'LIST', S, 'UIDL', S, 'RETR 1', S, 'QUIT', S], users=('alice', 'bob'))
pop3('pop3-lowercase-commands',
     'POP3 commands in lower case work as well.',
     [S, 'user alice', S, 'pass wonderland', S, 'stat', S, 'list', S, 'retr 3', S, 'quit', S])
pop3('pop3-unknown-command-after-login',
     'An unknown command after login: -ERR Unknown command: FOO; an empty line: -ERR Unknown command.',
     [S, *LOGIN, 'FOO bar', S, '', wait(3), 'STAT', S, 'QUIT', S])
pop3('pop3-quit-before-login',
     'QUIT right after the greeting.',
     [S, 'QUIT', S])
pop3('pop3-missing-arguments',
     'USER without a name is still +OK; RETR and DELE without a number: -ERR Invalid message number: (empty); STAT with an argument is answered as if it had none.',
     [S, 'USER', S, *LOGIN, 'RETR', S, 'DELE', S, 'STAT 1', S, 'QUIT', S])
pop3('pop3-retr-all-then-quit',
     'RETR of messages, DELE of all three and QUIT: the mbox keeps only Dovecot\'s "DON\'T DELETE THIS MESSAGE -- FOLDER INTERNAL DATA" pseudo message, which holds the UIDVALIDITY (X-IMAP header).',
     [S, *LOGIN, 'RETR 2', S, 'RETR 3', S, 'DELE 1', S, 'DELE 2', S, 'DELE 3', S, 'QUIT', S])
pop3('pop3-second-user-command',
     'USER then another USER; PASS after a failed login; the login works on the second try.',
     [S, 'USER bob', S, 'USER alice', S, 'PASS wrong', S, *LOGIN, 'QUIT', S])

# ---------------------------------------------------------------------------------------------------
# IMAP (Dovecot; alice has the three messages of the official corpus)
# ---------------------------------------------------------------------------------------------------
ILOGIN = ['a1 LOGIN alice wonderland', S]
ISELECT = ['a2 SELECT INBOX', S]
imap('imap-login-quoted-strings',
     'LOGIN with quoted strings ("alice" "wonderland") works like the atoms.',
     [S, 'a1 LOGIN "alice" "wonderland"', S, 'a2 LOGOUT', S])
imap('imap-login-literal',
     'LOGIN with synchronizing literals: after {5} and {10} the server answers "+ OK" and waits for the bytes.',
     [S, 'a1 LOGIN {5}', S, 'alice {10}', S, 'wonderland', S, 'a2 LOGOUT', S])
imap('imap-login-literal-plus',
     'LOGIN with non-synchronizing literals (LITERAL+): the client does not wait for "+".',
     [S, 'a1 LOGIN {5+}', 'alice {10+}', 'wonderland', S, 'a2 LOGOUT', S])
imap('imap-authenticate-plain-sasl-ir',
     'AUTHENTICATE PLAIN with the initial response on the command line (SASL-IR).',
     [S, f'a1 AUTHENTICATE PLAIN {PLAIN_ALICE}', S, 'a2 LOGOUT', S])
imap('imap-authenticate-plain-continuation',
     'AUTHENTICATE PLAIN without initial response: "+ " continuation, then the base64 credentials.',
     [S, 'a1 AUTHENTICATE PLAIN', S, PLAIN_ALICE, S, 'a2 LOGOUT', S])
imap('imap-select-missing-mailbox',
     'SELECT of a mailbox that does not exist: NO [NONEXISTENT].',
     [S, *ILOGIN, 'a2 SELECT Archive', S, 'a3 SELECT inbox', S, 'a4 LOGOUT', S])
imap('imap-examine',
     'EXAMINE opens the mailbox read-only: PERMANENTFLAGS () and [READ-ONLY]; fetching BODY[] does not set \\Seen there.',
     [S, *ILOGIN, 'a2 EXAMINE INBOX', S, 'a3 FETCH 1 BODY[]', S, 'a4 FETCH 1 FLAGS', S, 'a5 LOGOUT', S])
imap('imap-fetch-flags-all',
     'FETCH 1:* FLAGS: one untagged FETCH per message (all \\Recent after the first SELECT).',
     [S, *ILOGIN, *ISELECT, 'a3 FETCH 1:* FLAGS', S, 'a4 FETCH 2:* (UID FLAGS)', S, 'a5 LOGOUT', S])
imap('imap-fetch-body-peek-and-seen',
     'FETCH BODY.PEEK[] leaves the message unseen; FETCH BODY[] sets \\Seen and reports the new FLAGS.',
     [S, *ILOGIN, *ISELECT, 'a3 FETCH 1 BODY.PEEK[]', S, 'a4 FETCH 1 FLAGS', S, 'a5 FETCH 1 BODY[]', S, 'a6 FETCH 1 FLAGS', S, 'a7 LOGOUT', S])
imap('imap-fetch-body-text-size',
     'FETCH BODY.PEEK[TEXT], BODY.PEEK[HEADER] and RFC822.SIZE (the size with CRLF line ends, as POP3 LIST counts it).',
     [S, *ILOGIN, *ISELECT, 'a3 FETCH 2 (RFC822.SIZE BODY.PEEK[TEXT])', S, 'a4 FETCH 3 BODY.PEEK[HEADER]', S, 'a5 LOGOUT', S])
imap('imap-fetch-envelope',
     'FETCH ENVELOPE: date, subject, from, sender, reply-to, to, cc, bcc, in-reply-to and message-id as a parenthesized list.',
     [S, *ILOGIN, *ISELECT, 'a3 FETCH 1:2 ENVELOPE', S, 'a4 LOGOUT', S])
imap('imap-fetch-bodystructure-internaldate',
     'FETCH BODYSTRUCTURE and INTERNALDATE (taken from the mbox From line), and the macros FAST, ALL and FULL.',
     [S, *ILOGIN, *ISELECT, 'a3 FETCH 1 (BODYSTRUCTURE INTERNALDATE)', S, 'a4 FETCH 2 FAST', S, 'a5 FETCH 3 ALL', S, 'a6 FETCH 3 FULL', S, 'a7 LOGOUT', S])
imap('imap-fetch-partial',
     'Partial fetches: BODY.PEEK[]<0.20> returns the first 20 octets, as BODY[]<0>; BODY.PEEK[TEXT]<5.10> a slice of the body.',
     [S, *ILOGIN, *ISELECT, 'a3 FETCH 1 BODY.PEEK[]<0.20>', S, 'a4 FETCH 1 BODY.PEEK[TEXT]<5.10>', S, 'a5 FETCH 1 BODY.PEEK[HEADER.FIELDS (FROM SUBJECT)]', S, 'a6 LOGOUT', S])
imap('imap-uid-fetch-uid-search',
     'UID FETCH and UID SEARCH use UIDs instead of sequence numbers (here 1..3, the same); UID FETCH always includes UID, a UID that does not exist just gives OK with no data.',
     [S, *ILOGIN, *ISELECT, 'a3 UID FETCH 1:* FLAGS', S, 'a4 UID SEARCH ALL', S, 'a5 UID FETCH 2 BODY.PEEK[HEADER.FIELDS (FROM)]', S,
      'a6 UID SEARCH FROM carol', S, 'a7 UID FETCH 9 FLAGS', S, 'a8 LOGOUT', S])
imap('imap-search-flags',
     'SEARCH UNSEEN / SEEN / DELETED / FLAGGED / NEW / RECENT while flags are changed with STORE.',
     [S, *ILOGIN, *ISELECT, 'a3 SEARCH UNSEEN', S, 'a4 STORE 1 +FLAGS (\\Seen)', S, 'a5 SEARCH SEEN', S, 'a6 SEARCH UNSEEN', S,
      'a7 STORE 2 +FLAGS (\\Deleted)', S, 'a8 SEARCH DELETED', S, 'a9 SEARCH FLAGGED', S, 'b1 SEARCH NEW', S, 'b2 SEARCH RECENT', S, 'b3 LOGOUT', S])
imap('imap-search-text-body-date',
     'SEARCH TEXT / BODY / SINCE / BEFORE / OR / NOT / LARGER / SUBJECT / SENTSINCE: SINCE and BEFORE compare the internal date (the mbox From line, 1 Jan 2024 for all three), SENTSINCE the Date header; no match gives an empty * SEARCH.',
     [S, *ILOGIN, *ISELECT, 'a3 SEARCH TEXT lunch', S, 'a4 SEARCH BODY "IMAP lab"', S, 'a5 SEARCH SINCE 2-Jan-2024', S,
      'a6 SEARCH BEFORE 2-Jan-2024', S, 'a7 SEARCH OR FROM bob FROM carol', S, 'a8 SEARCH NOT FROM bob', S, 'a9 SEARCH LARGER 250', S,
      'b1 SEARCH SUBJECT nosuchword', S, 'b2 SEARCH SENTSINCE 2-Jan-2024', S, 'b3 LOGOUT', S])
imap('imap-store-flags-silent',
     'STORE +FLAGS, -FLAGS, FLAGS (replace) and +FLAGS.SILENT (no untagged FETCH); a keyword flag.',
     [S, *ILOGIN, *ISELECT, 'a3 STORE 1 +FLAGS (\\Flagged \\Seen)', S, 'a4 STORE 1 -FLAGS (\\Seen)', S, 'a5 STORE 1 +FLAGS.SILENT (\\Answered)', S,
      'a6 STORE 2 FLAGS (\\Draft)', S, 'a7 STORE 3 +FLAGS ($Important)', S, 'a8 FETCH 1:3 FLAGS', S, 'a9 LOGOUT', S])
imap('imap-close-expunges',
     'CLOSE expunges the \\Deleted messages silently (no untagged EXPUNGE) and leaves the selected state.',
     [S, *ILOGIN, *ISELECT, 'a3 STORE 3 +FLAGS (\\Deleted)', S, 'a4 CLOSE', S, 'a5 FETCH 1 FLAGS', S, 'a6 SELECT INBOX', S, 'a7 LOGOUT', S])
imap('imap-unselect-keeps-deleted',
     'UNSELECT leaves the mailbox without expunging: the \\Deleted message is still there when selected again.',
     [S, *ILOGIN, *ISELECT, 'a3 STORE 3 +FLAGS (\\Deleted)', S, 'a4 UNSELECT', S, 'a5 SELECT INBOX', S, 'a6 FETCH 3 FLAGS', S, 'a7 LOGOUT', S])
imap('imap-noop',
     'NOOP before login, after login and with a mailbox selected.',
     [S, 'a1 NOOP', S, 'a2 LOGIN alice wonderland', S, 'a3 NOOP', S, 'a4 SELECT INBOX', S, 'a5 NOOP', S, 'a6 LOGOUT', S])
imap('imap-list-status',
     'LIST "" "*" and LIST "" "" (the hierarchy delimiter), STATUS of INBOX with several items.',
     [S, *ILOGIN, 'a2 LIST "" "*"', S, 'a3 LIST "" ""', S, 'a4 STATUS INBOX (MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN)', S,
      'a5 STATUS Archive (MESSAGES)', S, 'a6 LSUB "" "*"', S, 'a7 LOGOUT', S])
imap('imap-create-delete',
     'CREATE a mailbox, LIST shows it, CREATE again fails with [ALREADYEXISTS], DELETE it, DELETE again and DELETE INBOX fail. (A new mailbox\'s UIDVALIDITY is the time of its creation, so SELECT of it is left out.)',
     [S, *ILOGIN, 'a2 CREATE Archive', S, 'a3 LIST "" "*"', S, 'a4 CREATE Archive', S, 'a5 STATUS Archive (MESSAGES UIDNEXT)', S,
      'a6 DELETE Archive', S, 'a7 DELETE Archive', S, 'a8 DELETE INBOX', S, 'a9 LIST "" "*"', S, 'b1 LOGOUT', S])
SAVED = ['Return-Path: <dave@example.org>\nFrom: Dave <dave@example.org>\nTo: alice@example.com\nSubject: Kept for later\n'
         'Date: Fri, 29 Dec 2023 16:00:00 +0000\nMessage-ID: <kept-1@example.org>\n\nSaved message.\n']
imap('imap-copy-to-folder',
     'COPY a message into another mailbox (alice\'s mbox ~/mail/Saved, one message): UIDPLUS answers with [COPYUID uidvalidity source-uid dest-uid]; a bad set and a missing mailbox ([TRYCREATE]).',
     [S, *ILOGIN, 'a2 LIST "" "*"', S, 'a3 SELECT INBOX', S, 'a4 COPY 2 Saved', S, 'a5 STATUS Saved (MESSAGES UIDNEXT)', S, 'a6 COPY 9 Saved', S,
      'a7 COPY 1 Nosuch', S, 'a8 EXAMINE Saved', S, 'a9 FETCH 1:* (UID BODY.PEEK[HEADER.FIELDS (SUBJECT)])', S, 'b1 LOGOUT', S],
     folders={'alice/Saved': SAVED})
imap('imap-unknown-command-after-login',
     'An unknown command and a bad argument after login get tagged BAD replies; the session goes on.',
     [S, *ILOGIN, 'a2 FOO', S, 'a3 SELECT', S, 'a4 NOOP', S, 'a5 LOGOUT', S])
imap('imap-unknown-command-before-login',
     'Before login Dovecot tolerates few bad commands: two unknown commands get "BAD Error in IMAP command received by server.", the third gets * BYE Too many invalid IMAP commands. and the connection is closed.',
     [S, 'a1 FOO', S, 'a2 BAR', S, 'a3 BAZ', S, 'a4 QUX', S, 'a5 LOGOUT', S])
imap('imap-bad-tag-no-tag-unknown-command',
     'Malformed commands before login: a tag alone gets "a1 BAD Error in IMAP command received by server.", a command without a tag a BAD with a hint about tags, an invalid tag (a+2) an untagged * BAD; then the next bad command ends the session with * BYE Too many invalid IMAP commands.',
     [S, 'a1', S, 'LOGIN alice wonderland', S, 'a+2 NOOP', S, 'a3 FOO', S, 'a4 LOGOUT', S])
imap('imap-unbalanced-parentheses',
     'Unbalanced parentheses and other syntax errors after login: BAD replies, the session goes on.',
     [S, *ILOGIN, *ISELECT, 'a3 FETCH 1 (FLAGS', S, 'a4 FETCH 1 FLAGS)', S, 'a5 FETCH x FLAGS', S, 'a6 FETCH 1 FOO', S, 'a7 STORE 1 +FLAGS (\\Bogus)', S,
      'a8 LOGOUT', S])
imap('imap-commands-before-login',
     'SELECT, LIST and FETCH before LOGIN: BAD Error in IMAP command received by server.; after a few bad commands Dovecot says * BYE Too many invalid IMAP commands. and hangs up.',
     [S, 'a1 SELECT INBOX', S, 'a2 LIST "" "*"', S, 'a3 FETCH 1 FLAGS', S, 'a4 LOGOUT', S])
imap('imap-commands-without-selected-mailbox',
     'FETCH, SEARCH, STORE and EXPUNGE after login but before SELECT: No mailbox selected.',
     [S, *ILOGIN, 'a2 FETCH 1 FLAGS', S, 'a3 SEARCH ALL', S, 'a4 STORE 1 +FLAGS (\\Seen)', S, 'a5 EXPUNGE', S, 'a6 CLOSE', S, 'a7 LOGOUT', S])
imap('imap-logout-before-login',
     'LOGOUT right after the greeting: * BYE, then the tagged OK.',
     [S, 'a1 LOGOUT', S])
imap('imap-id',
     'ID (RFC 2971) before login: the client tells its name, Dovecot answers with its own.',
     [S, 'a1 ID ("name" "student-client" "version" "1.0")', S, 'a2 ID NIL', S, 'a3 LOGOUT', S])
imap('imap-capability-after-login',
     'CAPABILITY after login lists the full set of post-login capabilities.',
     [S, *ILOGIN, 'a2 CAPABILITY', S, 'a3 LOGOUT', S])
imap('imap-lowercase-commands',
     'IMAP command names are case-insensitive; the tagged reply keeps the client\'s tag.',
     [S, 'x1 login alice wonderland', S, 'x2 select inbox', S, 'x3 fetch 1 (flags)', S, 'x4 logout', S])

# ---------------------------------------------------------------------------------------------------
# DNS (BIND 9.18 with the lab zones; dig, nslookup and host as a student types them)
# ---------------------------------------------------------------------------------------------------
dns('dns-dig-a', 'Full dig output for an A record: header, OPT pseudosection with the cookie, question, answer and statistics.', 'dig mail.example.com')
dns('dns-dig-mx', 'dig of the two MX records of example.net.', 'dig example.net MX')
dns('dns-dig-txt-two-strings', 'dig of a TXT record made of two strings: both are printed quoted on one line.', 'dig b.example.net TXT')
dns('dns-dig-ns', 'dig NS example.com: the authoritative name server.', 'dig NS example.com')
dns('dns-dig-soa', 'dig SOA example.com: the start of authority record with serial and timers.', 'dig SOA example.com')
dns('dns-dig-aaaa', 'dig AAAA of a name that has both A and AAAA records.', 'dig AAAA mail.example.com')
dns('dns-dig-nxdomain', 'dig of a name that does not exist: status NXDOMAIN, the SOA in the authority section.', 'dig nosuch.example.com')
dns('dns-dig-nodata', 'dig of a type the name does not have (MX of mail.example.com): NOERROR with no answer (NODATA).', 'dig MX mail.example.com')
dns('dns-dig-reverse', 'dig -x 127.0.0.2: the PTR record in 0.0.127.in-addr.arpa.', 'dig -x 127.0.0.2')
dns('dns-dig-cname', 'dig of www.example.com: the CNAME and the A record it points to.', 'dig www.example.com')
dns('dns-dig-short-several-types', 'dig +short with several queries on one command line: A, AAAA, TXT, NS, SOA and a CNAME chain.',
    'dig +short mail.example.com A mail.example.com AAAA b.example.net TXT example.com NS example.com SOA www.example.com A')
dns('dns-dig-short-nxdomain', 'dig +short of a name that does not exist prints nothing at all.', 'dig +short nosuch.example.com')
dns('dns-dig-noall-answer', 'dig +noall +answer prints only the answer section lines.', 'dig +noall +answer example.net MX')
dns('dns-dig-at-server', 'dig @127.0.0.1 asks that server directly (here the same one as in resolv.conf).', 'dig @127.0.0.1 example.com TXT')
dns('dns-dig-any', 'dig ANY example.com: BIND answers with every record of the name; dig 9.18 sends ANY queries over TCP (the SERVER line says TCP).', 'dig example.com ANY')
dns('dns-dig-outside-lab-zones', 'dig of a name outside the lab zones: NXDOMAIN from the stub root zone.', 'dig www.google.com')
dns('dns-nslookup-aaaa', 'nslookup -type=aaaa prints "has AAAA address".', 'nslookup -type=aaaa mail.example.com')
dns('dns-nslookup-ns', 'nslookup -q=ns: nameserver = ...', 'nslookup -q=ns example.com')
dns('dns-nslookup-soa', 'nslookup -q=soa: origin, mail addr, serial and the timers, one per line.', 'nslookup -q=soa example.com')
dns('dns-nslookup-ptr', 'nslookup -q=ptr of an in-addr.arpa name.', 'nslookup -q=ptr 2.0.0.127.in-addr.arpa')
dns('dns-nslookup-cname-type', 'nslookup -q=cname www.example.com: canonical name = ...', 'nslookup -q=cname www.example.com')
dns('dns-nslookup-reverse-address', 'nslookup of an IP address does a reverse (PTR) lookup: "9.0.0.127.in-addr.arpa<TAB>name = ..."; in this form nslookup prints no Server:/Address: lines.', 'nslookup 127.0.0.9')
dns('dns-nslookup-cname-follow', 'nslookup of a CNAME: canonical name = ..., then the addresses of the target.', 'nslookup www.example.com')
dns('dns-nslookup-txt-two-strings', 'nslookup -q=txt of a TXT record with two strings.', 'nslookup -q=txt b.example.net')
dns('dns-nslookup-ipv6-only', 'nslookup of a name that has only an AAAA record.', 'nslookup ipv6only.example.net')
dns('dns-nslookup-mx-example-net', 'nslookup -q=mx with two mail exchangers.', 'nslookup -q=mx example.net')
dns('dns-nslookup-outside-lab-zones', 'nslookup of a name outside the lab zones: NXDOMAIN from the root.', 'nslookup www.google.com')
dns('dns-nslookup-domain-without-a', 'nslookup of example.net, which has MX but no A record: no answer.', 'nslookup example.net')
dns('dns-host-name', 'host mail.example.com: "has address" and "has IPv6 address" (and mail exchangers when there are any).', 'host mail.example.com')
dns('dns-host-domain', 'host example.com: "has address" and "mail is handled by" lines (example.com has no AAAA record, so no IPv6 line).', 'host example.com')
dns('dns-host-mx', 'host -t mx example.net: "mail is handled by".', 'host -t mx example.net')
dns('dns-host-txt', 'host -t txt of a TXT record with two strings: "descriptive text".', 'host -t txt b.example.net')
dns('dns-host-reverse', 'host of an address: "domain name pointer".', 'host 127.0.0.2')
dns('dns-host-nxdomain', 'host of a name that does not exist: not found: 3(NXDOMAIN), exit status 1.', 'host nosuch.example.com')
dns('dns-host-cname', 'host www.example.com: "is an alias for" and the target\'s addresses.', 'host www.example.com')
dns('dns-host-verbose-ns', 'host -v -t ns: dig-like sections.', 'host -v -t ns example.com')
dns('dns-no-server-dig', 'No DNS server at all (nothing on 127.0.0.1:53): dig prints "communications error ... connection refused" three times, then "no servers could be reached", exit status 9.', 'dig mail.example.com', servers='none')
dns('dns-no-server-nslookup', 'No DNS server at all: nslookup prints three "connection refused" lines and "no servers could be reached", exit status 1.', 'nslookup mail.example.com', servers='none')
dns('dns-no-server-host', 'No DNS server at all: host prints two "connection refused" lines and "no servers could be reached", exit status 1.', 'host mail.example.com', servers='none')
dns('dns-silent-server-dig', 'A name server that never answers (down or unreachable): dig +tries=1 +time=2 prints "communications error to 127.0.0.1#53: timed out" and "no servers could be reached", exit status 9.',
    'dig +tries=1 +time=2 mail.example.com', servers='silent')
dns('dns-silent-server-nslookup', 'A name server that never answers: nslookup -timeout=2 -retry=1 prints "timed out" and "no servers could be reached", exit status 1.', 'nslookup -timeout=2 -retry=1 mail.example.com', servers='silent')


# ===================================================================================================
# Second corpus (tests/conformance/recorded2): a held-out set in areas the first one does not cover —
# virtual domains, local delivery options, rewriting, content checks, transports, more restrictions,
# the submission port, SASL in more shapes, more POP3/IMAP commands and richer DNS zones.
# ===================================================================================================
CURRENT = 'recorded2'


def master_cf_with(*service_lines):
    """Debian's master.cf with service entries added after the smtp line, as a student edits it."""
    lines = T['master_cf'].split('\n')
    at = next(i for i, l in enumerate(lines) if l.startswith('smtp      inet'))
    return '\n'.join(lines[:at + 1] + list(service_lines) + lines[at + 1:])


def msg_again(*lines):
    """A second transaction from carol to alice in the same session."""
    return ['MAIL FROM:<carol@example.org>', S, 'RCPT TO:<alice@mail.example.com>', S, *msg(*lines)]


SUBMISSION_MASTER = master_cf_with(
    'submission inet n       -       y       -       -       smtpd',
    '  -o syslog_name=postfix/submission',
    '  -o smtpd_sasl_auth_enable=yes',
    '  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject')

# virtual mailboxes under the home of a vmail account (uid/gid 5000), MySQL-style users in a hash map
VMAIL_CF = {'virtual_mailbox_domains': 'example.org', 'virtual_mailbox_base': '/home/vmail',
            'virtual_mailbox_maps': 'hash:/etc/postfix/vmailbox', 'virtual_uid_maps': 'static:5000',
            'virtual_gid_maps': 'static:5000'}
VMAIL_MAP = {'/etc/postfix/vmailbox': 'alice@example.org example.org/alice\nbob@example.org example.org/bob/\n'
                                      'carol@example.org example.org/carol/\n'}
VMAIL_ACCOUNTS = ('root', 'alice', 'ansible', 'bob', 'vmail')
VMAIL_MAP_MAILDIR = {'/etc/postfix/vmailbox': 'alice@example.org example.org/alice/\nbob@example.org example.org/bob/\n'}
VALIAS_CF = {'virtual_alias_domains': 'example.org', 'virtual_alias_maps': 'hash:/etc/postfix/virtual'}
VALIAS_MAP = {'/etc/postfix/virtual': 'info@example.org alice\nsales@example.org bob@example.net\n'
                                      'team@example.org alice, bob\n'}

# -- virtual mailbox domains ------------------------------------------------------------------------
smtp('smtp-virtual-mailbox-mbox',
     'virtual_mailbox_domains with a hash virtual_mailbox_maps: alice@example.org is the mbox example.org/alice under virtual_mailbox_base, but /home/vmail/example.org does not exist: virtual(8) cannot make the lock file and defers the mail (it creates directories only for Maildir).',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<alice@example.org>', S, *msg('Subject: virtual', '', 'to a virtual mailbox'), *QUIT],
     cf=VMAIL_CF, maps=VMAIL_MAP, accounts=VMAIL_ACCOUNTS)
smtp('smtp-virtual-mailbox-mbox-domain-directory',
     'A virtual mbox whose domain directory exists (made by vmail): virtual(8) creates the mbox file /home/vmail/example.org/alice and delivers (delivered to mailbox).',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<alice@example.org>', S, *msg('Subject: virtual', '', 'to a virtual mbox'), *QUIT],
     cf=VMAIL_CF, maps=VMAIL_MAP, accounts=VMAIL_ACCOUNTS, files={'/home/vmail/example.org/README': 'mailboxes of example.org\n'})
smtp('smtp-virtual-mailbox-maildir',
     'A virtual_mailbox_maps entry ending in "/" is a Maildir: bob@example.org and carol@example.org get a file each in their new/ directory.',
     [S, *HELO, 'MAIL FROM:<dave@example.net>', S, 'RCPT TO:<bob@example.org>', S, 'RCPT TO:<carol@example.org>', S,
      *msg('Subject: maildir', '', 'one file per message'), *QUIT],
     cf=VMAIL_CF, maps=VMAIL_MAP, accounts=VMAIL_ACCOUNTS)
smtp('smtp-virtual-mailbox-unknown-user',
     'From a client outside mynetworks: a virtual mailbox address is accepted without relay permission, an unknown one gets 550 5.1.1 User unknown in virtual mailbox table.',
     [S, *HELO, 'MAIL FROM:<dave@example.net>', S, 'RCPT TO:<nosuch@example.org>', S, 'RCPT TO:<alice@example.org>', S,
      'RCPT TO:<alice@mail.example.com>', S, *QUIT],
     cf=VMAIL_CF, maps=VMAIL_MAP, accounts=VMAIL_ACCOUNTS, client='127.0.0.5')
smtp('smtp-virtual-mailbox-with-aliases',
     'virtual_alias_maps in front of virtual mailboxes: postmaster@ and a list address expand to virtual mailbox addresses, delivered to their Maildirs by virtual(8).',
     [S, *HELO, 'MAIL FROM:<dave@example.net>', S, 'RCPT TO:<postmaster@example.org>', S, 'RCPT TO:<all@example.org>', S,
      *msg('Subject: to everybody', '', 'aliases of virtual users'), *QUIT],
     cf={**VMAIL_CF, 'virtual_alias_maps': 'hash:/etc/postfix/virtual'},
     maps={**VMAIL_MAP_MAILDIR, '/etc/postfix/virtual': 'postmaster@example.org alice@example.org\nall@example.org alice@example.org, bob@example.org\n'},
     accounts=VMAIL_ACCOUNTS)
smtp('smtp-virtual-mailbox-wrong-uid',
     'virtual_uid_maps = static:1001 (alice) while /home/vmail belongs to vmail: virtual(8) cannot create the Maildir ("maildir access problem ... perhaps you need to create the maildirs in advance") and defers the mail.',
     [S, *HELO, 'MAIL FROM:<dave@example.net>', S, 'RCPT TO:<alice@example.org>', S, *msg('Subject: permissions', '', 'no way in'), *QUIT],
     cf={**VMAIL_CF, 'virtual_uid_maps': 'static:1001', 'virtual_gid_maps': 'static:1001'}, maps=VMAIL_MAP_MAILDIR, accounts=VMAIL_ACCOUNTS)
smtp('smtp-virtual-mailbox-domain-also-in-mydestination',
     'A domain listed in both mydestination and virtual_mailbox_domains: trivial-rewrite warns "do not list domain example.org in BOTH mydestination and virtual_mailbox_domains" and local(8) delivers alice@example.org to the Unix user alice.',
     [S, *HELO, 'MAIL FROM:<dave@example.net>', S, 'RCPT TO:<alice@example.org>', S, *msg('Subject: both', '', 'which one?'), *QUIT],
     cf={**VMAIL_CF, 'mydestination': '$myhostname, localhost.$mydomain, localhost, example.org'}, maps=VMAIL_MAP, accounts=VMAIL_ACCOUNTS)
smtp('smtp-virtual-mailbox-recipient-delimiter',
     'recipient_delimiter = + with virtual mailboxes: alice+news@example.org is found under alice@example.org and delivered to her Maildir (Delivered-To keeps the extension).',
     [S, *HELO, 'MAIL FROM:<dave@example.net>', S, 'RCPT TO:<alice+news@example.org>', S, *msg('Subject: tagged', '', 'extension'), *QUIT],
     cf={**VMAIL_CF, 'recipient_delimiter': '+'}, maps=VMAIL_MAP_MAILDIR, accounts=VMAIL_ACCOUNTS)

# -- virtual alias domains -------------------------------------------------------------------------
smtp('smtp-virtual-alias-domain',
     'virtual_alias_domains = example.org: info@ goes to the local user alice, sales@ to a remote address, team@ to two users.',
     [S, *HELO, 'MAIL FROM:<dave@example.net>', S, 'RCPT TO:<info@example.org>', S, 'RCPT TO:<sales@example.org>', S,
      'RCPT TO:<team@example.org>', S, *msg('Subject: virtual aliases', '', 'three addresses'), *QUIT],
     cf=VALIAS_CF, maps=VALIAS_MAP, dns=True, peers=True)
smtp('smtp-virtual-alias-domain-unknown',
     'An address of a virtual alias domain that the map does not list: 550 5.1.1 User unknown in virtual alias table.',
     [S, *HELO, 'MAIL FROM:<dave@example.net>', S, 'RCPT TO:<nobody@example.org>', S, 'RCPT TO:<info@example.org>', S, *QUIT],
     cf=VALIAS_CF, maps=VALIAS_MAP, client='127.0.0.5')
smtp('smtp-virtual-alias-catchall',
     'A catch-all "@example.org alice" in virtual_alias_maps: any address of the domain is delivered to alice; an exact entry wins.',
     [S, *HELO, 'MAIL FROM:<dave@example.net>', S, 'RCPT TO:<whoever@example.org>', S, 'RCPT TO:<bob@example.org>', S,
      *msg('Subject: catch-all', '', 'anything goes'), *QUIT],
     cf=VALIAS_CF, maps={'/etc/postfix/virtual': 'bob@example.org bob\n@example.org alice\n'})
smtp('smtp-virtual-alias-maps-local-domain',
     'virtual_alias_maps also rewrites local addresses: an entry for alice@mail.example.com sends her mail to bob, and a bare "helpdesk" key works for the local domain.',
     [S, *HELO, 'MAIL FROM:<dave@example.net>', S, 'RCPT TO:<alice@mail.example.com>', S, 'RCPT TO:<helpdesk@mail.example.com>', S,
      *msg('Subject: rewritten', '', 'virtual alias on a local domain'), *QUIT],
     cf={'virtual_alias_maps': 'hash:/etc/postfix/virtual'},
     maps={'/etc/postfix/virtual': 'alice@mail.example.com bob\nhelpdesk ansible\n'})

# -- local delivery --------------------------------------------------------------------------------
smtp('smtp-home-mailbox-maildir',
     'home_mailbox = Maildir/: local(8) delivers into ~/Maildir/new/ (no "From " line); /var/mail stays empty.',
     [S, *HELO, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<alice@mail.example.com>', S, 'RCPT TO:<bob@mail.example.com>', S,
      *msg('Subject: maildir', '', 'in the home directory'), *QUIT], cf={'home_mailbox': 'Maildir/'})
smtp('smtp-home-mailbox-mbox-file',
     'home_mailbox = Mailbox: local(8) appends to the mbox file ~/Mailbox instead of /var/mail/USER.',
     [S, *HELO, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<alice@mail.example.com>', S,
      *msg('Subject: mbox in home', '', 'in ~/Mailbox'), *QUIT], cf={'home_mailbox': 'Mailbox'})
smtp('smtp-forward-file-keep-copy',
     'A ~/.forward with "\\alice, bob": alice keeps a copy in her mailbox and the mail is forwarded to bob as a new message.',
     [S, *HELO, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<alice@mail.example.com>', S,
      *msg('Subject: forwarded', '', 'via .forward'), *QUIT], files={'/home/alice/.forward': '\\alice, bob\n'})
smtp('smtp-forward-file-to-file',
     'A ~/.forward naming a file: local(8) appends the mail to /home/bob/saved.mbox as bob.',
     [S, *HELO, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<bob@mail.example.com>', S,
      *msg('Subject: to a file', '', 'kept in a file'), *QUIT], files={'/home/bob/.forward': '/home/bob/saved.mbox\n'})
smtp('smtp-alias-pipe-command',
     'An alias to a command ("|/bin/cat >/dev/null"): local(8) pipes the mail into it, "delivered to command".',
     [S, *HELO, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<robot@mail.example.com>', S,
      *msg('Subject: for the robot', '', 'process me'), *QUIT], aliases='postmaster: root\nrobot: "|/bin/cat >/dev/null"\n')
smtp('smtp-alias-pipe-command-fails',
     'An alias to a command that exits with status 1 (|/bin/false): the mail bounces, "Command died with status 1".',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<broken@mail.example.com>', S,
      *msg('Subject: to a failing command', '', 'fails'), *QUIT], aliases='postmaster: root\nbroken: |/bin/false\n')
smtp('smtp-alias-pipe-command-tempfail',
     'An alias to a command that exits with status 75 (EX_TEMPFAIL): the mail is deferred (4.3.0 temporary failure), not bounced.',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<later@mail.example.com>', S,
      *msg('Subject: try later', '', 'temporary'), *QUIT], aliases='postmaster: root\nlater: "|exit 75"\n')
smtp('smtp-alias-file-permission-denied',
     'An alias to a file the default_privs user (nobody) may not create (/var/log/archive.mbox): local(8) cannot make the lock file and bounces the mail (5.2.0 cannot append message to file ... Permission denied).',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<archive@mail.example.com>', S,
      *msg('Subject: archive me', '', 'into a file'), *QUIT], aliases='postmaster: root\narchive: /var/log/archive.mbox\n')
smtp('smtp-alias-commands-restricted',
     'allow_mail_to_commands = forward: an alias that pipes to a command is refused by local(8) (5.7.1 mail to command is restricted) and the mail bounces.',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<robot@mail.example.com>', S,
      *msg('Subject: no commands', '', 'restricted'), *QUIT],
     cf={'allow_mail_to_commands': 'forward'}, aliases='postmaster: root\nrobot: |/bin/true\n')
smtp('smtp-alias-owner-gets-bounces',
     'A list alias with an owner- alias: the list is sent on as a new message from owner-staff, so the bounce for its unknown member goes to owner-staff (ansible), not to the sender.',
     [S, *HELO, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<staff@mail.example.com>', S,
      *msg('Subject: staff list', '', 'to the list'), *QUIT],
     aliases='postmaster: root\nstaff: alice, nosuchuser\nowner-staff: ansible\n')
smtp('smtp-alias-nested',
     'Nested aliases: all -> team1, team2; team1 -> alice, bob; team2 -> ansible, team1. Each user gets the mail once.',
     [S, *HELO, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<all@mail.example.com>', S,
      *msg('Subject: everybody', '', 'nested lists'), *QUIT],
     aliases='postmaster: root\nall: team1, team2\nteam1: alice, bob\nteam2: ansible, team1\n')
smtp('smtp-alias-with-recipient-delimiter',
     'recipient_delimiter = + and an alias: staff+urgent@ is found under staff and expanded.',
     [S, *HELO, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<staff+urgent@mail.example.com>', S,
      *msg('Subject: urgent', '', 'to the list with an extension'), *QUIT],
     cf={'recipient_delimiter': '+'}, aliases='postmaster: root\nstaff: alice, bob\n')
smtp('smtp-luser-relay',
     'luser_relay = alice with local_recipient_maps empty: mail for an unknown local user is delivered to alice.',
     [S, *HELO, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<nosuchuser@mail.example.com>', S,
      *msg('Subject: lost', '', 'who gets this?'), *QUIT], cf={'luser_relay': 'alice', 'local_recipient_maps': ''})
smtp('smtp-message-size-limit-two-recipients',
     'message_size_limit = 1000 counts the queue file (envelope records, headers and body): even a short message to two recipients is refused at the end of DATA with 552 5.3.4 Error: message file too big (cleanup: queue file size limit exceeded).',
     [S, *HELO, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<alice@mail.example.com>', S, 'RCPT TO:<bob@mail.example.com>', S,
      *msg('Subject: one more', '', 'does it fit?'), *QUIT],
     cf={'mailbox_size_limit': '1200', 'message_size_limit': '1000'}, mailboxes={'alice': T['mailbox_alice']})
smtp('smtp-message-size-limit-one-line',
     'message_size_limit = 1000: even a one-line message to one recipient is over the limit once written to the queue file: 552 5.3.4 Error: message file too big.',
     [S, *HELO, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<bob@mail.example.com>', S, *msg('x'), *QUIT],
     cf={'message_size_limit': '1000'})
smtp('smtp-mailbox-size-limit',
     "mailbox_size_limit = message_size_limit = 1300 and alice's mailbox already holds about 1000 bytes: bob gets the message, alice's copy bounces (5.2.2 cannot update mailbox ... File too large), and the bounce itself is over message_size_limit: cleanup refuses it and qmgr defers the mail (bounce failed).",
     [S, *HELO, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<alice@mail.example.com>', S, 'RCPT TO:<bob@mail.example.com>', S,
      *msg('Subject: one more', '', 'does it fit?'), *QUIT],
     cf={'mailbox_size_limit': '1300', 'message_size_limit': '1300'}, mailboxes={'alice': T['mailbox_alice']})
smtp('smtp-mailbox-size-limit-below-message-size-limit',
     'mailbox_size_limit = 1000 below the default message_size_limit: smtpd accepts the mail, local(8) dies with "fatal: configuration error: mailbox_size_limit is smaller than message_size_limit" and master throttles it; the mail stays in the queue.',
     [S, *HELO, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<bob@mail.example.com>', S, *msg('Subject: local', '', 'misconfigured'), *QUIT],
     cf={'mailbox_size_limit': '1000'})

# -- rewriting -------------------------------------------------------------------------------------
smtp('smtp-sender-canonical-maps',
     'sender_canonical_maps: alice@mail.example.com becomes alice.liddell@example.com in the envelope (Return-Path) and in the From: header.',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@mail.example.com>', S,
      *msg('From: alice@mail.example.com', 'To: bob@mail.example.com', 'Subject: canonical', '', 'who am I?'), *QUIT],
     cf={'sender_canonical_maps': 'hash:/etc/postfix/sender_canonical'},
     maps={'/etc/postfix/sender_canonical': 'alice@mail.example.com alice.liddell@example.com\n'})
smtp('smtp-recipient-canonical-maps',
     'recipient_canonical_maps: info@mail.example.com is rewritten to bob; smtpd accepts the address because the canonical map lists it.',
     [S, *HELO, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<info@mail.example.com>', S,
      *msg('To: info@mail.example.com', 'Subject: to info', '', 'canonical recipient'), *QUIT],
     cf={'recipient_canonical_maps': 'hash:/etc/postfix/recipient_canonical'},
     maps={'/etc/postfix/recipient_canonical': 'info@mail.example.com bob@mail.example.com\n'})
smtp('smtp-masquerade-domains',
     'masquerade_domains = example.com: the sender alice@mail.example.com is masqueraded as alice@example.com in the envelope and the headers.',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@mail.example.com>', S,
      *msg('From: alice@mail.example.com', 'To: bob@mail.example.com', 'Subject: masquerade', '', 'hidden host name'), *QUIT],
     cf={'masquerade_domains': 'example.com'})
smtp('smtp-always-bcc',
     'always_bcc = ansible@mail.example.com: every message also goes to ansible.',
     [S, *HELO, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<alice@mail.example.com>', S,
      *msg('Subject: copied', '', 'archived by always_bcc'), *QUIT], cf={'always_bcc': 'ansible@mail.example.com'})
smtp('smtp-percent-hack',
     'allow_percent_hack = yes (default): bob%example.net@mail.example.com is rewritten to bob@example.net and relayed.',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob%example.net@mail.example.com>', S,
      *msg('Subject: percent', '', 'old style routing'), *QUIT], dns=True, peers=True)
smtp('smtp-bang-path',
     'swap_bangpath = yes (default): the UUCP address example.net!bob becomes bob@example.net and is relayed.',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<example.net!bob>', S,
      *msg('Subject: bang', '', 'uucp style'), *QUIT], dns=True, peers=True)

# -- content checks --------------------------------------------------------------------------------
HC = '/etc/postfix/header_checks'
smtp('smtp-header-checks-reject',
     'header_checks REJECT on the Subject: cleanup logs "reject: header Subject: ..." and the client gets 550 5.7.1 with the text at the end of DATA.',
     [S, *HELO, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<alice@mail.example.com>', S,
      *msg('Subject: Free money now', '', 'click here'), *msg_again('Subject: hello', '', 'a normal message'), *QUIT],
     cf={'header_checks': f'regexp:{HC}'}, maps={HC: '/^Subject:.*free money/ REJECT Spam is not welcome here\n'})
smtp('smtp-header-checks-warn-discard-hold',
     'header_checks WARN (logged, delivered), DISCARD (accepted with 250, then dropped) and HOLD (kept in the hold queue), one message each.',
     [S, *HELO, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<alice@mail.example.com>', S, *msg('Subject: warn me', '', 'one'),
      'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<alice@mail.example.com>', S, *msg('Subject: discard me', '', 'two'),
      'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<alice@mail.example.com>', S, *msg('Subject: hold me', '', 'three'), *QUIT],
     cf={'header_checks': f'regexp:{HC}'},
     maps={HC: '/^Subject: warn/ WARN suspicious subject\n/^Subject: discard/ DISCARD not wanted\n/^Subject: hold/ HOLD for review\n'})
smtp('smtp-header-checks-prepend-replace-ignore',
     'header_checks that change headers: IGNORE removes X-Mailer, REPLACE rewrites the Subject, PREPEND adds a header before From.',
     [S, *HELO, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<alice@mail.example.com>', S,
      *msg('From: carol@example.org', 'X-Mailer: Spammer 1.0', 'Subject: report', '', 'body'), *QUIT],
     cf={'header_checks': f'regexp:{HC}'},
     maps={HC: '/^X-Mailer:/ IGNORE\n/^Subject: (.*)/ REPLACE Subject: [lesson] $1\n/^From:/ PREPEND X-Checked: yes\n'})
smtp('smtp-header-checks-redirect',
     'header_checks REDIRECT: a message whose Subject matches goes to ansible instead of its recipient.',
     [S, *HELO, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<alice@mail.example.com>', S,
      *msg('Subject: secret plans', '', 'for the admin'), *QUIT],
     cf={'header_checks': f'regexp:{HC}'}, maps={HC: '/^Subject: secret/ REDIRECT ansible@mail.example.com\n'})
smtp('smtp-body-checks',
     'body_checks: a body line with a forbidden word is rejected (550 5.7.1 at the end of DATA), a WARN rule only logs.',
     [S, *HELO, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<alice@mail.example.com>', S,
      *msg('Subject: offer', '', 'cheap viagra here'), *msg_again('Subject: note', '', 'the password is secret'), *QUIT],
     cf={'body_checks': 'regexp:/etc/postfix/body_checks'},
     maps={'/etc/postfix/body_checks': '/viagra/ REJECT Body contains a forbidden word\n/password/ WARN password in mail\n'})

# -- transports and relaying -----------------------------------------------------------------------
smtp('smtp-transport-maps-error',
     'transport_maps with "example.org error:TEXT": smtpd already refuses such a recipient at RCPT time (550 5.1.1 Recipient address rejected: TEXT); the other recipient is delivered.',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<dave@example.org>', S, 'RCPT TO:<bob@mail.example.com>', S,
      *msg('Subject: to example.org', '', 'not allowed'), *QUIT],
     cf={'transport_maps': 'hash:/etc/postfix/transport'},
     maps={'/etc/postfix/transport': 'example.org error:mail for example.org is not accepted here\n'})
smtp('smtp-transport-maps-discard',
     'transport_maps with "example.org discard:": the mail is accepted and silently dropped by discard(8).',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<dave@example.org>', S,
      *msg('Subject: into the void', '', 'gone'), *QUIT],
     cf={'transport_maps': 'hash:/etc/postfix/transport'}, maps={'/etc/postfix/transport': 'example.org discard:silently dropped\n'})
smtp('smtp-transport-maps-nexthop',
     'transport_maps with "example.org smtp:[127.0.0.2]:2525": the mail goes to that host and port, no MX lookup.',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<dave@example.org>', S,
      *msg('Subject: via transport', '', 'next hop'), *QUIT],
     cf={'transport_maps': 'hash:/etc/postfix/transport'}, maps={'/etc/postfix/transport': 'example.org smtp:[127.0.0.2]:2525\n'},
     dns=True, peers=True)
smtp('smtp-relay-recipient-maps',
     'relay_domains = example.net with relay_recipient_maps: a listed recipient is relayed for an outside client, another one gets 550 5.1.1 User unknown in relay recipient table.',
     [S, *HELO, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<dave@example.net>', S, 'RCPT TO:<bob@example.net>', S,
      *msg('Subject: relayed', '', 'to a known recipient'), *QUIT],
     cf={'relay_domains': 'example.net', 'relay_recipient_maps': 'hash:/etc/postfix/relay_recipients'},
     maps={'/etc/postfix/relay_recipients': 'bob@example.net OK\n'}, client='127.0.0.5', dns=True, peers=True)
smtp('smtp-relay-transport-nexthop',
     'relay_domains = example.net with relay_transport = relay:[127.0.0.2]:2525: mail for the relay domain goes to that next hop.',
     [S, *HELO, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<bob@example.net>', S, *msg('Subject: backup MX', '', 'relay'), *QUIT],
     cf={'relay_domains': 'example.net', 'relay_transport': 'relay:[127.0.0.2]:2525'}, client='127.0.0.5', dns=True, peers=True)
smtp('smtp-default-transport-error',
     'default_transport = error:TEXT (a host that must not send out): smtpd refuses remote recipients at RCPT time with 550 5.1.1 and that text; local mail is delivered.',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@example.net>', S, 'RCPT TO:<bob@mail.example.com>', S,
      *msg('Subject: out and in', '', 'two recipients'), *QUIT],
     cf={'default_transport': 'error:outgoing mail is disabled on this host'}, dns=True, peers=True)

# -- restrictions ----------------------------------------------------------------------------------
smtp('smtp-check-helo-access',
     'check_helo_access: a listed HELO name is rejected with the map\'s text (at RCPT time), an OK entry passes.',
     [S, 'HELO bad.example.org', S, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<alice@mail.example.com>', S,
      'HELO friendly.example.org', S, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<alice@mail.example.com>', S, *QUIT],
     cf={'smtpd_helo_required': 'yes', 'smtpd_helo_restrictions': 'check_helo_access hash:/etc/postfix/helo_access'},
     maps={'/etc/postfix/helo_access': 'bad.example.org REJECT You are not welcome here\nfriendly.example.org OK\n'}, client='127.0.0.5')
smtp('smtp-reject-unknown-helo-hostname',
     'reject_unknown_helo_hostname: a HELO name without an A or MX record gets 450 4.7.1 Host not found (at RCPT time); a resolvable one passes.',
     [S, 'HELO nowhere.example.com', S, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<alice@mail.example.com>', S,
      'HELO mx.example.net', S, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<alice@mail.example.com>', S, *QUIT],
     cf={'smtpd_helo_required': 'yes', 'smtpd_helo_restrictions': 'reject_unknown_helo_hostname'}, client='127.0.0.5', dns=True)
smtp('smtp-reject-unknown-client-hostname',
     'reject_unknown_client_hostname: a client without a PTR record (127.0.0.5) gets 450 4.7.25 Client host rejected: cannot find your hostname.',
     [S, *HELO, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<alice@mail.example.com>', S, *QUIT],
     cf={'smtpd_client_restrictions': 'reject_unknown_client_hostname'}, client='127.0.0.5', dns=True)
smtp('smtp-reject-unknown-client-hostname-known',
     'reject_unknown_client_hostname with a client whose PTR and A records agree (127.0.0.9, client.example.net): accepted.',
     [S, *HELO, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<alice@mail.example.com>', S, *QUIT],
     cf={'smtpd_client_restrictions': 'reject_unknown_client_hostname'}, client='127.0.0.9', dns=True)
smtp('smtp-check-client-access-cidr',
     'check_client_access cidr: a client inside a listed network (127.0.0.4/30) is rejected with the map\'s text.',
     [S, *HELO, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<alice@mail.example.com>', S, *QUIT],
     cf={'smtpd_client_restrictions': 'check_client_access cidr:/etc/postfix/client_access.cidr'},
     maps={'/etc/postfix/client_access.cidr': '127.0.0.4/30 REJECT Your network is blocked\n127.0.0.0/8 OK\n'}, client='127.0.0.5')
smtp('smtp-reject-unauth-pipelining',
     'smtpd_data_restrictions = reject_unauth_pipelining: a client that sent HELO (not EHLO) and pipelines MAIL, RCPT and DATA gets 503 5.5.0 <DATA>: Data command rejected: Improper use of SMTP command pipelining; smtpd logs "improper command pipelining after MAIL".',
     [S, *HELO, 'MAIL FROM:<carol@example.org>', 'RCPT TO:<alice@mail.example.com>', 'DATA', S, S, S, *QUIT],
     cf={'smtpd_data_restrictions': 'reject_unauth_pipelining'})
smtp('smtp-pipelining-whole-transaction',
     'After EHLO a client pipelines RSET, MAIL, three RCPTs (one unknown), DATA, then the message and QUIT: every reply comes back in order.',
     [S, *EHLO, 'RSET', 'MAIL FROM:<carol@example.org>', 'RCPT TO:<alice@mail.example.com>', 'RCPT TO:<nosuch@mail.example.com>',
      'RCPT TO:<bob@mail.example.com>', 'DATA', S, S, S, S, S, S, 'Subject: pipelined', '', 'all at once', '.', 'QUIT', S, S])
smtp('smtp-reject-footer',
     'smtpd_reject_footer: every 4xx/5xx reply becomes two lines, the second one the footer text with $client_address expanded.',
     [S, *HELO, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<nosuch@mail.example.com>', S, 'RCPT TO:<bob@example.net>', S,
      'BOGUS', S, *QUIT],
     cf={'smtpd_reject_footer': 'For help contact postmaster@example.com and quote your address $client_address.'}, client='127.0.0.5')
smtp('smtp-custom-banner',
     'smtpd_banner = $myhostname ESMTP Mail service ready (no $mail_name): the 220 greeting shows the custom text.',
     [S, *EHLO, *QUIT], cf={'smtpd_banner': '$myhostname ESMTP Mail service ready'})
smtp('smtp-hard-error-limit',
     'smtpd_soft_error_limit = 1 and smtpd_hard_error_limit = 3: after the third error the next command gets 421 4.7.0 mail.example.com Error: too many errors and Postfix hangs up.',
     [S, *HELO, 'BOGUS1', S, 'MAIL FROM:<bad address>', S, 'BOGUS3', S, 'NOOP', S],
     cf={'smtpd_soft_error_limit': '1', 'smtpd_hard_error_limit': '3'})
smtp('smtp-timeout',
     'smtpd_timeout = 3s: a client that says nothing after HELO gets 421 4.4.2 Error: timeout exceeded and is disconnected.',
     [S, *HELO, wait(15)], cf={'smtpd_timeout': '3s'})
smtp('smtp-vrfy-aliases-and-remote',
     'VRFY of an alias (252), of a remote address (252), of an address with a domain and of an unknown user (550 5.1.1).',
     [S, *HELO, 'VRFY staff', S, 'VRFY bob@example.net', S, 'VRFY <alice@mail.example.com>', S, 'VRFY nosuch@mail.example.com', S, *QUIT],
     aliases='postmaster: root\nstaff: alice, bob\n')
smtp('smtp-show-user-unknown-table-name-no',
     'show_user_unknown_table_name = no: an unknown local user gets 550 5.1.1 ... User unknown, without naming the table.',
     [S, *HELO, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<nosuch@mail.example.com>', S, 'VRFY nosuch', S, *QUIT],
     cf={'show_user_unknown_table_name': 'no'})
smtp('smtp-null-sender-access',
     'check_sender_access with a "<>" entry (smtpd_null_access_lookup_key): MAIL FROM:<> is rejected at RCPT time, a normal sender passes.',
     [S, *HELO, 'MAIL FROM:<>', S, 'RCPT TO:<alice@mail.example.com>', S, 'RSET', S, 'MAIL FROM:<carol@example.org>', S,
      'RCPT TO:<alice@mail.example.com>', S, *QUIT],
     cf={'smtpd_sender_restrictions': 'check_sender_access hash:/etc/postfix/sender_access'},
     maps={'/etc/postfix/sender_access': '<> REJECT No bounces accepted here\n'})
smtp('smtp-reject-unlisted-sender',
     'reject_unlisted_sender: a sender in a local domain that is not a local user is rejected (550 5.1.0 Sender address rejected: User unknown).',
     [S, *HELO, 'MAIL FROM:<nosuch@mail.example.com>', S, 'RCPT TO:<alice@mail.example.com>', S, 'RSET', S,
      'MAIL FROM:<bob@mail.example.com>', S, 'RCPT TO:<alice@mail.example.com>', S, *QUIT],
     cf={'smtpd_sender_restrictions': 'reject_unlisted_sender'})
smtp('smtp-smtputf8-disabled',
     'smtputf8_enable = no: EHLO does not offer SMTPUTF8, and MAIL FROM with the SMTPUTF8 parameter is refused.',
     [S, *EHLO, 'MAIL FROM:<alice@mail.example.com> SMTPUTF8', S, 'MAIL FROM:<josé@example.org>', S, 'RCPT TO:<alice@mail.example.com>', S, *QUIT],
     cf={'smtputf8_enable': 'no'})
smtp('smtp-strict-rfc821-envelopes',
     'strict_rfc821_envelopes = yes: an address without angle brackets is a syntax error (501 5.1.7 / 501 5.1.3 and a warning), while a space after the colon or after the address is still accepted.',
     [S, *HELO, 'MAIL FROM: <alice@mail.example.com>', S, 'RSET', S, 'MAIL FROM:alice@mail.example.com', S, 'MAIL FROM:<alice@mail.example.com>', S,
      'RCPT TO:bob@mail.example.com', S, 'RCPT TO:<bob@mail.example.com> ', S, 'RCPT TO: <bob@mail.example.com>', S, 'RCPT TO:<bob@mail.example.com>', S, *QUIT],
     cf={'strict_rfc821_envelopes': 'yes'})
smtp('smtp-transactions-with-rset-and-errors',
     'Three transactions in one session: one ended by RSET, one whose only recipient is rejected (DATA then gets 554 5.5.1 Error: no valid recipients), one delivered.',
     [S, *HELO, 'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<alice@mail.example.com>', S, 'RSET', S,
      'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<nosuch@mail.example.com>', S, 'DATA', S, 'RSET', S,
      'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<bob@mail.example.com>', S, *msg('Subject: third time', '', 'lucky'), *QUIT])

# -- the submission port (master.cf) and SASL --------------------------------------------------------
SUB_CF = {'smtpd_sasl_path': 'private/auth', 'smtpd_sasl_type': 'dovecot'}
smtp('smtp-submission-port-ehlo-and-denied',
     'The submission service on port 587 (master.cf -o smtpd_sasl_auth_enable=yes, smtpd_relay_restrictions=permit_sasl_authenticated,reject): EHLO offers AUTH, a recipient before AUTH is refused (554 5.7.1 Access denied); logs say postfix/submission/smtpd.',
     [S, *EHLO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@example.net>', S, 'RCPT TO:<bob@mail.example.com>', S, *QUIT],
     cf=SUB_CF, sasl='dovecot', master_cf=SUBMISSION_MASTER, port=587, client='127.0.0.5')
smtp('smtp-submission-port-auth-relay',
     'Port 587 after AUTH PLAIN: alice relays to example.net; the log shows postfix/submission/smtpd with sasl_username=alice.',
     [S, *EHLO, f'AUTH PLAIN {PLAIN_ALICE}', S, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@example.net>', S,
      *msg('Subject: submitted', '', 'via port 587'), *QUIT],
     cf=SUB_CF, sasl='dovecot', master_cf=SUBMISSION_MASTER, port=587, client='127.0.0.5', dns=True, peers=True)
smtp('smtp-submission-port-25-unchanged',
     'With the submission service in master.cf, port 25 keeps main.cf\'s settings: no AUTH in EHLO (smtpd_sasl_auth_enable is only set for 587).',
     [S, *EHLO, f'AUTH PLAIN {PLAIN_ALICE}', S, *QUIT],
     cf=SUB_CF, sasl='dovecot', master_cf=SUBMISSION_MASTER, client='127.0.0.5')
LOGIN_MAP = {'/etc/postfix/sender_login': 'alice@mail.example.com alice\nbob@mail.example.com bob\n'}
smtp('smtp-sender-login-mismatch',
     'smtpd_sender_login_maps with reject_sender_login_mismatch: alice may send as alice@, but MAIL FROM bob@ after logging in as alice is rejected (553 5.7.1 not owned by user alice).',
     [S, *EHLO, f'AUTH PLAIN {PLAIN_ALICE}', S, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@mail.example.com>', S, 'RSET', S,
      'MAIL FROM:<bob@mail.example.com>', S, 'RCPT TO:<alice@mail.example.com>', S, *QUIT],
     cf={**SASL_CF, 'smtpd_sender_login_maps': 'hash:/etc/postfix/sender_login', 'smtpd_sender_restrictions': 'reject_sender_login_mismatch'},
     maps=LOGIN_MAP, sasl='dovecot', client='127.0.0.5')
smtp('smtp-sender-login-mismatch-unauthenticated',
     'reject_sender_login_mismatch without AUTH: a sender address that the login map assigns to a user is rejected (553 5.7.1 not logged in); an unlisted sender passes.',
     [S, *EHLO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@mail.example.com>', S, 'RSET', S,
      'MAIL FROM:<carol@example.org>', S, 'RCPT TO:<bob@mail.example.com>', S, *QUIT],
     cf={**SASL_CF, 'smtpd_sender_login_maps': 'hash:/etc/postfix/sender_login', 'smtpd_sender_restrictions': 'reject_sender_login_mismatch'},
     maps=LOGIN_MAP, sasl='dovecot', client='127.0.0.5')
smtp('smtp-auth-relay-before-and-after',
     'From outside mynetworks relaying is deferred (454 4.7.1) before AUTH; after RSET and AUTH LOGIN the same recipient is accepted and the mail relayed.',
     [S, *EHLO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@example.net>', S, 'RSET', S,
      'AUTH LOGIN', S, b64('alice'), S, b64('wonderland'), S, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@example.net>', S,
      *msg('Subject: after login', '', 'now allowed'), *QUIT], cf=SASL_CF, sasl='dovecot', client='127.0.0.5', dns=True, peers=True)
smtp('smtp-auth-plain-unknown-user',
     'AUTH PLAIN for a user that does not exist: 535 5.7.8 authentication failed, as for a wrong password.',
     [S, *EHLO, f'AUTH PLAIN {b64(chr(0) + "mallory" + chr(0) + "secret")}', S, *QUIT], cf=SASL_CF, sasl='dovecot', client='127.0.0.5')
smtp('smtp-auth-plain-empty-password',
     'AUTH PLAIN with an empty password: refused.',
     [S, *EHLO, f'AUTH PLAIN {b64(chr(0) + "alice" + chr(0))}', S, *QUIT], cf=SASL_CF, sasl='dovecot', client='127.0.0.5')
smtp('smtp-auth-plain-empty-initial-response',
     'AUTH PLAIN = (an empty initial response) with Dovecot: 535 5.7.8 Error: authentication failed: (reason unavailable); a proper AUTH PLAIN then succeeds.',
     [S, *EHLO, 'AUTH PLAIN =', S, f'AUTH PLAIN {PLAIN_ALICE}', S, *QUIT], cf=SASL_CF, sasl='dovecot', client='127.0.0.5')
smtp('smtp-auth-plain-authzid',
     "AUTH PLAIN with an authorization identity: acting as bob with alice's password is refused (535), authorization identity alice for alice works (235).",
     [S, *EHLO, f'AUTH PLAIN {b64("bob" + chr(0) + "alice" + chr(0) + "wonderland")}', S,
      f'AUTH PLAIN {b64("alice" + chr(0) + "alice" + chr(0) + "wonderland")}', S, *QUIT], cf=SASL_CF, sasl='dovecot', client='127.0.0.5')
smtp('smtp-auth-login-initial-response',
     'AUTH LOGIN with the user name on the command line: the server asks only for the password; EHLO after AUTH no longer offers AUTH.',
     [S, *EHLO, f'AUTH LOGIN {b64("alice")}', S, b64('wonderland'), S, *EHLO, *QUIT], cf=SASL_CF, sasl='dovecot', client='127.0.0.5')
smtp('smtp-auth-login-cancel-at-password',
     'AUTH LOGIN cancelled with "*" at the Password: prompt: 501 5.7.0 Authentication aborted.',
     [S, *EHLO, 'AUTH LOGIN', S, b64('alice'), S, '*', S, *QUIT], cf=SASL_CF, sasl='dovecot', client='127.0.0.5')
smtp('smtp-auth-noplaintext-security-option',
     'smtpd_sasl_security_options = noanonymous, noplaintext with only PLAIN and LOGIN available (Dovecot, no TLS): nothing is left to offer, smtpd dies with "fatal: no SASL authentication mechanisms" before the greeting and master throttles the service; the client gets no 220.',
     [wait(10)], cf={**SASL_CF, 'smtpd_sasl_security_options': 'noanonymous, noplaintext'}, sasl='dovecot', client='127.0.0.5')
smtp('smtp-cyrus-plain-unknown-user',
     'Cyrus SASL with sasldb: AUTH PLAIN for a user not in sasldb is an "authentication failure" like a wrong password (Cyrus logs "Password verification failed").',
     [S, *EHLO, f'AUTH PLAIN {b64(chr(0) + "mallory" + chr(0) + "secret")}', S, *QUIT], cf=CYRUS_CF, sasl='cyrus', client='127.0.0.5')
smtp('smtp-cyrus-login-cancel',
     'Cyrus SASL: AUTH LOGIN cancelled with "*" at the Username: prompt.',
     [S, *EHLO, 'AUTH LOGIN', S, '*', S, *QUIT], cf=CYRUS_CF, sasl='cyrus', client='127.0.0.5')
smtp('smtp-cyrus-plain-empty-initial-response',
     'Cyrus SASL: AUTH PLAIN = (an empty initial response) fails with 535 5.7.8 Error: authentication failed: another step is needed in authentication; a proper AUTH PLAIN then succeeds.',
     [S, *EHLO, 'AUTH PLAIN =', S, f'AUTH PLAIN {PLAIN_ALICE}', S, *QUIT], cf=CYRUS_CF, sasl='cyrus', client='127.0.0.5')
smtp('smtp-cyrus-mech-list-plain-only',
     'Cyrus SASL with mech_list: PLAIN: EHLO offers only PLAIN; AUTH LOGIN gets 535 5.7.8 no mechanism available (Cyrus logs "Couldn\'t find mech LOGIN"); AUTH PLAIN works and the mail is delivered.',
     [S, *EHLO, 'AUTH LOGIN', S, f'AUTH PLAIN {PLAIN_BOB}', S, 'MAIL FROM:<bob@mail.example.com>', S, 'RCPT TO:<alice@mail.example.com>', S,
      *msg('Subject: cyrus', '', 'plain only'), *QUIT],
     cf={**CYRUS_CF, 'smtpd_sasl_authenticated_header': 'yes'}, sasl='cyrus', client='127.0.0.5',
     cyrus_conf='pwcheck_method: auxprop\nauxprop_plugin: sasldb\nmech_list: PLAIN\n')

# -- POP3 -------------------------------------------------------------------------------------------
DOTS = ['Return-Path: <carol@example.com>\nFrom: Carol <carol@example.com>\nTo: alice@example.com\nSubject: Lines with dots\n'
        'Date: Thu, 4 Jan 2024 10:00:00 +0000\nMessage-ID: <dots-1@example.com>\n\n.hidden starts with a dot\n..two dots\n.\nend\n',
        T['mailbox_alice'][1]]
pop3('pop3-apop-not-supported',
     'APOP is refused: -ERR APOP not enabled. (the greeting has no timestamp); USER/PASS then works.',
     [S, 'APOP alice c4c9334bac560ecc979e58001b3e22fb', S, *LOGIN, 'QUIT', S])
pop3('pop3-auth-without-mechanism',
     'AUTH without a mechanism lists the SASL mechanisms (+OK, one per line, "."), as some old clients expect.',
     [S, 'AUTH', S, 'AUTH CRAM-MD5', S, 'QUIT', S])
pop3('pop3-long-command-line',
     "A 5005-character USER line before login does not fit pop3-login's 1024-byte input buffer: -ERR Input buffer full, aborting and the connection ends.",
     [S, 'USER ' + 'a' * 5000, S, 'NOOP', S, 'QUIT', S])
pop3('pop3-stls-without-tls',
     "STLS on a server without TLS (ssl = no; not in CAPA): -ERR TLS support isn't enabled. before login, -ERR Unknown command: STLS after it; the session goes on.",
     [S, 'STLS', S, *LOGIN, 'STLS', S, 'QUIT', S])
pop3('pop3-deleted-message-commands',
     'After DELE 2: DELE 2 again, RETR 2, TOP 2 0, LIST 2 and UIDL 2 all refuse the deleted message; UIDL lists the others.',
     [S, *LOGIN, 'DELE 2', S, 'DELE 2', S, 'RETR 2', S, 'TOP 2 0', S, 'LIST 2', S, 'UIDL 2', S, 'UIDL', S, 'RSET', S, 'QUIT', S])
pop3('pop3-top-edge-arguments',
     "TOP with odd arguments: more lines than the body has (the whole body), a negative count or a word (-ERR Invalid size), message 0 (-ERR There's no message 0.); RETR with an extra argument (-ERR Noise after message number).",
     [S, *LOGIN, 'TOP 1 100', S, 'TOP 1 -1', S, 'TOP 1 abc', S, 'TOP 0 1', S, 'RETR 0', S, 'RETR 1 2', S, 'QUIT', S])
pop3('pop3-retr-dot-stuffing',
     'RETR and TOP of a message whose body lines start with dots: each such line is sent with one more dot; a line of a single dot becomes "..".',
     [S, *LOGIN, 'LIST', S, 'RETR 1', S, 'TOP 1 1', S, 'QUIT', S], inbox=DOTS)
pop3('pop3-auth-login-cancel',
     'AUTH LOGIN cancelled with "*" at the username prompt; USER/PASS still works afterwards.',
     [S, 'AUTH LOGIN', S, '*', S, *LOGIN, 'QUIT', S])
pop3('pop3-auth-plain-wrong-password',
     'AUTH PLAIN with a wrong password fails (after a delay) with [AUTH]; the session goes on and USER/PASS works.',
     [S, f'AUTH PLAIN {b64(chr(0) + "alice" + chr(0) + "cheshire")}', S, *LOGIN, 'STAT', S, 'QUIT', S])
pop3('pop3-pass-with-spaces',
     'PASS takes the rest of the line, spaces included: "PASS wonder land" is a wrong password.',
     [S, 'USER alice', S, 'PASS wonder land', S, *LOGIN, 'QUIT', S])
pop3('pop3-commands-before-login',
     'Transaction commands before login (LIST, RETR, DELE) are unknown in that state: -ERR Unknown command.; the third in a row also gets -ERR Too many invalid bad commands. and pop3-login hangs up.',
     [S, 'LIST', S, 'RETR 1', S, 'DELE 1', S, 'UIDL', S, 'RSET', S, 'TOP 1 0', S, 'QUIT', S])
pop3('pop3-line-length-limit-before-login',
     'A 1022-character command line before login (1024 bytes with CRLF) still fits pop3-login\'s input buffer: USER answers +OK.',
     [S, 'USER ' + 'a' * 1017, S, 'QUIT', S])
pop3('pop3-long-line-after-login',
     'A 5005-character command line after login: the pop3 process (input buffer 2048 bytes) answers -ERR Input line too long. and ends the session.',
     [S, *LOGIN, 'LIST ' + '1' * 5000, S, 'STAT', S, 'QUIT', S])
imap('imap-long-line-before-login',
     "A 2000-character command line before login does not fit imap-login's input buffer: * BYE Input buffer full, aborting and the connection ends.",
     [S, 'a1 LOGIN ' + 'x' * 2000 + ' secret', S, 'a2 LOGOUT', S])
imap('imap-long-line-after-login',
     'A 70000-character command line after login, longer than imap_max_line_length (64 kB): BAD Error in IMAP command SEARCH: Too long argument; the session goes on.',
     [S, *ILOGIN, *ISELECT, 'a3 SEARCH SUBJECT ' + 'x' * 70000, S, 'a4 NOOP', S, 'a5 LOGOUT', S])
pop3('pop3-quit-with-deleted-in-session-order',
     'DELE 1 and DELE 3, QUIT: only the middle message stays in the mbox.',
     [S, *LOGIN, 'DELE 3', S, 'DELE 1', S, 'STAT', S, 'QUIT', S])


def append(prefix, lines):
    """An IMAP APPEND (or any command) that ends with a synchronizing literal of the given lines."""
    size = sum(len(l.encode()) + 2 for l in lines)
    return [f'{prefix} {{{size}}}', S, *lines, '', S]


def append_plus(prefix, lines):
    """The same with a non-synchronizing literal (LITERAL+): no "+" continuation to wait for."""
    size = sum(len(l.encode()) + 2 for l in lines)
    return [f'{prefix} {{{size}+}}', *lines, '', S]


ATTACH = ['Return-Path: <bob@example.net>\nFrom: Bob <bob@example.net>\nTo: alice@example.com\nSubject: Report with attachment\n'
          'Date: Thu, 4 Jan 2024 11:00:00 +0000\nMessage-ID: <report-1@example.net>\nMIME-Version: 1.0\n'
          'Content-Type: multipart/mixed; boundary="XYZ"\n\nThis is a multi-part message in MIME format.\n\n--XYZ\n'
          'Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\nHi Alice, the report is attached. Grüße, Bob\n\n'
          '--XYZ\nContent-Type: text/csv; name="report.csv"\nContent-Disposition: attachment; filename="report.csv"\n'
          'Content-Transfer-Encoding: base64\n\nbmFtZSxzY29yZQphbGljZSw5NQpib2IsODcK\n--XYZ--\n',
          'Return-Path: <news@example.org>\nFrom: news@example.org\nTo: alice@example.com\nSubject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?= in HTML\n'
          'Date: Fri, 5 Jan 2024 08:00:00 +0100\nMessage-ID: <html-1@example.org>\nMIME-Version: 1.0\n'
          'Content-Type: multipart/alternative; boundary="alt-1"\n\n--alt-1\nContent-Type: text/plain; charset=iso-8859-1\n'
          'Content-Transfer-Encoding: quoted-printable\n\nGr=FC=DFe aus dem Labor\n--alt-1\nContent-Type: text/html; charset=utf-8\n\n'
          '<p>Gr&uuml;&szlig;e aus dem Labor</p>\n--alt-1--\n']
FOLDERS = {'alice/Saved': SAVED, 'alice/Attachments': ATTACH}
imap('imap-status-items',
     'STATUS with every item of the selected INBOX after a change (OK [CLIENTBUG] Status on selected mailbox completed) and of another folder; an unknown item is a BAD, a missing mailbox a NO.',
     [S, *ILOGIN, *ISELECT, 'a3 STORE 1 +FLAGS (\\Seen)', S, 'a4 STATUS INBOX (MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN)', S,
      'a5 STATUS Saved (MESSAGES UNSEEN UIDNEXT)', S, 'a6 STATUS Saved (BOGUS)', S, 'a7 STATUS Nosuch (MESSAGES)', S, 'a8 LOGOUT', S],
     folders=FOLDERS)
imap('imap-append-literal',
     'APPEND with a synchronizing literal ("+ OK" before the message), with flags and an internal date: [APPENDUID uidvalidity uid]; the mailbox then has four messages.',
     [S, *ILOGIN,
      *append('a2 APPEND INBOX (\\Seen) "05-Jan-2024 12:00:00 +0000"',
              ['From: alice@example.com', 'To: alice@example.com', 'Subject: Draft saved by APPEND', 'Date: Fri, 5 Jan 2024 12:00:00 +0000',
               '', 'Appended by the client.']),
      'a3 SELECT INBOX', S, 'a4 FETCH 4 (FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[HEADER.FIELDS (SUBJECT)])', S, 'a5 LOGOUT', S])
imap('imap-append-to-folder-literal-plus',
     'APPEND to another folder with a non-synchronizing literal (LITERAL+, no "+ OK" wait) and an internal date, no flags: [APPENDUID 1700000000 2].',
     [S, *ILOGIN, *append_plus('a2 APPEND Saved "06-Jan-2024 09:30:00 +0100"', ['Subject: kept', 'Date: Sat, 6 Jan 2024 09:30:00 +0100', '', 'for later']),
      'a3 STATUS Saved (MESSAGES UIDNEXT)', S, 'a4 LOGOUT', S], folders={'alice/Saved': SAVED})
imap('imap-append-errors',
     'APPEND to a mailbox that does not exist: NO [TRYCREATE]; APPEND without a message, without arguments, or with a malformed date is a BAD.',
     [S, *ILOGIN, *append_plus('a2 APPEND Nosuch', ['Subject: x', '', 'y']), 'a3 APPEND INBOX', S, 'a4 APPEND', S,
      'a5 APPEND INBOX (\\Seen) "not a date" abc', S, 'a6 LOGOUT', S])
imap('imap-rename-folder',
     'RENAME a folder: LIST shows the new name, STATUS works under it; renaming a missing folder or onto an existing one fails.',
     [S, *ILOGIN, 'a2 RENAME Saved Archive', S, 'a3 LIST "" "*"', S, 'a4 STATUS Archive (MESSAGES)', S, 'a5 RENAME Saved Other', S,
      'a6 RENAME Archive Attachments', S, 'a7 LOGOUT', S], folders=FOLDERS)
imap('imap-subscribe-lsub',
     'SUBSCRIBE and UNSUBSCRIBE: LSUB lists the subscribed folders; LIST (SUBSCRIBED) lists them with \\Subscribed (and \\Marked for the folder with unread mail, no children flags).',
     [S, *ILOGIN, 'a2 LSUB "" "*"', S, 'a3 SUBSCRIBE Saved', S, 'a4 SUBSCRIBE INBOX', S, 'a5 LSUB "" "*"', S,
      'a6 LIST (SUBSCRIBED) "" "*"', S, 'a7 UNSUBSCRIBE Saved', S, 'a8 LSUB "" "*"', S, 'a9 LOGOUT', S], folders=FOLDERS)
imap('imap-fetch-header-variants',
     'FETCH BODY.PEEK[HEADER.FIELDS.NOT (...)], RFC822.HEADER, RFC822.TEXT and RFC822 (which sets \\Seen), BODY[1] of a single-part message.',
     [S, *ILOGIN, *ISELECT, 'a3 FETCH 1 BODY.PEEK[HEADER.FIELDS.NOT (RETURN-PATH MESSAGE-ID DATE)]', S, 'a4 FETCH 2 RFC822.HEADER', S,
      'a5 FETCH 3 RFC822.TEXT', S, 'a6 FETCH 3 RFC822', S, 'a7 FETCH 1 BODY.PEEK[1]', S, 'a8 LOGOUT', S])
imap('imap-fetch-multipart-parts',
     'A multipart/mixed message with an attachment and a multipart/alternative one: BODYSTRUCTURE (the attachment\'s "charset" "us-ascii" after its own parameters), BODY[1], BODY[2], BODY[2.MIME], ENVELOPE and the BODY item.',
     [S, *ILOGIN, 'a2 SELECT Attachments', S, 'a3 FETCH 1 BODYSTRUCTURE', S, 'a4 FETCH 1 (BODY.PEEK[1] BODY.PEEK[2.MIME])', S,
      'a5 FETCH 1 BODY.PEEK[2]', S, 'a6 FETCH 2 (BODYSTRUCTURE ENVELOPE)', S, 'a7 FETCH 2 BODY.PEEK[1]', S, 'a8 FETCH 1 BODY', S, 'a9 LOGOUT', S],
     folders=FOLDERS)
imap('imap-uid-store-uid-expunge',
     'UID STORE by UID (the untagged FETCH carries the UID), UID STORE of a missing UID (OK, nothing), UID EXPUNGE of one UID only (UIDPLUS): the other \\Deleted message stays.',
     [S, *ILOGIN, *ISELECT, 'a3 UID STORE 2:3 +FLAGS (\\Deleted)', S, 'a4 UID STORE 9 +FLAGS (\\Seen)', S, 'a5 UID EXPUNGE 3', S,
      'a6 FETCH 1:* (UID FLAGS)', S, 'a7 LOGOUT', S])
imap('imap-search-sets-and-keys',
     'SEARCH with sequence sets and UID ranges, OR/NOT combinations, HEADER, LARGER/SMALLER, ON/SENTON and ALL.',
     [S, *ILOGIN, *ISELECT, 'a3 SEARCH 2:*', S, 'a4 SEARCH UID 1,3', S, 'a5 SEARCH OR (FROM bob) (SUBJECT digest)', S,
      'a6 SEARCH NOT OR FROM bob FROM carol', S, 'a7 SEARCH HEADER Message-ID notes', S, 'a8 SEARCH SMALLER 300 NOT LARGER 200', S,
      'a9 SEARCH ON 1-Jan-2024', S, 'b1 SEARCH SENTON 2-Jan-2024', S, 'b2 SEARCH SENTBEFORE 2-Jan-2024', S, 'b3 UID SEARCH UID 2:*', S,
      'b4 LOGOUT', S])
imap('imap-search-charset-and-errors',
     'SEARCH CHARSET UTF-8, an unknown charset (NO [BADCHARSET]), an unknown search key and a missing argument (BAD).',
     [S, *ILOGIN, *ISELECT, 'a3 SEARCH CHARSET UTF-8 SUBJECT meeting', S, 'a4 SEARCH CHARSET BOGUS SUBJECT meeting', S,
      'a5 SEARCH FOOBAR', S, 'a6 SEARCH FROM', S, 'a7 SEARCH KEYWORD $Important', S, 'a8 LOGOUT', S])
imap('imap-expunge-responses',
     'EXPUNGE of messages 1 and 3: untagged EXPUNGE lines with sequence numbers that shift as messages go; the remaining message is now 1.',
     [S, *ILOGIN, *ISELECT, 'a3 STORE 1,3 +FLAGS.SILENT (\\Deleted)', S, 'a4 EXPUNGE', S, 'a5 FETCH 1:* (UID FLAGS)', S,
      'a6 EXPUNGE', S, 'a7 LOGOUT', S])
imap('imap-idle-done',
     'IDLE: "+ idling" continuation, DONE ends it with the tagged OK.',
     [S, *ILOGIN, *ISELECT, 'a3 IDLE', S, 'DONE', S, 'a4 NOOP', S, 'a5 LOGOUT', S])
imap('imap-namespace-enable',
     'NAMESPACE (personal namespace "" with the "/" separator); ENABLE before login is ignored, after login "* ENABLED" names only what was switched on (nothing for an unknown name); SELECT then reports HIGHESTMODSEQ.',
     [S, 'a1 ENABLE CONDSTORE', S, 'a2 LOGIN alice wonderland', S, 'a3 NAMESPACE', S, 'a4 ENABLE CONDSTORE', S, 'a5 ENABLE FOOBAR', S,
      'a6 ENABLE QRESYNC', S, 'a7 SELECT INBOX', S, 'a8 LOGOUT', S])
imap('imap-check',
     'CHECK without a selected mailbox (BAD No mailbox selected) and with one (OK Check completed).',
     [S, *ILOGIN, 'a2 CHECK', S, 'a3 SELECT INBOX', S, 'a4 CHECK', S, 'a5 LOGOUT', S])
imap('imap-bad-sequence-sets',
     'Sequence sets out of range or malformed: message 0, a number beyond EXISTS, a reversed range, "*", doubled commas, UID 0.',
     [S, *ILOGIN, *ISELECT, 'a3 FETCH 0 FLAGS', S, 'a4 FETCH 5 FLAGS', S, 'a5 FETCH 3:2 UID', S, 'a6 FETCH * UID', S,
      'a7 FETCH 1,,2 FLAGS', S, 'a8 STORE 9 +FLAGS (\\Seen)', S, 'a9 UID FETCH 0 FLAGS', S, 'b1 SEARCH 7', S, 'b2 LOGOUT', S])
imap('imap-move',
     'MOVE a message to another folder: [COPYUID ...] then an untagged EXPUNGE; the folder has it.',
     [S, *ILOGIN, *ISELECT, 'a3 MOVE 1 Saved', S, 'a4 FETCH 1:* (UID BODY.PEEK[HEADER.FIELDS (SUBJECT)])', S, 'a5 STATUS Saved (MESSAGES)', S,
      'a6 UID MOVE 3 Saved', S, 'a7 LOGOUT', S], folders={'alice/Saved': SAVED})
imap('imap-list-patterns',
     'LIST with the "%" and "*" wildcards and a prefix, a reference name, and LIST of INBOX in lower case.',
     [S, *ILOGIN, 'a2 LIST "" %', S, 'a3 LIST "" S*', S, 'a4 LIST "" inbox', S, 'a5 LIST Saved ""', S, 'a6 LIST "" "*Ment*"', S,
      'a7 LIST "" Nosuch', S, 'a8 LOGOUT', S], folders=FOLDERS)
imap('imap-create-hierarchy',
     'CREATE Work/Projects with mbox storage: Work becomes a directory (\\Noselect \\HasChildren in LIST); CREATE Notes/ makes a directory only; DELETE of the directory with a child fails (Mailbox has children), it stays after its child is deleted.',
     [S, *ILOGIN, 'a2 CREATE Work/Projects', S, 'a3 LIST "" "*"', S, 'a4 CREATE Notes/', S, 'a5 LIST "" "*"', S, 'a6 DELETE Work', S,
      'a7 DELETE Work/Projects', S, 'a8 LIST "" "*"', S, 'a9 LOGOUT', S])
imap('imap-mbox-directory-as-mailbox',
     'A directory of mbox storage (made by CREATE Work/Projects): SELECT and STATUS of it say "Mailbox isn\'t selectable", APPEND NO [TRYCREATE], CREATE [ALREADYEXISTS]; RENAME moves it with its child; DELETE works once it is empty.',
     [S, *ILOGIN, 'a2 CREATE Work/Projects', S, 'a3 SELECT Work', S, 'a4 STATUS Work (MESSAGES)', S, 'a5 CREATE Work', S,
      *append_plus('a6 APPEND Work', ['Subject: x', '', 'y']), 'a7 LIST "" "Work/%"', S, 'a8 RENAME Work Job', S, 'a9 LIST "" "*"', S,
      'b1 DELETE Job/Projects', S, 'b2 DELETE Job', S, 'b3 LIST "" "*"', S, 'b4 LOGOUT', S])
imap('imap-authenticate-login-and-cancel',
     'AUTHENTICATE PLAIN cancelled with "*" (BAD Authentication aborted by client.), one with a wrong password (NO [AUTHENTICATIONFAILED]), then AUTHENTICATE LOGIN with its Username:/Password: prompts.',
     [S, 'a1 AUTHENTICATE PLAIN', S, '*', S, f'a2 AUTHENTICATE PLAIN {b64(chr(0) + "alice" + chr(0) + "cheshire")}', S,
      'a3 AUTHENTICATE LOGIN', S, b64('alice'), S, b64('wonderland'), S, 'a4 LOGOUT', S])
imap('imap-login-wrong-then-right',
     'LOGIN with a wrong password and with an unknown user: NO [AUTHENTICATIONFAILED] after a delay; then the right one; LOGIN after login is an unknown command (BAD).',
     [S, 'a1 LOGIN alice cheshire', S, 'a2 LOGIN nosuch secret', S, 'a3 LOGIN alice wonderland', S, 'a4 LOGIN alice wonderland', S, 'a5 LOGOUT', S])
imap('imap-sort-thread',
     'SORT by date, by reverse subject and by from; THREAD REFERENCES and ORDEREDSUBJECT.',
     [S, *ILOGIN, *ISELECT, 'a3 SORT (DATE) UTF-8 ALL', S, 'a4 SORT (REVERSE SUBJECT) UTF-8 ALL', S, 'a5 SORT (FROM) UTF-8 ALL', S,
      'a6 UID SORT (ARRIVAL) UTF-8 ALL', S, 'a7 THREAD REFERENCES UTF-8 ALL', S, 'a8 THREAD ORDEREDSUBJECT UTF-8 ALL', S, 'a9 LOGOUT', S])
imap('imap-select-condstore',
     "SELECT INBOX (CONDSTORE): HIGHESTMODSEQ in the reply; FETCH MODSEQ; STORE with UNCHANGEDSINCE older than the message's modseq: OK [MODIFIED 1] Conditional store failed, the flags stay.",
     [S, *ILOGIN, 'a2 SELECT INBOX (CONDSTORE)', S, 'a3 FETCH 1:* (FLAGS MODSEQ)', S, 'a4 STORE 1 (UNCHANGEDSINCE 1) +FLAGS (\\Seen)', S,
      'a5 FETCH 1 (MODSEQ)', S, 'a6 LOGOUT', S])
imap('imap-starttls-without-tls',
     "STARTTLS on a server without TLS (ssl = no): BAD TLS support isn't enabled. before login, an unknown command after it.",
     [S, 'a1 STARTTLS', S, *[l.replace('a1', 'a2') if isinstance(l, str) else l for l in ILOGIN], 'a3 STARTTLS', S, 'a4 LOGOUT', S])
imap('imap-esearch-return',
     'SEARCH RETURN (ESEARCH): MIN, MAX, COUNT and ALL as an untagged ESEARCH; UID SEARCH RETURN ().',
     [S, *ILOGIN, *ISELECT, 'a3 SEARCH RETURN (MIN MAX COUNT) ALL', S, 'a4 SEARCH RETURN (ALL) 1:2', S, 'a5 UID SEARCH RETURN () FROM carol', S,
      'a6 SEARCH RETURN (COUNT) SUBJECT nothing', S, 'a7 LOGOUT', S])
imap('imap-examine-then-select',
     'EXAMINE then SELECT of the same mailbox in one session: STORE on the EXAMINEd mailbox is ignored (OK Store ignored with read-only mailbox); after SELECT the messages are still \\Recent for this session.',
     [S, *ILOGIN, 'a2 EXAMINE INBOX', S, 'a3 STORE 1 +FLAGS (\\Seen)', S, 'a4 SELECT INBOX', S, 'a5 FETCH 1:* FLAGS', S, 'a6 LOGOUT', S])

# -- Dovecot with Maildir storage (mail_location = maildir:~/Maildir), as many courses set it up ---
MAILDIR_CONF = T['dovecot_conf_mail'].replace('mail_location = mbox:~/mail:INBOX=/var/mail/%u', 'mail_location = maildir:~/Maildir')


def maildir(proto, cid, about, d, **kw):
    mailhost(proto, cid, about, d, **kw)
    SPECS[-1]['host']['dovecot_conf'] = MAILDIR_CONF


maildir('pop3', 'pop3-maildir-session',
        'POP3 on a Maildir INBOX: STAT, LIST, UIDL, RETR, DELE and QUIT; the deleted message\'s file is gone.',
        [S, *LOGIN, 'STAT', S, 'LIST', S, 'UIDL', S, 'RETR 2', S, 'DELE 1', S, 'QUIT', S])
maildir('imap', 'imap-maildir-select-fetch-store',
        'IMAP on a Maildir INBOX (messages waiting in new/): SELECT with 3 RECENT, FETCH of UIDs, flags and sizes, STORE of \\Seen and \\Flagged.',
        [S, *ILOGIN, *ISELECT, 'a3 FETCH 1:* (UID FLAGS RFC822.SIZE)', S, 'a4 STORE 1 +FLAGS (\\Seen \\Flagged)', S, 'a5 FETCH 1 BODY.PEEK[HEADER.FIELDS (SUBJECT)]', S,
         'a6 LOGOUT', S])
maildir('imap', 'imap-maildir-folders',
        'Maildir++ folders: NAMESPACE (("" ".")), the hierarchy separator is "."; CREATE Work/Projects is refused (no "/" in a name), CREATE Work.Notes makes LIST show the parent Work as \\Noselect \\HasChildren; folders are \\HasNoChildren, not \\NoInferiors.',
        [S, *ILOGIN, 'a2 NAMESPACE', S, 'a3 LIST "" ""', S, 'a4 LIST "" "*"', S, 'a5 CREATE Sent', S, 'a6 CREATE Work/Projects', S,
         'a7 CREATE Work.Notes', S, 'a8 LIST "" "*"', S, 'a9 DELETE Sent', S, 'b1 LIST "" "%"', S, 'b2 LOGOUT', S],
        folders={'alice/Saved': SAVED})
maildir('imap', 'imap-maildir-copy-expunge',
        'Maildir: COPY into a seeded folder ([COPYUID]), EXPUNGE in the INBOX, STATUS of the folder.',
        [S, *ILOGIN, *ISELECT, 'a3 COPY 2 Saved', S, 'a4 STORE 1 +FLAGS.SILENT (\\Deleted)', S, 'a5 EXPUNGE', S,
         'a6 STATUS Saved (MESSAGES UIDNEXT UNSEEN)', S, 'a7 LOGOUT', S], folders={'alice/Saved': SAVED})
maildir('imap', 'imap-maildir-append',
        'Maildir: APPEND with flags and an internal date ([APPENDUID]); the sync it makes moves the delivered mail from new/ to cur/, so SELECT then shows only the appended message as \\Recent.',
        [S, *ILOGIN, *append('a2 APPEND INBOX (\\Seen) "05-Jan-2024 12:00:00 +0000"', ['Subject: kept in Maildir', '', 'Appended.']),
         'a3 SELECT INBOX', S, 'a4 FETCH 4 (UID FLAGS INTERNALDATE RFC822.SIZE)', S, 'a5 LOGOUT', S])

# -- DNS: a richer zone (example.org) beside the lab zones -------------------------------------------
DKIM_KEY = ('MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwLesson0Key1For2DKIM3Tests4Only5NotReal6Padding7Padding8Padding9'
            'Padding0PaddingAPaddingBPaddingCPaddingDPaddingEPaddingFPaddingGPaddingHPaddingIPaddingJPaddingKPaddingLPadding'
            'MPaddingNPaddingOPaddingPPaddingQPaddingRPaddingSPaddingTPaddingUPaddingVPaddingWIDAQAB')
ORG_ZONE = {
    'origin': 'example.org', 'ttl': 3600,
    'records': [
        {'name': '@', 'type': 'SOA', 'value': 'ns1.example.com. hostmaster.example.org. 2025020101 7200 900 1209600 600'},
        {'name': '@', 'type': 'NS', 'value': 'ns1.example.com.'},
        {'name': '@', 'type': 'A', 'value': '127.0.0.11'},
        {'name': '@', 'type': 'MX', 'value': '10 mx1'},
        {'name': '@', 'type': 'MX', 'value': '10 mx2.example.org.'},
        {'name': '@', 'type': 'MX', 'value': '20 mx.example.net.'},
        {'name': '@', 'type': 'TXT', 'value': '"v=spf1 mx a:mail.example.org ip4:127.0.0.0/29 include:example.net ~all"'},
        {'name': 'mx1', 'type': 'A', 'value': '127.0.0.11'},
        {'name': 'mx2', 'type': 'A', 'value': '127.0.0.12'},
        {'name': 'mail', 'type': 'A', 'value': '127.0.0.11'},
        {'name': 'mail', 'type': 'AAAA', 'value': '2001:db8::11'},
        {'name': 'webmail', 'type': 'CNAME', 'value': 'mail'},
        {'name': 'alias1', 'type': 'CNAME', 'value': 'alias2'},
        {'name': 'alias2', 'type': 'CNAME', 'value': 'www.example.com.'},
        {'name': 'broken', 'type': 'CNAME', 'value': 'nowhere.example.org.'},
        {'name': 'www', 'type': 'A', 'value': '127.0.0.13'},
        {'name': 'www', 'type': 'A', 'value': '127.0.0.14'},
        {'name': '*.wild', 'type': 'A', 'value': '127.0.0.20'},
        {'name': '*.wild', 'type': 'TXT', 'value': '"matched by the wildcard"'},
        {'name': 'explicit.wild', 'type': 'A', 'value': '127.0.0.21'},
        {'name': '_dmarc', 'type': 'TXT', 'value': '"v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@example.org"'},
        {'name': 'lesson._domainkey', 'type': 'TXT', 'value': f'"v=DKIM1; k=rsa; p={DKIM_KEY[:200]}" "{DKIM_KEY[200:]}"'},
        {'name': '_submission._tcp', 'type': 'SRV', 'value': '0 1 587 mail.example.org.'},
        {'name': '_imap._tcp', 'type': 'SRV', 'value': '10 5 143 mail'},
        {'name': '_imap._tcp', 'type': 'SRV', 'value': '20 5 143 mx2'},
        {'name': 'short', 'ttl': 60, 'type': 'A', 'value': '127.0.0.30'},
    ],
    # a subdomain written with $ORIGIN and names relative to it, as in a hand-written zone file
    'file': '$ORIGIN dept.example.org.\n@ IN A 127.0.0.22\n@ IN MX 5 smtp\nsmtp IN A 127.0.0.23\nprinter 300 IN A 127.0.0.24\n',
}
REV_ZONE = {**T['zones'][2], 'records': T['zones'][2]['records'] + [
    {'name': '11', 'type': 'PTR', 'value': 'mx1.example.org.'},
    {'name': '11', 'type': 'PTR', 'value': 'mail.example.org.'},
    {'name': '12', 'type': 'PTR', 'value': 'mx2.example.org.'}]}
ZONES2 = [T['zones'][0], T['zones'][1], ORG_ZONE, REV_ZONE, T['zones'][3]]


def dns2(cid, about, command, **kw):
    dns(cid, about, command, zones=kw.pop('zones', ZONES2), **kw)


dns2('dns-dig-mx-equal-preference', 'dig MX of a domain with two exchangers of equal preference and a backup: the answer, and the addresses of the exchangers in the ADDITIONAL section.', 'dig example.org MX')
dns2('dns-dig-short-mx-equal-preference', 'dig +short MX: one "preference name" line per exchanger.', 'dig +short MX example.org')
dns2('dns-dig-short-spf', 'dig +short TXT of an SPF record.', 'dig +short example.org TXT')
dns2('dns-dig-dmarc-txt', 'dig of a _dmarc TXT record (a name with an underscore).', 'dig _dmarc.example.org TXT')
dns2('dns-dig-long-txt-dkim', 'A DKIM key longer than 255 bytes, stored as two strings of one TXT record: dig +noall +answer prints both quoted strings on one line.', 'dig +noall +answer lesson._domainkey.example.org TXT')
dns2('dns-dig-wildcard', 'A wildcard *.wild.example.org: any name under it gets the wildcard\'s records (with the queried name), an explicit name its own, a deeper name too.',
     'dig +noall +answer anything.wild.example.org explicit.wild.example.org a.b.wild.example.org TXT')
dns2('dns-dig-empty-non-terminal', 'dig of wild.example.org, which has no records of its own but names below it: NOERROR with an empty answer (not NXDOMAIN).', 'dig wild.example.org')
dns2('dns-dig-cname-chain', 'dig of a CNAME that points to a CNAME in the same zone, then to one in another zone, then to an A record: the whole chain in the answer.', 'dig alias1.example.org')
dns2('dns-dig-cname-to-nxdomain', 'dig of a CNAME whose target does not exist: the CNAME in the answer and status NXDOMAIN.', 'dig broken.example.org')
dns2('dns-dig-short-relative-cname', 'dig +short of a CNAME written with a relative target in the zone file: the target is completed with the origin.', 'dig +short webmail.example.org')
dns2('dns-dig-origin-subdomain', 'Names written after $ORIGIN dept.example.org. in the zone file, one with its own TTL.', 'dig +noall +answer dept.example.org MX smtp.dept.example.org printer.dept.example.org')
dns2('dns-dig-srv', 'dig SRV of _submission._tcp: priority, weight, port and target.', 'dig _submission._tcp.example.org SRV')
dns2('dns-dig-two-a-records', 'dig +short of a name with two A records (BIND returns them in zone order here).', 'dig +short www.example.org')
dns2('dns-dig-record-ttl', 'A record with its own TTL (60) next to the zone default: the TTL column shows each.', 'dig +noall +answer short.example.org mx1.example.org')
dns2('dns-dig-short-reverse-two-ptr', 'dig +short -x of an address with two PTR records.', 'dig +short -x 127.0.0.11')
dns2('dns-dig-axfr', 'dig AXFR of the zone: every record in zone order, starting and ending with the SOA.', 'dig axfr example.org @127.0.0.1')
dns2('dns-dig-norecurse', 'dig +norec of an authoritative name: the flags lack rd (and ra stays).', 'dig +norec mail.example.org')
dns2('dns-dig-tcp', 'dig +tcp: the same answer over TCP (the SERVER line says TCP).', 'dig +tcp mail.example.org AAAA')
dns2('dns-dig-uppercase-name', 'dig of a name in capitals: the question keeps the case, the answer is the same data.', 'dig MAIL.Example.ORG')
dns2('dns-dig-nocmd-nostats', 'dig with +nocmd +nocomments +nostats: only the question and answer sections are left.', 'dig +nocmd +nocomments +nostats example.org NS')
dns2('dns-dig-options-after-name', 'dig with the type option -t and +short after the name.', 'dig -t mx example.org +short')
dns2('dns-dig-at-localhost', 'dig @localhost: /etc/hosts gives ::1 and 127.0.0.1 and getaddrinfo puts ::1 first, where named does not listen (three times connection refused); then 127.0.0.1 answers.', 'dig @localhost example.org NS')
dns2('dns-host-list-zone', "host -l: the zone read by a zone transfer, in host's wording: its name servers and addresses only (no MX, TXT, CNAME or SRV lines).", 'host -l example.org')
dns2('dns-dig-answer-additional', 'dig +noall +answer +additional of MX: the exchangers and their addresses.', 'dig +noall +answer +additional example.org MX')
dns2('dns-nslookup-type-and-server', 'nslookup -type=mx NAME SERVER.', 'nslookup -type=mx example.org 127.0.0.1')
dns2('dns-dig-reverse-noall', 'dig -x with +noall +answer.', 'dig -x 127.0.0.12 +noall +answer')
dns2('dns-host-ptr-name', 'host -t ptr of an in-addr.arpa name.', 'host -t ptr 11.0.0.127.in-addr.arpa')
dns2('dns-dig-multiline-soa', 'dig +multiline SOA: the SOA record spread over lines with the timers explained.', 'dig +multiline example.org SOA +noall +answer')
dns2('dns-nslookup-debug', 'nslookup -debug: the query and every section of the reply.', 'nslookup -debug mail.example.org')
dns('dns-dig-refused-no-recursion', 'A name server with recursion off and no root zone asked for a name outside its zones: status REFUSED and "recursion requested but not available".',
    'dig @127.0.0.1 www.google.com', servers='norecursion', zones=[T['zones'][0], ORG_ZONE])
dns2('dns-host-t-any', 'host -t any: every record of the name in host\'s own wording (ANY goes over TCP).', 'host -t any example.org')
dns2('dns-host-srv', 'host -t srv with two SRV records: "has SRV record".', 'host -t srv _imap._tcp.example.org')
dns2('dns-host-wildcard-and-chain', 'host of a wildcard name and of a CNAME chain.', 'host anything.wild.example.org')
dns2('dns-host-cname-chain', 'host of a CNAME chain: "is an alias for" for each step, then the address.', 'host alias1.example.org')
dns2('dns-host-no-aaaa', 'host -t aaaa of a name without AAAA records: "has no AAAA record".', 'host -t aaaa example.org')
dns2('dns-host-soa', 'host -t soa: the SOA record on one line.', 'host -t soa example.org')
dns2('dns-host-long-txt', 'host -t txt of the two-string DKIM record.', 'host -t txt lesson._domainkey.example.org')
dns2('dns-host-domain-equal-mx', 'host example.org: its address and three "mail is handled by" lines.', 'host example.org')
dns2('dns-nslookup-mx-equal-preference', 'nslookup -query=mx with two equal-preference exchangers and a backup.', 'nslookup -query=mx example.org')
dns2('dns-nslookup-srv', 'nslookup -type=srv: "service = priority weight port target".', 'nslookup -type=srv _submission._tcp.example.org')
dns2('dns-nslookup-cname-chain', 'nslookup of a CNAME chain: a "canonical name =" line for each step, then the address.', 'nslookup alias1.example.org')
dns2('dns-nslookup-wildcard', 'nslookup of a name matched by a wildcard.', 'nslookup anything.wild.example.org')
dns2('dns-nslookup-server-argument', 'nslookup NAME SERVER: the server given on the command line.', 'nslookup mail.example.org 127.0.0.1')
dns2('dns-nslookup-any', 'nslookup -type=any: every record of the name.', 'nslookup -type=any example.org')
dns2('dns-nslookup-long-txt', 'nslookup -q=txt of the two-string DKIM record.', 'nslookup -q=txt lesson._domainkey.example.org')
dns2('dns-nslookup-interactive', 'nslookup reading commands from standard input: set type=mx, a name, set type=txt, another name, exit.',
     "printf 'set type=mx\\nexample.org\\nset type=txt\\n_dmarc.example.org\\nexit\\n' | nslookup")

# ===================================================================================================
# Third corpus (tests/conformance/recorded3): a held-out set of variants of the official cases'
# kinds — the same hosts, other commands, arguments and settings — to check that the simulator is
# general rather than fitted to the cases it was built against.
# ===================================================================================================
CURRENT = 'recorded3'
MAIL_ALICE = ['MAIL FROM:<carol@example.net>', S, 'RCPT TO:<alice@mail.example.com>', S]

# -- SMTP: greeting, HELO/EHLO, commands -------------------------------------------------------------
smtp('smtp-banner-with-version', 'smtpd_banner = $myhostname ESMTP $mail_name ($mail_version): the greeting names the version.',
     [S, *HELO, *QUIT], cf={'smtpd_banner': '$myhostname ESMTP $mail_name ($mail_version)'})
smtp('smtp-helo-address-literal', 'HELO with an address literal and EHLO with a bare IP address.',
     [S, 'HELO [127.0.0.1]', S, 'EHLO 127.0.0.1', S, *QUIT])
smtp('smtp-ehlo-after-mail-resets', 'EHLO in the middle of a transaction resets it: RCPT then needs a new MAIL.',
     [S, *EHLO, 'MAIL FROM:<carol@example.net>', S, 'EHLO client.example.org', S, 'RCPT TO:<alice@mail.example.com>', S, *QUIT])
smtp('smtp-rcpt-before-mail', 'RCPT before MAIL, DATA before RCPT, MAIL twice.',
     [S, *HELO, 'RCPT TO:<alice@mail.example.com>', S, 'MAIL FROM:<carol@example.net>', S, 'DATA', S, 'MAIL FROM:<carol@example.net>', S, *QUIT])
smtp('smtp-mail-from-missing-brackets-and-colon', 'MAIL FROM without angle brackets, MAIL without "FROM:", RCPT without "TO:".',
     [S, *HELO, 'MAIL carol@example.net', S, 'MAIL FROM:carol@example.net', S, 'RCPT alice@mail.example.com', S, 'RCPT TO:alice', S, *QUIT])
smtp('smtp-rcpt-localhost-forms', 'Recipients alice@localhost, alice@[127.0.0.1] and root (no domain): local or not.',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<alice@localhost>', S, 'RCPT TO:<alice@[127.0.0.1]>', S, 'RCPT TO:<root>', S, *QUIT])
smtp('smtp-vrfy-forms', 'VRFY of a user, of an alias, of a full address, of an unknown user, without argument and with angle brackets.',
     [S, *HELO, 'VRFY alice', S, 'VRFY postmaster', S, 'VRFY alice@mail.example.com', S, 'VRFY nosuchuser', S, 'VRFY', S, 'VRFY <bob>', S, *QUIT])
smtp('smtp-noop-rset-before-helo', 'NOOP, RSET and VRFY before HELO are fine; MAIL before HELO is not.',
     [S, 'NOOP', S, 'RSET', S, 'VRFY alice', S, 'MAIL FROM:<carol@example.net>', S, *HELO, *QUIT])
smtp('smtp-quit-in-data-line', 'After DATA, "QUIT" is message text; the message ends with the dot.',
     [S, *HELO, *MAIL_ALICE, 'DATA', S, 'Subject: quit inside', '', 'QUIT', '.', S, *QUIT])
smtp('smtp-three-recipients-one-unknown', 'Three recipients, one unknown: the message goes to the two others.',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<alice@mail.example.com>', S, 'RCPT TO:<nosuch@mail.example.com>', S, 'RCPT TO:<bob@mail.example.com>', S,
      *msg('Subject: three', '', 'to alice and bob'), *QUIT])
smtp('smtp-recipient-limit-three', 'smtpd_recipient_limit = 3: the fourth RCPT is refused with 452.',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<alice@mail.example.com>', S, 'RCPT TO:<bob@mail.example.com>', S, 'RCPT TO:<ansible@mail.example.com>', S, 'RCPT TO:<root@mail.example.com>', S, *QUIT],
     cf={'smtpd_recipient_limit': '3'})
smtp('smtp-message-size-limit-small-size-param', 'message_size_limit = 2000: MAIL FROM with SIZE=1999 is fine, SIZE=2001 is refused; EHLO shows SIZE 2000.',
     [S, *EHLO, 'MAIL FROM:<carol@example.net> SIZE=1999', S, 'RSET', S, 'MAIL FROM:<carol@example.net> SIZE=2001', S, *QUIT], cf={'message_size_limit': '2000'})
smtp('smtp-disable-vrfy-ehlo', 'disable_vrfy_command = yes: EHLO no longer lists VRFY and VRFY is refused with 502.',
     [S, *EHLO, 'VRFY alice', S, *QUIT], cf={'disable_vrfy_command': 'yes'})
smtp('smtp-ehlo-discard-features', 'smtpd_discard_ehlo_keywords = pipelining, etrn, dsn: those lines are gone from EHLO.',
     [S, *EHLO, *QUIT], cf={'smtpd_discard_ehlo_keywords': 'pipelining, etrn, dsn'})
smtp('smtp-alias-to-alias-chain', 'An alias to an alias to a user: delivered once, to the user, with the first alias as the original recipient.',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<info@mail.example.com>', S, *msg('Subject: chain', '', 'through two aliases'), *QUIT],
     aliases='postmaster: root\ninfo: sales\nsales: bob\n')
smtp('smtp-alias-uppercase-recipient', 'An alias looked up for a recipient written in capitals (INFO@MAIL.EXAMPLE.COM).',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<INFO@MAIL.EXAMPLE.COM>', S, *msg('Subject: caps', '', 'alias in capitals'), *QUIT],
     aliases='postmaster: root\ninfo: alice\n')
smtp('smtp-mydestination-localhost-only', 'mydestination = localhost: alice@localhost is local, alice@mail.example.com is not any more and, the client being in mynetworks, goes out by DNS to the domain\'s MX.',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<alice@localhost>', S, 'RCPT TO:<alice@mail.example.com>', S, *msg('Subject: where', '', 'two recipients'), *QUIT],
     cf={'mydestination': 'localhost'}, dns=True, peers=True)
smtp('smtp-mynetworks-host-outside-127-5', 'mynetworks_style = host: a client at 127.0.0.5 is outside mynetworks and may not relay, but may send to a local user.',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<bob@example.net>', S, 'RCPT TO:<alice@mail.example.com>', S, *msg('Subject: local only', '', 'x'), *QUIT],
     cf={'mynetworks_style': 'host'}, client='127.0.0.5')
smtp('smtp-relay-two-remote-one-local', 'From mynetworks: a remote and a local recipient in one message; smtp and local deliver each.',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@example.net>', S, 'RCPT TO:<ansible@mail.example.com>', S, *msg('Subject: both', '', 'one out, one in'), *QUIT],
     dns=True, peers=True)
smtp('smtp-smtpd-helo-restrictions-reject-non-fqdn', 'smtpd_helo_required with reject_non_fqdn_helo_hostname in smtpd_helo_restrictions: HELO localhost is accepted, the rejection comes at RCPT (smtpd_delay_reject).',
     [S, 'HELO localhost', S, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<alice@mail.example.com>', S, *QUIT],
     cf={'smtpd_helo_required': 'yes', 'smtpd_helo_restrictions': 'reject_non_fqdn_helo_hostname'})
smtp('smtp-sender-restrictions-reject-sender-domain', 'smtpd_sender_restrictions = check_sender_access with a domain entry REJECT: any sender of that domain is refused at RCPT.',
     [S, *HELO, 'MAIL FROM:<spammer@spam.example>', S, 'RCPT TO:<alice@mail.example.com>', S, 'RSET', S, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<alice@mail.example.com>', S, *QUIT],
     cf={'smtpd_sender_restrictions': 'check_sender_access hash:/etc/postfix/sender_access'}, maps={'/etc/postfix/sender_access': 'spam.example REJECT\n'})
smtp('smtp-access-map-custom-text', 'check_recipient_access with "550 Mailbox closed" and "REJECT Gone away" entries: the reply carries the map\'s text.',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<bob@mail.example.com>', S, 'RCPT TO:<ansible@mail.example.com>', S, 'RCPT TO:<alice@mail.example.com>', S, *QUIT],
     cf={'smtpd_recipient_restrictions': 'check_recipient_access hash:/etc/postfix/rcpt_access'},
     maps={'/etc/postfix/rcpt_access': 'bob@mail.example.com 550 Mailbox closed\nansible@mail.example.com REJECT Gone away\n'})
smtp('smtp-data-pipelined-body', 'With PIPELINING: MAIL, RCPT and DATA in one write, then the body: three replies, then the 250.',
     [S, *EHLO, 'MAIL FROM:<carol@example.net>', 'RCPT TO:<alice@mail.example.com>', 'DATA', S, S, S, 'Subject: pipelined', '', 'body', '.', S, *QUIT])

# -- SMTP AUTH variants --------------------------------------------------------------------------------
DOVECOT_AUTH = {'smtpd_sasl_auth_enable': 'yes', 'smtpd_sasl_type': 'dovecot', 'smtpd_sasl_path': 'private/auth'}
smtp('smtp-auth-login-wrong-password', 'AUTH LOGIN through Dovecot with a wrong password: 535 5.7.8 and the warning in the log.',
     [S, *EHLO, 'AUTH LOGIN', S, b64('alice'), S, b64('cheshire'), S, *QUIT], cf=DOVECOT_AUTH, sasl='dovecot')
smtp('smtp-auth-lowercase-mechanism', 'auth plain in lower case, with the initial response.',
     [S, *EHLO, f'auth plain {PLAIN_ALICE}', S, *QUIT], cf=DOVECOT_AUTH, sasl='dovecot')
smtp('smtp-auth-then-relay-and-local', 'After AUTH PLAIN from outside mynetworks: a remote and a local recipient both accepted.',
     [S, *EHLO, f'AUTH PLAIN {PLAIN_ALICE}', S, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@example.net>', S, 'RCPT TO:<ansible@mail.example.com>', S,
      *msg('Subject: sasl both', '', 'x'), *QUIT], cf={**DOVECOT_AUTH, 'mynetworks_style': 'host'}, sasl='dovecot', client='127.0.0.5', dns=True, peers=True)
smtp('smtp-auth-empty-initial-response', 'AUTH PLAIN = (an empty initial response) and AUTH LOGIN with "*" to cancel.',
     [S, *EHLO, 'AUTH PLAIN =', S, 'AUTH LOGIN', S, '*', S, *QUIT], cf=DOVECOT_AUTH, sasl='dovecot')

# -- POP3 variants -------------------------------------------------------------------------------------
pop3('pop3-list-uidl-after-dele', 'LIST and UIDL after DELE 1: the deleted message is left out; LIST 1 and UIDL 1 are errors.',
     [S, *LOGIN, 'DELE 1', S, 'LIST', S, 'UIDL', S, 'LIST 1', S, 'UIDL 1', S, 'RSET', S, 'QUIT', S])
pop3('pop3-top-more-lines-than-body', 'TOP with a line count larger than the body gives the whole message.',
     [S, *LOGIN, 'TOP 1 100', S, 'QUIT', S])
pop3('pop3-retr-twice-and-stat', 'RETR the same message twice, then STAT: nothing changes.',
     [S, *LOGIN, 'RETR 3', S, 'RETR 3', S, 'STAT', S, 'QUIT', S])
pop3('pop3-user-twice-then-pass', 'USER alice, USER bob, then PASS of bob: the second USER wins.',
     [S, 'USER alice', S, 'USER bob', S, 'PASS builder', S, 'STAT', S, 'QUIT', S], users=('alice', 'bob'))
pop3('pop3-dele-all-then-quit', 'DELE every message, STAT shows 0, QUIT commits: the next session finds the mailbox empty.',
     [S, *LOGIN, 'DELE 1', S, 'DELE 2', S, 'DELE 3', S, 'STAT', S, 'LIST', S, 'QUIT', S])
pop3('pop3-commands-with-extra-arguments', 'STAT, RSET and NOOP with arguments; DELE with two numbers.',
     [S, *LOGIN, 'STAT 1', S, 'NOOP x', S, 'RSET 1', S, 'DELE 1 2', S, 'QUIT', S])
pop3('pop3-auth-list-mechanisms', 'AUTH with no argument before login lists the mechanisms; CAPA shows SASL.',
     [S, 'CAPA', S, 'AUTH', S, *LOGIN, 'QUIT', S])

# -- IMAP variants --------------------------------------------------------------------------------------
imap('imap-fetch-rfc822-size-and-header', 'FETCH RFC822.SIZE, RFC822.HEADER and BODY.PEEK[HEADER.FIELDS (FROM SUBJECT)].',
     [S, *ILOGIN, *ISELECT, 'a3 FETCH 1 RFC822.SIZE', S, 'a4 FETCH 2 RFC822.HEADER', S, 'a5 FETCH 1:3 BODY.PEEK[HEADER.FIELDS (FROM SUBJECT)]', S, 'a6 LOGOUT', S])
imap('imap-store-minus-flags-and-flagged', 'STORE +FLAGS (\\Flagged), -FLAGS (\\Flagged), FLAGS (\\Answered \\Seen), and FETCH FLAGS after each.',
     [S, *ILOGIN, *ISELECT, 'a3 STORE 1 +FLAGS (\\Flagged)', S, 'a4 STORE 1 -FLAGS (\\Flagged)', S, 'a5 STORE 2 FLAGS (\\Answered \\Seen)', S, 'a6 FETCH 1:3 FLAGS', S, 'a7 LOGOUT', S])
imap('imap-search-header-from-subject', 'SEARCH FROM, SUBJECT, HEADER and NOT, OR combinations.',
     [S, *ILOGIN, *ISELECT, 'a3 SEARCH FROM bob', S, 'a4 SEARCH SUBJECT hello', S, 'a5 SEARCH NOT SUBJECT hello', S, 'a6 SEARCH OR FROM bob FROM carol', S, 'a7 SEARCH HEADER To alice', S, 'a8 LOGOUT', S])
imap('imap-status-inbox-before-select', 'STATUS INBOX (MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN) before SELECT, and of a missing mailbox.',
     [S, *ILOGIN, 'a2 STATUS INBOX (MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN)', S, 'a3 STATUS Nosuch (MESSAGES)', S, 'a4 LOGOUT', S])
imap('imap-login-wrong-user', 'LOGIN as a user who does not exist, then with a wrong password, then right.',
     [S, 'a1 LOGIN nosuch secret', S, 'a2 LOGIN alice cheshire', S, 'a3 LOGIN alice wonderland', S, 'a4 LOGOUT', S])
imap('imap-select-twice-and-close', 'SELECT INBOX twice, CLOSE, then FETCH without a mailbox.',
     [S, *ILOGIN, *ISELECT, 'a3 SELECT INBOX', S, 'a4 CLOSE', S, 'a5 FETCH 1 FLAGS', S, 'a6 LOGOUT', S])
imap('imap-fetch-body-sections', 'FETCH BODY[TEXT], BODY[1], BODY[HEADER] and BODY[]<0.20> of a plain text message.',
     [S, *ILOGIN, *ISELECT, 'a3 FETCH 1 BODY[TEXT]', S, 'a4 FETCH 1 BODY[1]', S, 'a5 FETCH 1 BODY[HEADER]', S, 'a6 FETCH 1 BODY[]<0.20>', S, 'a7 LOGOUT', S])
imap('imap-uid-store-and-copy', 'UID STORE and UID COPY to a new folder; STATUS of the folder.',
     [S, *ILOGIN, *ISELECT, 'a3 CREATE Archive', S, 'a4 UID COPY 1:2 Archive', S, 'a5 UID STORE 2 +FLAGS (\\Seen)', S, 'a6 STATUS Archive (MESSAGES UNSEEN)', S, 'a7 LOGOUT', S])
imap('imap-examine-store-refused', 'EXAMINE opens read-only: STORE is refused, EXPUNGE too.',
     [S, *ILOGIN, 'a2 EXAMINE INBOX', S, 'a3 STORE 1 +FLAGS (\\Deleted)', S, 'a4 EXPUNGE', S, 'a5 LOGOUT', S])

# -- DNS variants -----------------------------------------------------------------------------------------
dns('dns-nslookup-soa-type', 'nslookup -type=soa of the lab domain.', 'nslookup -type=soa example.com')
dns('dns-nslookup-mx-no-mx', 'nslookup -type=mx of a name with an address but no MX: "No answer".', 'nslookup -type=mx mail.example.com')
dns('dns-dig-short-txt-spf', 'dig +short TXT of the SPF record of example.net.', 'dig +short TXT example.net')
dns('dns-dig-mx-example-net', 'dig MX example.net: two exchangers, their addresses in ADDITIONAL.', 'dig MX example.net')
dns('dns-dig-short-x', 'dig +short -x of 127.0.0.2.', 'dig +short -x 127.0.0.2')
dns('dns-host-t-mx-example-net', 'host -t mx of example.net.', 'host -t mx example.net')
dns('dns-host-aaaa-mail', 'host -t aaaa of mail.example.com.', 'host -t aaaa mail.example.com')
dns('dns-host-cname-www', 'host of www.example.com (a CNAME): alias, address, IPv6 address, and mail handled by nothing.', 'host www.example.com')
dns('dns-nslookup-reverse-unknown', 'nslookup of an address without a PTR record (127.0.0.7).', 'nslookup 127.0.0.7')
dns('dns-dig-nxdomain-example-net', 'dig of a name that does not exist in example.net: NXDOMAIN and the SOA in AUTHORITY.', 'dig nosuch.example.net')
dns('dns-dig-txt-example-com-a', 'dig TXT a.example.com (a number as text).', 'dig a.example.com TXT')
dns('dns-host-ipv6only', 'host of a name with only an AAAA record.', 'host ipv6only.example.net')

# -- a second held-out batch (also tests/conformance/recorded3) ---------------------------------------
smtp('smtp-message-long-header-folded', 'A message with a folded Subject header and a header line longer than 998 characters.',
     [S, *HELO, *MAIL_ALICE, 'DATA', S, 'Subject: a folded', '  subject line', 'X-Long: ' + 'x' * 1100, '', 'body', '.', S, *QUIT])
smtp('smtp-message-no-header-separator', 'A message whose first line is not a header: everything is body, Postfix adds the headers it needs.',
     [S, *HELO, *MAIL_ALICE, 'DATA', S, 'just a line of text', 'and another', '.', S, *QUIT])
smtp('smtp-message-only-dots', 'Body lines "..", "..." and ". " (dot-stuffed) arrive as ".", ".." and ". ".',
     [S, *HELO, *MAIL_ALICE, 'DATA', S, 'Subject: dots', '', '..', '...', '. ', 'end', '.', S, *QUIT])
smtp('smtp-message-date-and-message-id-kept', 'A message with its own Date and Message-ID: cleanup keeps them.',
     [S, *HELO, *MAIL_ALICE, 'DATA', S, 'Date: Tue, 2 Jan 2024 10:00:00 +0100', 'Message-ID: <own-id-42@example.net>', 'From: Carol <carol@example.net>', 'To: Alice <alice@mail.example.com>', 'Subject: own ids', '', 'body', '.', S, *QUIT])
smtp('smtp-rset-after-data', 'A message, then RSET, then a second message to bob in the same session.',
     [S, *HELO, *MAIL_ALICE, *msg('Subject: first', '', 'one'), 'RSET', S, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<bob@mail.example.com>', S, *msg('Subject: second', '', 'two'), *QUIT])
smtp('smtp-mail-from-body-8bitmime-smtputf8', 'MAIL FROM with BODY=8BITMIME and SMTPUTF8, and a UTF-8 subject.',
     [S, *EHLO, 'MAIL FROM:<carol@example.net> BODY=8BITMIME SMTPUTF8', S, 'RCPT TO:<alice@mail.example.com>', S, *msg('Subject: café', '', 'naïve'), *QUIT])
smtp('smtp-rcpt-notify-never', 'RCPT with NOTIFY=NEVER to an unknown local user is refused as usual; NOTIFY=SUCCESS,FAILURE to alice is accepted.',
     [S, *EHLO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<nosuch@mail.example.com> NOTIFY=NEVER', S, 'RCPT TO:<alice@mail.example.com> NOTIFY=SUCCESS,FAILURE', S, *QUIT])
smtp('smtp-rcpt-bad-notify', 'RCPT with a bad NOTIFY value and with an unknown parameter.',
     [S, *EHLO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<alice@mail.example.com> NOTIFY=SOMETIMES', S, 'RCPT TO:<alice@mail.example.com> FOO=BAR', S, *QUIT])
smtp('smtp-auth-cyrus-cram-md5-wrong-digest', 'AUTH CRAM-MD5 against sasldb: the client cannot know the challenge in advance, answers a wrong digest and is refused.',
     [S, *EHLO, 'AUTH CRAM-MD5', S, b64('alice 0123456789abcdef0123456789abcdef'), S, *QUIT], cf=CYRUS_CF, sasl='cyrus', client='127.0.0.5')
smtp('smtp-auth-cyrus-plain-wrong-user', 'AUTH PLAIN against sasldb for a user not in it.',
     [S, *EHLO, f"AUTH PLAIN {b64(chr(0) + 'nosuch' + chr(0) + 'secret')}", S, *QUIT], cf=CYRUS_CF, sasl='cyrus', client='127.0.0.5')
smtp('smtp-relay-restrictions-reject-all', 'smtpd_relay_restrictions = reject: every recipient is refused, even a local one from mynetworks.',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<alice@mail.example.com>', S, *QUIT], cf={'smtpd_relay_restrictions': 'reject'})
smtp('smtp-client-restrictions-permit-mynetworks-reject', 'smtpd_client_restrictions = permit_mynetworks, reject: 127.0.0.5 (outside, mynetworks_style host) is refused at RCPT, 127.0.0.1 is fine.',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<alice@mail.example.com>', S, *QUIT],
     cf={'smtpd_client_restrictions': 'permit_mynetworks, reject', 'mynetworks_style': 'host'}, client='127.0.0.5')
smtp('smtp-helo-restrictions-check-helo-access', 'check_helo_access with a REJECT entry for the HELO name "friend.example": refused at RCPT.',
     [S, 'HELO friend.example', S, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<alice@mail.example.com>', S, *QUIT],
     cf={'smtpd_helo_restrictions': 'check_helo_access hash:/etc/postfix/helo_access'}, maps={'/etc/postfix/helo_access': 'friend.example REJECT You are no friend\n'})
smtp('smtp-mynetworks-cidr-list-outside', 'mynetworks = 127.0.0.0/30: a client at 127.0.0.5 may not relay to example.net.',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<bob@example.net>', S, *QUIT], cf={'mynetworks': '127.0.0.0/30'}, client='127.0.0.5')
smtp('smtp-alias-to-file', 'An alias to a file (/tmp/archive.mbox): local appends the message as the default_privs user.',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<archive@mail.example.com>', S, *msg('Subject: archive', '', 'keep me'), *QUIT],
     aliases='postmaster: root\narchive: /tmp/archive.mbox\n')
smtp('smtp-alias-with-comment-and-continuation', 'An aliases file with a comment and a continuation line: team is alice and bob.',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<team@mail.example.com>', S, *msg('Subject: team', '', 'hello team'), *QUIT],
     aliases='# the lab aliases\npostmaster: root\nteam: alice,\n  bob\n')
smtp('smtp-recipient-delimiter-plus-alias', 'recipient_delimiter = +: alice+news is delivered to alice; an alias sales+x goes through the alias sales.',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<alice+news@mail.example.com>', S, 'RCPT TO:<sales+x@mail.example.com>', S, *msg('Subject: plus', '', 'x'), *QUIT],
     cf={'recipient_delimiter': '+'}, aliases='postmaster: root\nsales: bob\n')

pop3('pop3-uidl-top-after-rset', 'DELE 2, RSET, then UIDL and TOP 2 0 work again.',
     [S, *LOGIN, 'DELE 2', S, 'RSET', S, 'UIDL', S, 'TOP 2 0', S, 'QUIT', S])
pop3('pop3-list-big-number', 'LIST and RETR with a huge number and a negative one.',
     [S, *LOGIN, 'LIST 4294967296', S, 'RETR -1', S, 'QUIT', S])
pop3('pop3-auth-plain-wrong-then-user-pass', 'AUTH PLAIN with a wrong password, then USER/PASS right.',
     [S, f"AUTH PLAIN {b64(chr(0) + 'alice' + chr(0) + 'cheshire')}", S, *LOGIN, 'STAT', S, 'QUIT', S])
pop3('pop3-capa-lowercase-and-quit', 'capa and quit in lower case before login.',
     [S, 'capa', S, 'quit', S])

imap('imap-list-variants', 'LIST "" "", LIST "" *, LIST "" %, LIST "" INBOX and LSUB "" *.',
     [S, *ILOGIN, 'a2 LIST "" ""', S, 'a3 LIST "" *', S, 'a4 LIST "" %', S, 'a5 LIST "" INBOX', S, 'a6 LSUB "" *', S, 'a7 LOGOUT', S])
imap('imap-fetch-uid-flags-internaldate-range', 'FETCH 2:* (UID FLAGS INTERNALDATE RFC822.SIZE) and FETCH * UID.',
     [S, *ILOGIN, *ISELECT, 'a3 FETCH 2:* (UID FLAGS INTERNALDATE RFC822.SIZE)', S, 'a4 FETCH * UID', S, 'a5 LOGOUT', S])
imap('imap-search-all-uid-range', 'SEARCH ALL, SEARCH 2:3, UID SEARCH UID 1:2, SEARCH LARGER 300 and SMALLER 300.',
     [S, *ILOGIN, *ISELECT, 'a3 SEARCH ALL', S, 'a4 SEARCH 2:3', S, 'a5 UID SEARCH UID 1:2', S, 'a6 SEARCH LARGER 300', S, 'a7 SEARCH SMALLER 300', S, 'a8 LOGOUT', S])
imap('imap-store-deleted-then-close', 'STORE \\Deleted on two messages, CLOSE expunges silently, SELECT shows the rest.',
     [S, *ILOGIN, *ISELECT, 'a3 STORE 1,3 +FLAGS.SILENT (\\Deleted)', S, 'a4 CLOSE', S, 'a5 SELECT INBOX', S, 'a6 LOGOUT', S])
imap('imap-rename-delete-inbox-refused', 'RENAME of a missing mailbox, DELETE INBOX, CREATE INBOX: each refused.',
     [S, *ILOGIN, 'a2 RENAME Nosuch Other', S, 'a3 DELETE INBOX', S, 'a4 CREATE INBOX', S, 'a5 LOGOUT', S])
imap('imap-noop-check-in-selected', 'NOOP, CHECK and CAPABILITY in the selected state.',
     [S, *ILOGIN, *ISELECT, 'a3 NOOP', S, 'a4 CHECK', S, 'a5 CAPABILITY', S, 'a6 LOGOUT', S])
imap('imap-fetch-missing-message', 'FETCH of message 9 (there are 3), UID FETCH 9, STORE 9.',
     [S, *ILOGIN, *ISELECT, 'a3 FETCH 9 FLAGS', S, 'a4 UID FETCH 9 FLAGS', S, 'a5 STORE 9 +FLAGS (\\Seen)', S, 'a6 LOGOUT', S])
imap('imap-authenticate-login-mechanism', 'AUTHENTICATE LOGIN: base64 prompts, then SELECT.',
     [S, 'a1 AUTHENTICATE LOGIN', S, b64('alice'), S, b64('wonderland'), S, *ISELECT, 'a3 LOGOUT', S])

dns('dns-dig-short-ns', 'dig +short NS of example.net.', 'dig +short NS example.net')
dns('dns-dig-noall-answer-mx-example-com', 'dig +noall +answer MX example.com.', 'dig +noall +answer MX example.com')
dns('dns-nslookup-txt-spf-example-net', 'nslookup -type=txt example.net.', 'nslookup -type=txt example.net')
dns('dns-nslookup-www-cname', 'nslookup www.example.com: the canonical name and its addresses.', 'nslookup www.example.com')
dns('dns-host-reverse-127-0-0-9', 'host 127.0.0.9: the PTR name.', 'host 127.0.0.9')
dns('dns-host-nxdomain-example-com', 'host of a missing name in example.com.', 'host nosuch.example.com')
dns('dns-dig-any-example-net', 'dig ANY example.net.', 'dig ANY example.net')
dns('dns-dig-aaaa-no-record', 'dig AAAA of a name with only an A record: NOERROR, empty answer, the SOA in AUTHORITY.', 'dig AAAA ns1.example.com')

# -- computed defaults (host.effective) under other main.cf texts (also recorded3) ---------------------
HQ = [S, *HELO, *QUIT]
smtp('smtp-postconf-myhostname-three-labels', 'myhostname = smtp.mail.example.com and no mydomain: mydomain becomes mail.example.com, and the defaults that use it follow.',
     HQ, cf={'myhostname': 'smtp.mail.example.com'}, drop=('mydomain',))
smtp('smtp-postconf-myorigin-mydomain', 'myorigin = $mydomain and mydestination with $mydomain: the values postconf computes.',
     HQ, cf={'myorigin': '$mydomain', 'mydestination': '$myhostname, localhost.$mydomain, localhost, $mydomain'})
smtp('smtp-postconf-compat-2', 'compatibility_level = 2: the 3.6 defaults except what changed at 3.6.',
     HQ, cf={'compatibility_level': '2'})
smtp('smtp-postconf-mynetworks-style-class', 'mynetworks_style = class with loopback only: mynetworks is 127.0.0.0/8.',
     HQ, cf={'mynetworks_style': 'class'})
smtp('smtp-postconf-explicit-mynetworks-list', 'mynetworks written as a list with a comment-free mix of CIDR and a host: printed as written.',
     HQ, cf={'mynetworks': '127.0.0.0/8, [::1]/128, 192.168.1.0/24'})
smtp('smtp-postconf-message-size-zero', 'message_size_limit = 0 (no limit) and smtpd_recipient_limit = 50: EHLO shows SIZE without a number.',
     [S, *EHLO, *QUIT], cf={'message_size_limit': '0', 'smtpd_recipient_limit': '50'})
smtp('smtp-postconf-relay-domains-list', 'relay_domains = example.net, example.org with compatibility 3.6.',
     HQ, cf={'relay_domains': 'example.net, example.org'})
smtp('smtp-postconf-recipient-restrictions-set', 'smtpd_recipient_restrictions set with newlines and commas in main.cf.',
     HQ, cf={'smtpd_recipient_restrictions': 'permit_mynetworks,\n    reject_unauth_destination'})

# -- a third held-out batch (also tests/conformance/recorded3) ----------------------------------------
smtp('smtp-message-too-big-in-data', 'message_size_limit = 1200 and a message body larger than that: 552 5.3.4 at the end of DATA.',
     [S, *HELO, *MAIL_ALICE, 'DATA', S, 'Subject: big', '', *(['y' * 70] * 30), '.', S, *QUIT], cf={'message_size_limit': '1200'})
smtp('smtp-long-data-line', 'A body line of 1,500 characters (longer than SMTP allows): Postfix accepts and delivers it.',
     [S, *HELO, *MAIL_ALICE, 'DATA', S, 'Subject: long line', '', 'z' * 1500, '.', S, *QUIT])
smtp('smtp-helo-required-ehlo-error-then-helo', 'smtpd_helo_required = yes: MAIL before HELO is refused; EHLO without a name is a syntax error; then HELO works.',
     [S, 'MAIL FROM:<carol@example.net>', S, 'EHLO', S, *HELO, 'MAIL FROM:<carol@example.net>', S, *QUIT], cf={'smtpd_helo_required': 'yes'})
smtp('smtp-null-sender-two-recipients', 'MAIL FROM:<> (a bounce) to two local users.',
     [S, *HELO, 'MAIL FROM:<>', S, 'RCPT TO:<alice@mail.example.com>', S, 'RCPT TO:<bob@mail.example.com>', S, *msg('Subject: delivery report', '', 'returned'), *QUIT])
smtp('smtp-postmaster-literal', 'RCPT TO:<postmaster@[127.0.0.1]> and TO:<postmaster> (no domain): both reach root by the alias.',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<postmaster@[127.0.0.1]>', S, 'RCPT TO:<postmaster>', S, *msg('Subject: pm', '', 'x'), *QUIT])
smtp('smtp-etrn-forms', 'ETRN without argument, with a domain, with a domain not in the fast-flush list, before HELO.',
     [S, 'ETRN example.net', S, *HELO, 'ETRN', S, 'ETRN example.net', S, 'ETRN @example.net', S, *QUIT])
smtp('smtp-expn-disabled-by-vrfy', 'disable_vrfy_command = yes: EXPN of an alias and of a user.',
     [S, *HELO, 'EXPN staff', S, 'EXPN alice', S, *QUIT], cf={'disable_vrfy_command': 'yes'}, aliases='postmaster: root\nstaff: alice, bob\n')
smtp('smtp-mail-from-size-too-big-default', 'MAIL FROM with SIZE larger than the default message_size_limit (10240000).',
     [S, *EHLO, 'MAIL FROM:<carol@example.net> SIZE=20000000', S, 'MAIL FROM:<carol@example.net> SIZE=abc', S, *QUIT])
smtp('smtp-rcpt-unknown-domain-from-mynetworks', 'From mynetworks, a recipient in a domain that does not exist (no DNS): accepted, then the smtp client bounces it.',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@nosuch.example.net>', S, *msg('Subject: nowhere', '', 'x'), *QUIT], dns=True, peers=True)
smtp('smtp-auth-plain-then-mail-outside', 'From outside mynetworks: MAIL and RCPT to a remote domain before AUTH are refused; after AUTH PLAIN the same RCPT is accepted.',
     [S, *EHLO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@example.net>', S, 'RSET', S, f'AUTH PLAIN {PLAIN_ALICE}', S, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@example.net>', S, *QUIT],
     cf={**DOVECOT_AUTH, 'mynetworks_style': 'host'}, sasl='dovecot', client='127.0.0.5')
smtp('smtp-auth-mail-from-auth-param', 'MAIL FROM with AUTH=<> and AUTH=alice@mail.example.com parameters after AUTH.',
     [S, *EHLO, f'AUTH PLAIN {PLAIN_ALICE}', S, 'MAIL FROM:<alice@mail.example.com> AUTH=<>', S, 'RSET', S, 'MAIL FROM:<alice@mail.example.com> AUTH=alice@mail.example.com', S, *QUIT],
     cf=DOVECOT_AUTH, sasl='dovecot')
smtp('smtp-sasl-security-noanonymous-ehlo', 'smtpd_sasl_security_options = noanonymous (the default, written out) with Dovecot: EHLO offers AUTH PLAIN LOGIN.',
     [S, *EHLO, *QUIT], cf={**DOVECOT_AUTH, 'smtpd_sasl_security_options': 'noanonymous'}, sasl='dovecot')
smtp('smtp-two-messages-different-senders', 'Two messages in one session from different senders to different users.',
     [S, *HELO, *MAIL_ALICE, *msg('Subject: one', '', '1'), 'MAIL FROM:<dave@example.net>', S, 'RCPT TO:<bob@mail.example.com>', S, *msg('Subject: two', '', '2'), *QUIT])

pop3('pop3-user-empty-and-pass-empty', 'USER with no name, then USER alice and PASS with no password.',
     [S, 'USER', S, 'USER alice', S, 'PASS', S, 'QUIT', S])
pop3('pop3-top-negative-and-noise', 'TOP with a negative line count, TOP with text after the count, LIST with a trailing space.',
     [S, *LOGIN, 'TOP 1 -1', S, 'TOP 1 2 x', S, 'LIST 1 ', S, 'QUIT', S])
pop3('pop3-last-and-unknown-after-login', 'LAST (an old POP3 command Dovecot does not have) and XTND after login.',
     [S, *LOGIN, 'LAST', S, 'XTND XMIT', S, 'QUIT', S])
pop3('pop3-retr-then-dele-then-uidl-all', 'RETR 1, DELE 1, UIDL, then QUIT: one message left for the next session.',
     [S, *LOGIN, 'RETR 1', S, 'DELE 1', S, 'UIDL', S, 'QUIT', S])

imap('imap-fetch-header-fields-not', 'FETCH BODY.PEEK[HEADER.FIELDS.NOT (Message-ID Date)] and BODY[HEADER.FIELDS (date)].',
     [S, *ILOGIN, *ISELECT, 'a3 FETCH 1 BODY.PEEK[HEADER.FIELDS.NOT (Message-ID Date)]', S, 'a4 FETCH 2 BODY.PEEK[HEADER.FIELDS (date)]', S, 'a5 LOGOUT', S])
imap('imap-select-lowercase-inbox-and-status-unseen', 'SELECT inbox in lower case; STORE \\Seen on one message; STATUS INBOX (UNSEEN MESSAGES).',
     [S, *ILOGIN, 'a2 SELECT inbox', S, 'a3 STORE 2 +FLAGS.SILENT (\\Seen)', S, 'a4 STATUS INBOX (UNSEEN MESSAGES)', S, 'a5 LOGOUT', S])
imap('imap-copy-to-missing-mailbox', 'COPY to a mailbox that does not exist: NO [TRYCREATE].',
     [S, *ILOGIN, *ISELECT, 'a3 COPY 1 Nosuch', S, 'a4 UID COPY 2 Nosuch', S, 'a5 LOGOUT', S])
imap('imap-list-inbox-wildcards', 'LIST "" "INBOX*", LIST "" "in%" and LIST "" "*" after creating a folder.',
     [S, *ILOGIN, 'a2 CREATE Work', S, 'a3 LIST "" "INBOX*"', S, 'a4 LIST "" "w%"', S, 'a5 LIST "" "*"', S, 'a6 LOGOUT', S])
imap('imap-search-not-deleted-and-sequence', 'SEARCH NOT DELETED after deleting one, SEARCH 1,3 SEEN, SEARCH UID 2.',
     [S, *ILOGIN, *ISELECT, 'a3 STORE 2 +FLAGS (\\Deleted)', S, 'a4 SEARCH NOT DELETED', S, 'a5 SEARCH 1,3 UNSEEN', S, 'a6 SEARCH UID 2', S, 'a7 LOGOUT', S])
imap('imap-fetch-mixed-items', 'FETCH 1 (FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)] RFC822.SIZE UID).',
     [S, *ILOGIN, *ISELECT, 'a3 FETCH 1 (FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)] RFC822.SIZE UID)', S, 'a4 LOGOUT', S])
imap('imap-logout-in-selected-with-deleted', 'STORE \\Deleted then LOGOUT without EXPUNGE or CLOSE: the message stays.',
     [S, *ILOGIN, *ISELECT, 'a3 STORE 1 +FLAGS (\\Deleted)', S, 'a4 LOGOUT', S])
imap('imap-bad-fetch-items', 'FETCH with an unknown item, with a missing item list, and with a bad sequence.',
     [S, *ILOGIN, *ISELECT, 'a3 FETCH 1 FOO', S, 'a4 FETCH 1', S, 'a5 FETCH x FLAGS', S, 'a6 LOGOUT', S])

dns('dns-dig-x-localhost', 'dig -x 127.0.0.1: the PTR "localhost." from the lab reverse zone.', 'dig -x 127.0.0.1')
dns('dns-host-t-ns-example-net', 'host -t ns example.net.', 'host -t ns example.net')
dns('dns-nslookup-type-ptr-name', 'nslookup -type=ptr of an in-addr.arpa name.', 'nslookup -type=ptr 2.0.0.127.in-addr.arpa')
dns('dns-dig-short-mx-at-server', 'dig @127.0.0.1 example.com MX +short.', 'dig @127.0.0.1 example.com MX +short')
dns('dns-dig-noall-answer-authority-nxdomain', 'dig +noall +answer +authority of a missing name: the SOA in AUTHORITY only.', 'dig +noall +answer +authority nosuch.example.com')
dns('dns-host-name-with-server', 'host NAME SERVER: the "Using domain server" header and the answer.', 'host mx.example.net 127.0.0.1')
dns('dns-nslookup-aaaa-ipv6only', 'nslookup -type=aaaa of the IPv6-only name.', 'nslookup -type=aaaa ipv6only.example.net')
dns('dns-dig-cname-www-short', 'dig +short www.example.com: the CNAME target, then its address.', 'dig +short www.example.com')

# -- Dovecot configured otherwise (also recorded3) -------------------------------------------------------
def dovecot_with(proto, cid, about, d, change, **kw):
    """A case on the lab's Dovecot with some settings of dovecot.conf changed (added when new)."""
    mailhost(proto, cid, about, d, **kw)
    conf = T['dovecot_conf_mail']
    for key, value in change.items():
        line = f'{key} = {value}'
        if re.search(rf'^{re.escape(key)} = .*$', conf, re.M):
            conf = re.sub(rf'^{re.escape(key)} = .*$', line, conf, flags=re.M)
        else:
            conf = conf.replace('protocols = ', f'{line}\nprotocols = ', 1)
    SPECS[-1]['host']['dovecot_conf'] = conf


dovecot_with('pop3', 'pop3-plaintext-disallowed', 'disable_plaintext_auth = yes without SSL: CAPA has no USER and no SASL, USER and AUTH PLAIN are refused.',
             [S, 'CAPA', S, 'USER alice', S, f'AUTH PLAIN {PLAIN_ALICE}', S, 'QUIT', S], {'disable_plaintext_auth': 'yes'})
dovecot_with('imap', 'imap-plaintext-disallowed', 'disable_plaintext_auth = yes without SSL: CAPABILITY says LOGINDISABLED, LOGIN and AUTHENTICATE PLAIN are refused.',
             [S, 'a1 CAPABILITY', S, 'a2 LOGIN alice wonderland', S, f'a3 AUTHENTICATE PLAIN {PLAIN_ALICE}', S, 'a4 LOGOUT', S], {'disable_plaintext_auth': 'yes'})
dovecot_with('pop3', 'pop3-login-greeting', 'login_greeting = Mail server ready: the +OK greeting carries it.',
             [S, *LOGIN, 'QUIT', S], {'login_greeting': 'Mail server ready'})
dovecot_with('imap', 'imap-login-greeting', 'login_greeting = Mail server ready: the IMAP greeting carries it.',
             [S, 'a1 LOGOUT', S], {'login_greeting': 'Mail server ready'})
dovecot_with('pop3', 'pop3-auth-mechanisms-cram-md5', 'auth_mechanisms = plain login cram-md5 with plain-text passwords in the passwd-file: CAPA lists CRAM-MD5, AUTH CRAM-MD5 sends a challenge, "*" cancels.',
             [S, 'CAPA', S, 'AUTH CRAM-MD5', S, '*', S, 'QUIT', S], {'auth_mechanisms': 'plain login cram-md5'})
dovecot_with('imap', 'imap-auth-mechanisms-cram-md5', 'auth_mechanisms = plain login cram-md5: CAPABILITY lists AUTH=CRAM-MD5; AUTHENTICATE CRAM-MD5 answered with a wrong digest fails.',
             [S, 'a1 CAPABILITY', S, 'a2 AUTHENTICATE CRAM-MD5', S, b64('alice 0123456789abcdef0123456789abcdef'), S, 'a3 LOGOUT', S], {'auth_mechanisms': 'plain login cram-md5'})

# -- restrictions configured otherwise (also recorded3) ---------------------------------------------------
smtp('smtp-reject-unknown-reverse-client-hostname', 'reject_unknown_reverse_client_hostname for a client without PTR.',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<alice@mail.example.com>', S, *QUIT],
     cf={'smtpd_client_restrictions': 'reject_unknown_reverse_client_hostname'}, client='127.0.0.5', dns=True)
smtp('smtp-reject-multi-recipient-bounce', 'smtpd_data_restrictions = reject_multi_recipient_bounce: MAIL FROM:<> with two recipients is refused at DATA; with one it is fine.',
     [S, *HELO, 'MAIL FROM:<>', S, 'RCPT TO:<alice@mail.example.com>', S, 'RCPT TO:<bob@mail.example.com>', S, 'DATA', S, 'RSET', S, 'MAIL FROM:<>', S, 'RCPT TO:<alice@mail.example.com>', S, *msg('Subject: dsn', '', 'x'), *QUIT],
     cf={'smtpd_data_restrictions': 'reject_multi_recipient_bounce'})
smtp('smtp-reject-unlisted-recipient-early', 'smtpd_recipient_restrictions = reject_unlisted_recipient, permit_mynetworks, reject_unauth_destination: an unknown local user is refused by the explicit check.',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<nosuch@mail.example.com>', S, 'RCPT TO:<alice@mail.example.com>', S, *QUIT],
     cf={'smtpd_recipient_restrictions': 'reject_unlisted_recipient, permit_mynetworks, reject_unauth_destination'})
smtp('smtp-check-recipient-access-domain-and-user', 'check_recipient_access with a domain entry (example.net REJECT) and a user@ entry (sales@ OK).',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<bob@example.net>', S, 'RCPT TO:<sales@mail.example.com>', S, *QUIT],
     cf={'smtpd_recipient_restrictions': 'check_recipient_access hash:/etc/postfix/rcpt, permit_mynetworks, reject_unauth_destination'},
     maps={'/etc/postfix/rcpt': 'example.net REJECT no mail to example.net\nsales@ OK\n'}, aliases='postmaster: root\nsales: bob\n')
smtp('smtp-header-size-limit', 'header_size_limit = 200 and a message whose headers are longer: what cleanup does with the headers past the limit.',
     [S, *HELO, *MAIL_ALICE, 'DATA', S, 'Subject: many headers', *[f'X-Header-{i}: ' + 'h' * 40 for i in range(8)], '', 'body', '.', S, *QUIT], cf={'header_size_limit': '200'})
smtp('smtp-soft-error-limit', 'smtpd_soft_error_limit = 2 and smtpd_hard_error_limit = 4: errors until the server hangs up.',
     [S, *HELO, 'FOO', S, 'BAR', S, 'BAZ', S, 'QUX', S, S], cf={'smtpd_soft_error_limit': '2', 'smtpd_hard_error_limit': '4', 'smtpd_error_sleep_time': '0'})
smtp('smtp-permit-inet-interfaces', 'smtpd_relay_restrictions = permit_inet_interfaces, reject_unauth_destination: the local client relays.',
     [S, *HELO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@example.net>', S, *QUIT],
     cf={'smtpd_relay_restrictions': 'permit_inet_interfaces, reject_unauth_destination', 'mynetworks': '127.0.0.2/32'})

# -- restrictions that ask DNS lists, policy servers and the session (also recorded3) ----------------------
RBL_ZONE = {'origin': 'rbl.example.org', 'ttl': 3600, 'records': [
    {'name': '@', 'type': 'SOA', 'value': 'ns1.example.com. hostmaster.example.com. 2025010101 3600 900 604800 300'},
    {'name': '@', 'type': 'NS', 'value': 'ns1.example.com.'},
    {'name': '5.0.0.127', 'type': 'A', 'value': '127.0.0.2'},
    {'name': '5.0.0.127', 'type': 'TXT', 'value': '"127.0.0.5 is listed: see http://rbl.example.org/"'},
    {'name': 'spam.example', 'type': 'A', 'value': '127.0.0.2'},
]}


def with_zone(zone):
    SPECS[-1]['host']['zones'] = SPECS[-1]['host']['zones'] + [zone]


smtp('smtp-reject-rbl-client-listed', 'reject_rbl_client rbl.example.org, a DNS list in the lab that lists 127.0.0.5 (with a TXT reason): the client is refused at RCPT with the list\'s name and the TXT text.',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<alice@mail.example.com>', S, *QUIT],
     cf={'smtpd_client_restrictions': 'reject_rbl_client rbl.example.org', 'mynetworks_style': 'host'}, client='127.0.0.5', dns=True)
with_zone(RBL_ZONE)
smtp('smtp-reject-rbl-client-not-listed', 'reject_rbl_client rbl.example.org for 127.0.0.1, which the list does not name: accepted.',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<alice@mail.example.com>', S, *QUIT],
     cf={'smtpd_client_restrictions': 'reject_rbl_client rbl.example.org'}, dns=True)
with_zone(RBL_ZONE)
smtp('smtp-reject-rhsbl-sender', 'reject_rhsbl_sender rbl.example.org: a sender in spam.example (listed) is refused, one in example.net is not.',
     [S, *HELO, 'MAIL FROM:<bad@spam.example>', S, 'RCPT TO:<alice@mail.example.com>', S, 'RSET', S, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<alice@mail.example.com>', S, *QUIT],
     cf={'smtpd_sender_restrictions': 'reject_rhsbl_sender rbl.example.org'}, dns=True)
with_zone(RBL_ZONE)
smtp('smtp-check-policy-service-down', 'check_policy_service unix:private/policy with no policy server running (postgrey not started): the recipient gets a temporary error and the log says why.',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<alice@mail.example.com>', S, *QUIT],
     cf={'smtpd_recipient_restrictions': 'check_policy_service unix:private/policy'})
smtp('smtp-reject-plaintext-session', 'smtpd_recipient_restrictions = reject_plaintext_session: without TLS every recipient is refused.',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<alice@mail.example.com>', S, *QUIT],
     cf={'smtpd_recipient_restrictions': 'reject_plaintext_session'})
smtp('smtp-defer-if-reject', 'defer_if_reject before reject_unauth_destination: the relay refusal becomes a temporary 450.',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<bob@example.net>', S, *QUIT],
     cf={'smtpd_relay_restrictions': 'defer_if_reject, reject_unauth_destination'}, client='127.0.0.5')
smtp('smtp-permit-naked-ip-address', 'permit_naked_ip_address: a client that says HELO 127.0.0.5 (no brackets) may relay.',
     [S, 'HELO 127.0.0.5', S, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<bob@example.net>', S, *QUIT],
     cf={'smtpd_relay_restrictions': 'permit_naked_ip_address, reject_unauth_destination', 'mynetworks_style': 'host'}, client='127.0.0.5')
smtp('smtp-check-sender-mx-access', 'check_sender_mx_access with the MX host mx.example.net listed REJECT: a sender in example.net is refused, one in example.com is not.',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<alice@mail.example.com>', S, 'RSET', S, 'MAIL FROM:<dave@example.com>', S, 'RCPT TO:<alice@mail.example.com>', S, *QUIT],
     cf={'smtpd_sender_restrictions': 'check_sender_mx_access hash:/etc/postfix/mx_access'}, maps={'/etc/postfix/mx_access': 'mx.example.net REJECT mail exchanger not welcome\n'}, dns=True)
smtp('smtp-check-sasl-access', 'check_sasl_access with alice REJECT: after AUTH as alice the mail is refused.',
     [S, *EHLO, f'AUTH PLAIN {PLAIN_ALICE}', S, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@mail.example.com>', S, *QUIT],
     cf={**DOVECOT_AUTH, 'smtpd_recipient_restrictions': 'check_sasl_access hash:/etc/postfix/sasl_access'}, maps={'/etc/postfix/sasl_access': 'alice REJECT alice may not send\n'}, sasl='dovecot')

BACKUP_ZONE = {'origin': 'example.org', 'ttl': 3600, 'records': [
    {'name': '@', 'type': 'SOA', 'value': 'ns1.example.com. hostmaster.example.com. 2025010101 3600 900 604800 300'},
    {'name': '@', 'type': 'NS', 'value': 'ns1.example.com.'},
    {'name': 'backup', 'type': 'MX', 'value': '10 mx.example.net.'},
    {'name': 'backup', 'type': 'MX', 'value': '20 mail.example.com.'},
    {'name': 'primary', 'type': 'MX', 'value': '10 mail.example.com.'},
]}
smtp('smtp-permit-mx-backup', 'permit_mx_backup: from outside mynetworks, mail for backup.example.org (MX 10 mx.example.net, 20 mail.example.com) is accepted; primary.example.org, whose best MX is this host, is not relayed; example.net (not us at all) neither.',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<bob@backup.example.org>', S, 'RCPT TO:<bob@primary.example.org>', S, 'RCPT TO:<bob@example.net>', S, *QUIT],
     cf={'smtpd_relay_restrictions': 'permit_mx_backup, reject_unauth_destination', 'mynetworks_style': 'host'}, client='127.0.0.5', dns=True)
with_zone(BACKUP_ZONE)
smtp('smtp-restriction-sleep', 'smtpd_client_restrictions = sleep 1, permit: the restriction takes a number of seconds and the mail goes on.',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<alice@mail.example.com>', S, *QUIT],
     cf={'smtpd_client_restrictions': 'sleep 1, permit'})

# -- address handling and delivery options configured otherwise (also recorded3) -------------------------
smtp('smtp-relocated-maps', 'relocated_maps with alice "alice@example.net": RCPT to alice is refused with 550 5.1.6 and the new address.',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<alice@mail.example.com>', S, 'RCPT TO:<bob@mail.example.com>', S, *QUIT],
     cf={'relocated_maps': 'hash:/etc/postfix/relocated'}, maps={'/etc/postfix/relocated': 'alice@mail.example.com alice@example.net\n'})
smtp('smtp-soft-bounce-unknown-local', 'soft_bounce = yes with local_recipient_maps empty: an unknown local user is accepted, and local(8) defers instead of bouncing.',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<nosuch@mail.example.com>', S, *msg('Subject: soft', '', 'x'), *QUIT],
     cf={'soft_bounce': 'yes', 'local_recipient_maps': ''})
smtp('smtp-soft-bounce-rcpt-reject', 'soft_bounce = yes: smtpd turns its 5xx refusals into 4xx (unknown user 450, relay 454).',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<nosuch@mail.example.com>', S, *QUIT], cf={'soft_bounce': 'yes'})
smtp('smtp-append-at-myorigin-no', 'append_at_myorigin = no: MAIL FROM:<alice> (no domain) stays without a domain in the log.',
     [S, *HELO, 'MAIL FROM:<alice>', S, 'RCPT TO:<bob@mail.example.com>', S, *msg('Subject: bare sender', '', 'x'), *QUIT], cf={'append_at_myorigin': 'no'})
smtp('smtp-recipient-overshoot', 'smtpd_recipient_limit = 2 and smtpd_recipient_overshoot_limit = 3: the third RCPT gets 452, the fourth counts as an error.',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<alice@mail.example.com>', S, 'RCPT TO:<bob@mail.example.com>', S, 'RCPT TO:<ansible@mail.example.com>', S, 'RCPT TO:<root@mail.example.com>', S, *QUIT],
     cf={'smtpd_recipient_limit': '2', 'smtpd_recipient_overshoot_limit': '3'})
smtp('smtp-mailbox-transport-error', 'mailbox_transport = error:mailbox is closed: local hands the mailbox delivery to the error transport and the mail bounces with that text.',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<alice@mail.example.com>', S, *msg('Subject: closed', '', 'x'), *QUIT],
     cf={'mailbox_transport': 'error:mailbox is closed'})
smtp('smtp-fallback-transport-unknown-user', 'local_recipient_maps empty and fallback_transport = error:no such user here: an unknown local user is accepted and then bounced by the error transport.',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<nosuch@mail.example.com>', S, *msg('Subject: fallback', '', 'x'), *QUIT],
     cf={'local_recipient_maps': '', 'fallback_transport': 'error:no such user here'})
smtp('smtp-smtpd-forbidden-commands', 'smtpd_forbidden_commands default: a client sending "GET / HTTP/1.0" is disconnected; "POST" the same.',
     [S, 'POST /form HTTP/1.1', S], )
smtp('smtp-disable-mime-input-processing', 'disable_mime_input_processing = yes with an 8-bit message: delivered as sent.',
     [S, *EHLO, 'MAIL FROM:<carol@example.net> BODY=8BITMIME', S, 'RCPT TO:<alice@mail.example.com>', S, *msg('Subject: mime off', 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', 'grüß dich'), *QUIT],
     cf={'disable_mime_input_processing': 'yes'})

# -- smtpd's logging, XCLIENT and session options (also recorded3) ------------------------------------------
smtp('smtp-sasl-authenticated-header', 'smtpd_sasl_authenticated_header = yes: the Received: header of mail sent after AUTH names the authenticated sender.',
     [S, *EHLO, f'AUTH PLAIN {PLAIN_ALICE}', S, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@mail.example.com>', S, *msg('Subject: authenticated', '', 'x'), *QUIT],
     cf={**DOVECOT_AUTH, 'smtpd_sasl_authenticated_header': 'yes'}, sasl='dovecot')
smtp('smtp-client-port-logging', 'smtpd_client_port_logging = yes: the connect and disconnect lines carry the client port.',
     [S, *HELO, *QUIT], cf={'smtpd_client_port_logging': 'yes'})
smtp('smtp-log-access-permit-actions', 'smtpd_log_access_permit_actions = static:all: a permit by permit_mynetworks is logged.',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<bob@example.net>', S, *QUIT], cf={'smtpd_log_access_permit_actions': 'static:all'})
smtp('smtp-tls-security-level-encrypt', 'smtpd_tls_security_level = encrypt without any certificate: what smtpd says to a client that does not start TLS.',
     [S, *EHLO, 'MAIL FROM:<carol@example.net>', S, *QUIT], cf={'smtpd_tls_security_level': 'encrypt'})
smtp('smtp-peername-lookup-no', 'smtpd_peername_lookup = no: the client is "unknown" even on loopback.',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<alice@mail.example.com>', S, *msg('Subject: unknown', '', 'x'), *QUIT], cf={'smtpd_peername_lookup': 'no'})
smtp('smtp-xclient-unauthorized', 'XCLIENT from a client not in smtpd_authorized_xclient_hosts: refused; EHLO does not offer it.',
     [S, *EHLO, 'XCLIENT NAME=spoofed.example ADDR=192.0.2.1', S, *QUIT])
smtp('smtp-xclient-authorized', 'smtpd_authorized_xclient_hosts = 127.0.0.1: EHLO offers XCLIENT, and XCLIENT replaces the client name and address (a new greeting follows).',
     [S, *EHLO, 'XCLIENT NAME=relay.example ADDR=192.0.2.1', S, 'EHLO client.example.org', S, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<bob@example.net>', S, *QUIT],
     cf={'smtpd_authorized_xclient_hosts': '127.0.0.1'})
smtp('smtp-xforward-unauthorized', 'XFORWARD from a client not in smtpd_authorized_xforward_hosts: refused.',
     [S, *EHLO, 'XFORWARD NAME=relay.example ADDR=192.0.2.1', S, *QUIT])
smtp('smtp-alias-maps-empty', 'alias_maps empty: postmaster is no longer an alias, and local_recipient_maps (which names $alias_maps) no longer knows it.',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<postmaster@mail.example.com>', S, 'RCPT TO:<alice@mail.example.com>', S, *QUIT], cf={'alias_maps': ''})
smtp('smtp-client-restrictions-sasl-then-reject', 'smtpd_client_restrictions = permit_sasl_authenticated, reject: without AUTH the RCPT is refused, after AUTH it is fine.',
     [S, *EHLO, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@mail.example.com>', S, 'RSET', S, f'AUTH PLAIN {PLAIN_ALICE}', S, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<bob@mail.example.com>', S, *QUIT],
     cf={**DOVECOT_AUTH, 'smtpd_client_restrictions': 'permit_sasl_authenticated, reject'}, sasl='dovecot')

# -- access table actions beyond OK and REJECT (also recorded3) -----------------------------------------------
def access_case(cid, about, action, rcpt='alice@mail.example.com'):
    smtp(cid, about,
         [S, *HELO, 'MAIL FROM:<carol@example.net>', S, f'RCPT TO:<{rcpt}>', S, *msg('Subject: action', '', 'x'), *QUIT],
         cf={'smtpd_recipient_restrictions': 'check_recipient_access hash:/etc/postfix/rcpt_actions, permit_mynetworks, reject_unauth_destination'},
         maps={'/etc/postfix/rcpt_actions': f'{rcpt} {action}\n'})


access_case('smtp-access-action-hold', 'An access table answering HOLD: the message is accepted and put on hold; smtpd logs the action.', 'HOLD held for review')
access_case('smtp-access-action-discard', 'An access table answering DISCARD: the message is accepted and thrown away.', 'DISCARD not wanted')
access_case('smtp-access-action-warn', 'An access table answering WARN: a warning in the log, the mail goes on.', 'WARN suspicious recipient')
access_case('smtp-access-action-prepend', 'An access table answering PREPEND: the header is added to the message.', 'PREPEND X-Checked: by the access table')
access_case('smtp-access-action-redirect', 'An access table answering REDIRECT bob@mail.example.com: the message goes to bob instead.', 'REDIRECT bob@mail.example.com')

# -- DNS tool options (also recorded3) ------------------------------------------------------------------------
dns('dns-dig-nottlid-noclass', 'dig +noall +answer +nottlid +noclass: the answer without TTL and class columns.', 'dig +noall +answer +nottlid +noclass example.net MX')
dns('dns-dig-short-identify', 'dig +short +identify: each answer followed by the server that gave it.', 'dig +short +identify mail.example.com')
dns('dns-dig-port-option', 'dig -p 53 @127.0.0.1: the port given explicitly.', 'dig -p 53 @127.0.0.1 +short example.com MX')
dns('dns-dig-type-class-order', 'dig IN MX example.com: class and type before the name.', 'dig +noall +answer IN MX example.com')
dns('dns-dig-nocomments-answer', 'dig +nocomments: sections without their headers and comments.', 'dig +nocomments example.com A')
dns('dns-host-a-option', 'host -a: every record (ANY over TCP) with the verbose dig-like layout.', 'host -a example.net')
dns('dns-host-w-option', 'host -W 2 -t mx: a wait time and the MX records.', 'host -W 2 -t mx example.com')
dns('dns-nslookup-port-option', 'nslookup -port=53 with a server.', 'nslookup -port=53 mail.example.com 127.0.0.1')
dns('dns-nslookup-type-a-aaaa-both', 'nslookup -query=AAAA of a name with both A and AAAA records.', 'nslookup -query=AAAA mail.example.com')
dns('dns-dig-multiple-questions', 'dig with two questions on one line, each with its own type.', 'dig +short example.com MX mail.example.com AAAA')

# -- restriction classes, end-of-data checks and rate limits (also recorded3) ---------------------------------
smtp('smtp-restriction-classes', 'smtpd_restriction_classes: staff@ may only be mailed by local senders (a class named in an access table).',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<staff@mail.example.com>', S, 'RSET', S, 'MAIL FROM:<alice@mail.example.com>', S, 'RCPT TO:<staff@mail.example.com>', S, *QUIT],
     cf={'smtpd_restriction_classes': 'local_only', 'local_only': 'check_sender_access hash:/etc/postfix/local_senders, reject',
         'smtpd_recipient_restrictions': 'check_recipient_access hash:/etc/postfix/protected, permit_mynetworks, reject_unauth_destination'},
     maps={'/etc/postfix/protected': 'staff@mail.example.com local_only\n', '/etc/postfix/local_senders': 'mail.example.com OK\n'},
     aliases='postmaster: root\nstaff: alice, bob\n')
smtp('smtp-end-of-data-restrictions', 'smtpd_end_of_data_restrictions = check_sender_access with REJECT: the message is refused after its last line.',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<alice@mail.example.com>', S, *msg('Subject: eod', '', 'x'), *QUIT],
     cf={'smtpd_end_of_data_restrictions': 'check_sender_access hash:/etc/postfix/eod_senders'}, maps={'/etc/postfix/eod_senders': 'carol@example.net REJECT not after all\n'})
smtp('smtp-client-message-rate-limit', 'smtpd_client_message_rate_limit = 1 for a client outside mynetworks: the second MAIL FROM in the same minute is refused.',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<alice@mail.example.com>', S, *msg('Subject: one', '', 'x'), 'MAIL FROM:<carol@example.net>', S, *QUIT],
     cf={'smtpd_client_message_rate_limit': '1', 'mynetworks_style': 'host'}, client='127.0.0.5')
smtp('smtp-client-recipient-rate-limit', 'smtpd_client_recipient_rate_limit = 2 for a client outside mynetworks: the third RCPT in the minute is refused.',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<alice@mail.example.com>', S, 'RCPT TO:<bob@mail.example.com>', S, 'RCPT TO:<ansible@mail.example.com>', S, *QUIT],
     cf={'smtpd_client_recipient_rate_limit': '2', 'mynetworks_style': 'host'}, client='127.0.0.5')
smtp('smtp-junk-command-limit', 'smtpd_junk_command_limit = 2: NOOP, RSET and VRFY past the limit count as errors; with smtpd_hard_error_limit = 2 the server hangs up.',
     [S, *HELO, 'NOOP', S, 'NOOP', S, 'NOOP', S, 'NOOP', S, S], cf={'smtpd_junk_command_limit': '2', 'smtpd_hard_error_limit': '2', 'smtpd_error_sleep_time': '0'})

# -- milters and other table types (also recorded3) ----------------------------------------------------------
smtp('smtp-milter-not-running', 'smtpd_milters = inet:127.0.0.1:8891 with no milter listening (opendkim not started) and the default milter_default_action = tempfail.',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<alice@mail.example.com>', S, *QUIT], cf={'smtpd_milters': 'inet:127.0.0.1:8891'})
smtp('smtp-milter-not-running-accept', 'smtpd_milters with no milter listening and milter_default_action = accept: mail goes on without it.',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<alice@mail.example.com>', S, *msg('Subject: no milter', '', 'x'), *QUIT],
     cf={'smtpd_milters': 'inet:127.0.0.1:8891', 'milter_default_action': 'accept'})
smtp('smtp-regexp-access-table', 'check_recipient_access regexp: a pattern table refuses every recipient starting with "spam".',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<spammy@mail.example.com>', S, 'RCPT TO:<alice@mail.example.com>', S, *QUIT],
     cf={'smtpd_recipient_restrictions': 'check_recipient_access regexp:/etc/postfix/rcpt.regexp, permit_mynetworks, reject_unauth_destination'},
     maps={'/etc/postfix/rcpt.regexp': '/^spam/ REJECT no spam here\n'})
smtp('smtp-pcre-access-table', 'check_sender_access pcre: a case-insensitive pattern for a sender domain.',
     [S, *HELO, 'MAIL FROM:<x@Bad.Example>', S, 'RCPT TO:<alice@mail.example.com>', S, *QUIT],
     cf={'smtpd_sender_restrictions': 'check_sender_access pcre:/etc/postfix/sender.pcre'},
     maps={'/etc/postfix/sender.pcre': '/@bad\\.example$/i 550 go away\n'})
smtp('smtp-inline-table', 'An inline:{...} table as virtual_alias_maps: info@ goes to alice.',
     [S, *HELO, 'MAIL FROM:<carol@example.net>', S, 'RCPT TO:<info@mail.example.com>', S, *msg('Subject: inline', '', 'x'), *QUIT],
     cf={'virtual_alias_maps': 'inline:{ info@mail.example.com=alice@mail.example.com }'})


def main():
    if len(sys.argv) > 2 and sys.argv[1] == '--ids':
        # a --only regex for record.py: the specs of one corpus (recorded, recorded2)
        print('^(' + '|'.join(i for i in CORPUS if CORPUS[i] == sys.argv[2]) + r')\.json$')
        return
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, 'specs')
    os.makedirs(out, exist_ok=True)
    ids = [s['id'] for s in SPECS]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        raise SystemExit(f'duplicate ids: {dup}')
    for f in os.listdir(out):
        if f.endswith('.json') and f[:-5] not in ids:
            os.unlink(os.path.join(out, f))
    for s in SPECS:
        with open(os.path.join(out, s['id'] + '.json'), 'w') as f:
            f.write(json.dumps(s, indent=2, ensure_ascii=False) + '\n')
    print(f'{len(SPECS)} specs in {out}')


if __name__ == '__main__':
    main()
