#!/usr/bin/env python3
"""Writes the specs of the recorded corpus (tools/recorder/specs/*.json).

Every spec uses the hosts of the official corpus (templates.json): mail.example.com on 127.0.0.1,
compatibility_level 3.6 unless the case is about level 0, the lab zones on BIND at 127.0.0.1 where
DNS matters, smtp-sink peers at 127.0.0.2 (ports 25 and 2525) where relaying matters, nothing on
127.0.0.3. In the dialogues below a string is a line the client sends and None marks one reply
of the server ({"s": null}); {"s": None, "timeout": n} waits at most n seconds for it.

usage: build_specs.py [OUTDIR]   (default: tools/recorder/specs)
"""
import base64
import json
import os
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
         client='127.0.0.1', dns=False, peers=False, sasl=None, maps=None, files=None):
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
    host['accounts'] = list(accounts)
    host['system_accounts'] = T['system_accounts']
    if sasl:
        host['sasl'] = T['sasl']
    if sasl == 'dovecot':
        host['dovecot_conf'] = T['dovecot_conf_sasl']
    elif sasl == 'cyrus':
        host['cyrus_sasl_conf'] = CYRUS_CONF
    if dns:
        host['zones'] = T['zones']
        host['resolv_conf'] = T['resolv_conf']
        host['dns_servers'] = T['dns_servers']
    if peers:
        host['peers'] = T['peers']
    SPECS.append({'id': cid, 'protocol': 'smtp', 'about': about, 'host': host,
                  'client': {'address': client}, 'dialogue': dialogue(d)})


def mailhost(proto, cid, about, d, users=('alice',), client='127.0.0.1', folders=None):
    accounts = ['root'] + list(users)
    sasl = [u for u in [{'user': 'alice', 'password': 'wonderland'}, {'user': 'bob', 'password': 'builder'}]
            if u['user'] in users]
    host = {'hostname': 'mail.example.com', 'addresses': ['127.0.0.1'], 'dovecot_conf': T['dovecot_conf_mail'],
            'accounts': accounts, 'system_accounts': T['system_accounts'], 'sasl': sasl,
            'mailboxes': {'alice': T['mailbox_alice'], **(folders or {})}, 'uidvalidity': 1700000000}
    SPECS.append({'id': cid, 'protocol': proto, 'about': about, 'host': host,
                  'client': {'address': client}, 'dialogue': dialogue(d)})


def pop3(cid, about, d, **kw):
    mailhost('pop3', cid, about, d, **kw)


def imap(cid, about, d, **kw):
    mailhost('imap', cid, about, d, **kw)


def dns(cid, about, command, servers='bind', resolv=None):
    host = {'hostname': 'mail.example.com', 'addresses': ['127.0.0.1'],
            'resolv_conf': resolv or T['resolv_conf']}
    if servers == 'bind':
        host['dns_servers'] = T['dns_servers']
        host['zones'] = T['zones']
    elif servers == 'none':
        host['dns_servers'] = []
    elif servers == 'silent':
        host['dns_servers'] = [{'address': '127.0.0.1', 'port': 53, 'software': 'none: a socket that reads every query and never answers',
                                'recursion': False, 'about': 'stands for a name server that is down or unreachable: queries go unanswered'}]
    SPECS.append({'id': cid, 'protocol': 'dns', 'about': about, 'host': host,
                  'client': {'address': '127.0.0.1'}, 'command': command})


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


def main():
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
