/**
 * smtpd_sender_login_maps: which SASL login names may use a sender address, and the
 * reject_*_sender_login_mismatch restrictions that enforce it (Postfix 3.7's smtpd_check.c):
 *
 *   authenticated, not an owner  553 5.7.1 <bob@example.com>: Sender address rejected: not owned by user alice
 *   not authenticated, owned     553 5.7.1 <bob@example.com>: Sender address rejected: not logged in
 */
import { splitAddress } from './address';
import { openTables, type TableContext } from './maps/lookupTable';
import { keysFor } from './recipientCheck';
import type { PostfixConfig } from './config';
import type { TrivialRewrite } from './trivialRewrite';

export type LoginCheck = 'authenticated' | 'unauthenticated' | 'both' | 'known';

export type OwnerLookup = { status: 'found'; owners: string[] } | { status: 'notfound' } | { status: 'error' };

/** The login names that own a sender address (full address, user for our domains, @domain). */
export function senderOwners(sender: string, config: PostfixConfig, rewrite: TrivialRewrite, tables: TableContext): OwnerLookup {
  const value = config.get('smtpd_sender_login_maps');
  if (!value.trim()) return { status: 'notfound' };
  const canonical = rewrite.rewrite(sender);
  const domain = splitAddress(canonical).domain;
  const local = domain !== undefined && rewrite.isLocalDomain(domain) === true;
  const keys = keysFor(canonical, config.get('recipient_delimiter'), local);
  for (const table of openTables(value, tables)) {
    for (const key of keys) {
      const r = table.lookup(key);
      if (r.status === 'error') return { status: 'error' };
      if (r.status === 'found') return { status: 'found', owners: r.value.split(/[\s,]+/).filter((o) => o !== '') };
    }
  }
  return { status: 'notfound' };
}

/**
 * Why the sender may not be used in this session, as the reply text after the code, or
 * undefined when it may. `which` is the restriction's half: reject_sender_login_mismatch checks
 * both, reject_known_sender_login_mismatch lets an authenticated client use unlisted senders.
 */
export function loginMismatch(sender: string, saslUser: string | undefined, which: LoginCheck, owners: OwnerLookup): string | 'error' | undefined {
  if (owners.status === 'error') return 'error';
  if (saslUser !== undefined && saslUser !== '') {
    if (which === 'unauthenticated') return undefined;
    if (owners.status === 'notfound') return which === 'known' ? undefined : `<${sender}>: Sender address rejected: not owned by user ${saslUser}`;
    const owned = owners.owners.some((o) => o.toLowerCase() === saslUser.toLowerCase());
    return owned ? undefined : `<${sender}>: Sender address rejected: not owned by user ${saslUser}`;
  }
  if (which === 'authenticated') return undefined;
  return owners.status === 'found' ? `<${sender}>: Sender address rejected: not logged in` : undefined;
}
