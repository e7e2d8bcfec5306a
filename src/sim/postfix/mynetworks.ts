/**
 * "Is this client one of ours?" — mynetworks matching, including the compatibility_level < 2
 * case where Postfix trusts the whole subnet by the old default and says so in the log.
 */
import { networkContains, parseIp, parseNetwork, type IpNetwork } from '../core/ip';
import type { PostfixConfig } from './config';
import { compareLevels } from './expand';
import { computeMynetworks } from './interfaces';
import { openTable, type TableContext } from './maps/lookupTable';

export interface MynetworksMatch {
  match: boolean;
  /** The network entry that matched, for the explanation. */
  entry?: string;
  /** Set when only the legacy subnet default made the client match (Postfix logs this). */
  legacyNotice?: string;
}

export class Mynetworks {
  readonly value: string;
  private networks: { net?: IpNetwork; table?: string; text: string }[];
  private hostStyle?: IpNetwork[];
  readonly problems: string[] = [];

  constructor(config: PostfixConfig, private readonly tables: TableContext) {
    this.value = config.get('mynetworks');
    this.networks = [];
    for (const item of config.list('mynetworks')) {
      if (item.includes(':') && !item.startsWith('[') && !/^[0-9a-f:]+(\/\d+)?$/i.test(item)) {
        this.networks.push({ table: item, text: item });
        continue;
      }
      const net = parseNetwork(item.replace(/^\[([^\]]+)\]/, '$1'));
      if (!net) {
        this.problems.push(`mynetworks: bad net/mask pattern: "${item}"`);
        continue;
      }
      this.networks.push({ net, text: item });
    }
    // Before compatibility level 2 the default style was "subnet"; Postfix notes each time that
    // old default is what lets a client in.
    const legacy =
      !config.explicit.has('mynetworks') &&
      !config.explicit.has('mynetworks_style') &&
      compareLevels(config.get('compatibility_level'), '2') < 0;
    if (legacy) {
      const hostValue = computeMynetworks('host', config.host.interfaces, config.protocols());
      this.hostStyle = hostValue
        .split(/\s+/)
        .filter(Boolean)
        .map((t) => parseNetwork(t.replace(/^\[([^\]]+)\]/, '$1')))
        .filter((n): n is IpNetwork => !!n);
    }
  }

  matches(clientAddress: string, clientNamaddr: string): MynetworksMatch {
    const ip = parseIp(clientAddress);
    if (!ip) return { match: false };
    for (const n of this.networks) {
      let hit = false;
      if (n.net) hit = networkContains(n.net, ip);
      else if (n.table) hit = openTable(n.table, this.tables).lookup(clientAddress).status === 'found';
      if (!hit) continue;
      const result: MynetworksMatch = { match: true, entry: n.text };
      if (this.hostStyle && !this.hostStyle.some((h) => networkContains(h, ip))) {
        result.legacyNotice = `using backwards-compatible default setting mynetworks_style=subnet to permit request from client "${clientNamaddr}"`;
      }
      return result;
    }
    return { match: false };
  }
}
