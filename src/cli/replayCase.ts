/**
 * Replays one conformance case through a simulated world built from it (see replay.ts).
 */
import { Syslog } from '../sim/core/syslog';
import { DialogueClient } from '../sim/clients/dialogueClient';
import { mboxEntry } from '../sim/mail/mailStore';
import { mboxPseudoEntry } from '../sim/dovecot/mboxPseudoMessage';
import { postfixOf } from '../sim/services';
import { World } from '../sim/world';
import type { SimHost } from '../sim/host/simHost';
import type { Zone } from '../sim/core/time';
import { caseToScenario, SERVER_PORTS, type ConformanceCase } from './caseToScenario';
import { runCommand } from '../sim/shell/runCommand';
import { Normalizer } from './normalize';
import '../sim/modules';

/** Parameters whose computed values the replay reports (what `postconf -x` would print). */
export const EFFECTIVE_PARAMS = [
  'myhostname', 'mydomain', 'myorigin', 'mydestination', 'mynetworks_style', 'mynetworks', 'relay_domains',
  'smtpd_relay_restrictions', 'smtpd_recipient_restrictions', 'local_recipient_maps', 'message_size_limit',
  'smtpd_recipient_limit', 'disable_vrfy_command', 'smtpd_helo_required', 'smtpd_sasl_auth_enable', 'smtpd_banner',
  'alias_maps', 'alias_database', 'inet_interfaces', 'inet_protocols', 'home_mailbox', 'mail_spool_directory',
  'append_dot_mydomain', 'biff', 'queue_directory', 'broken_sasl_auth_clients', 'unknown_local_recipient_reject_code',
  'maximal_queue_lifetime', 'bounce_queue_lifetime', 'minimal_backoff_time', 'maximal_backoff_time', 'queue_run_delay',
  'compatibility_level', 'mail_version', 'smtputf8_enable', 'smtpd_relay_before_recipient_restrictions', 'smtpd_sasl_type',
  'smtpd_sasl_path', 'smtpd_sasl_security_options', 'smtpd_tls_security_level', 'relayhost', 'default_transport',
  'relay_transport', 'notify_classes', 'recipient_delimiter', 'mailbox_size_limit', 'strict_rfc821_envelopes',
  'local_header_rewrite_clients', 'always_add_missing_headers', 'smtpd_delay_reject', 'virtual_mailbox_domains',
  'virtual_alias_domains', 'virtual_transport', 'local_transport', 'parent_domain_matches_subdomains',
];

export function replayCase(c: ConformanceCase): ConformanceCase {
  const world = new World(caseToScenario(c));
  const server = world.host(c.host.hostname);
  if (!server) throw new Error(`no host ${c.host.hostname}`);
  const out: ConformanceCase = structuredClone(c);
  const seeded = new Map(Object.entries(c.host.mailboxes ?? {}).map(([u, msgs]) => [u, msgs.length]));
  const before = otherMailboxes(server, world.zone);

  if (c.protocol === 'dns') {
    const result = runCommand(world, server, c.command ?? '');
    out.output = result.stdout;
    out.exit_status = result.exitStatus;
  } else {
    out.dialogue = playDialogue(world, c);
    world.runUntilQuiet();
  }

  const ids = world.trace.events.flatMap((e) => (e.kind === 'message' ? [e.queueId] : []));
  // and every queue id the log names (a message cleanup rejected never became a 'message')
  for (const line of server.log.lines) {
    const m = /\bpostfix\/[\w/-]+\[\d+\]: ([0-9A-F]{6,}): /.exec(line);
    if (m) ids.push(m[1]);
  }
  const norm = new Normalizer(ids);
  if (c.protocol !== 'dns') out.maillog = server.log.lines.map((l) => norm.logLine(Syslog.bare(l)));
  const mailboxes: Record<string, string[]> = {};
  for (const account of server.accounts.list()) {
    const box = server.store.get(`/var/mail/${account.name}`);
    if (!box) continue;
    const changed = box.size !== (seeded.get(account.name) ?? 0) || c.protocol === 'smtp';
    if (box.size === 0 && !seeded.has(account.name)) continue;
    if (!changed) continue;
    // An mbox Dovecot emptied keeps its "FOLDER INTERNAL DATA" pseudo message at the top.
    const pseudo = mboxPseudoEntry(box, world.zone);
    mailboxes[account.name] = [...(pseudo ? [pseudo] : []), ...box.messages.map((m) => norm.message(mboxEntry(m, world.zone), c.protocol === 'smtp'))];
  }
  // Other mailboxes by path (virtual mailboxes, Maildirs, ~/Mailbox, Dovecot's folders): those
  // written to, and for pop3/imap those the session changed.
  for (const [path, texts] of otherMailboxes(server, world.zone)) {
    if (texts.length === 0) continue;
    if (c.protocol !== 'smtp' && JSON.stringify(texts) === JSON.stringify(before.get(path) ?? [])) continue;
    mailboxes[path] = texts.map((t) => norm.message(t, c.protocol === 'smtp'));
  }
  if (Object.keys(mailboxes).length > 0) out.mailbox_after = mailboxes;
  const postfix = postfixOf(server);
  if (postfix) {
    // As postconf -xh prints them: the expanded value on one line, without stray blanks.
    out.host.effective = Object.fromEntries(EFFECTIVE_PARAMS.map((p) => [p, postfix.config.get(p).split(/\s+/).filter(Boolean).join(' ')]));
  }
  return out;
}

/**
 * Every mailbox of the host except the /var/mail/USER of its accounts, by path, as its file shows
 * the messages: mbox entries ("From " line first), or a Maildir's message files (path ending "/").
 */
export function otherMailboxes(server: SimHost, zone: Zone): Map<string, string[]> {
  const inboxes = new Set(server.accounts.list().map((a) => `/var/mail/${a.name}`));
  const out = new Map<string, string[]>();
  for (const path of server.store.paths()) {
    if (inboxes.has(path)) continue;
    const box = server.store.get(path)!;
    const texts = box.messages.map((m) => (box.format === 'maildir' ? (m.text.endsWith('\n') ? m.text : `${m.text}\n`) : mboxEntry(m, zone)));
    out.set(path, texts);
  }
  return out;
}

function playDialogue(world: World, c: ConformanceCase): ConformanceCase['dialogue'] {
  const steps = c.dialogue ?? [];
  const serverAddress = c.host.addresses[0];
  const clientHost = world.hostAt(c.client.address) ?? world.host(c.host.hostname)!;
  const port = c.client.port ?? SERVER_PORTS[c.protocol] ?? 25;
  const client = new DialogueClient(world, clientHost.name, c.client.address, serverAddress, port);
  const filled: NonNullable<ConformanceCase['dialogue']> = [];
  let pending: string[] = [];
  for (const step of steps) {
    if ('c' in step) {
      filled.push(step);
      pending.push(step.c);
      continue;
    }
    if (pending.length > 0) {
      client.send(pending);
      pending = [];
    }
    filled.push({ s: client.nextReply() ?? [] });
  }
  if (pending.length > 0) client.send(pending);
  client.close();
  return filled;
}
