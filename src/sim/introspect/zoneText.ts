/**
 * A scenario zone as a master file, the way a teacher would see it in /etc/bind: $TTL, then one
 * record per line. The zone editor shows this text and hands an edited text back as the zone's
 * `file` (records and file text are one zone to the name server).
 */
import type { ZoneSpec } from '../scenario/schema';

export function zoneText(zone: ZoneSpec): string {
  const head = `$ORIGIN ${zone.origin.replace(/\.?$/, '.')}\n$TTL ${zone.ttl ?? 3600}\n`;
  const records = (zone.records ?? []).map((r) => `${r.name.padEnd(8)} ${r.ttl !== undefined ? `${r.ttl} ` : ''}IN ${r.type.padEnd(5)} ${r.value}`).join('\n');
  const file = zone.file ? `${zone.file.replace(/\n?$/, '\n')}` : '';
  return `${head}${records}${records ? '\n' : ''}${file}`;
}
