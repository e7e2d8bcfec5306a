/**
 * Where something is drawn: a node inside a host's box. The projection speaks in places, the
 * topology layout turns places into pixels. Keeping the names here (not in the UI) lets the
 * projection's tests say "the message is in mail.example.com's active queue" without a DOM.
 */
import type { QueueName } from '../core/trace';

/** The daemons and stores a host box can show. `mailbox:USER` is one per mailbox. */
export type NodeName =
  | 'client'
  | 'smtpd'
  | 'cleanup'
  | 'pickup'
  | QueueName
  | 'qmgr'
  | 'local'
  | 'virtual'
  | 'smtp'
  | 'bounce'
  | 'named'
  | 'dovecot'
  | 'sasl'
  | `mailbox:${string}`;

export interface Place {
  host: string;
  node: NodeName;
}

export const QUEUES: readonly QueueName[] = ['maildrop', 'incoming', 'active', 'deferred', 'hold', 'corrupt'];

export function isQueue(node: string): node is QueueName {
  return (QUEUES as readonly string[]).includes(node);
}

export function mailboxNode(user: string): NodeName {
  return `mailbox:${user}`;
}

/** The user a mailbox path belongs to: /var/spool/mail/ansible -> ansible, /home/u/Maildir/ -> u. */
export function mailboxUser(path: string, user?: string): string {
  if (user) return user;
  const parts = path.split('/').filter(Boolean);
  const home = parts.indexOf('home');
  if (home >= 0 && parts[home + 1]) return parts[home + 1];
  return parts[parts.length - 1] ?? path;
}

/** The delivery agent node a transport name is drawn as. */
export function agentNode(agent: string): NodeName {
  if (agent === 'local' || agent === 'virtual' || agent === 'bounce') return agent;
  if (agent === 'error' || agent === 'retry') return 'bounce';
  return 'smtp';
}

/** A key for maps of things living at a host: "host\tkey". Tabs never occur in host names. */
export function hostKey(host: string, key: string | number): string {
  return `${host}\t${key}`;
}
