/**
 * The client lists smtpd checks a client against outside mynetworks
 * (permit_mx_backup_networks, smtpd_client_event_limit_exceptions,
 * smtpd_authorized_xclient_hosts...): "net/mask" entries, bare or bracketed addresses, and
 * host names compared with the client's name. Table entries ("hash:...") match nothing here.
 */
import { networkContains, parseIp, parseNetwork } from '../core/ip';

export function clientInList(entries: readonly string[], client: { address: string; name?: string }): boolean {
  const ip = parseIp(client.address);
  return entries.some((entry) => {
    const net = parseNetwork(entry.replace(/^\[([^\]]+)\]/, '$1'));
    if (net) return ip !== undefined && networkContains(net, ip);
    return client.name !== undefined && !entry.includes(':') && entry.toLowerCase() === client.name.toLowerCase();
  });
}
