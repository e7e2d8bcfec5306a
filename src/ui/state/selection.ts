/**
 * What the teacher clicked: the inspector, the statechart and the sequence diagram follow it.
 */
export type Selection =
  | { kind: 'message'; host: string; queueId: string }
  | { kind: 'pending'; conn: number }
  | { kind: 'host'; host: string }
  | { kind: 'conn'; conn: number }
  | { kind: 'daemon'; host: string; daemon: string; instance?: string };

/** From a canvas hit key (host\tqueueId or conn:N) to a selection. */
export function selectionFromKey(key: string): Selection | undefined {
  const conn = /^conn:(\d+)$/.exec(key);
  if (conn) return { kind: 'pending', conn: Number(conn[1]) };
  const [host, queueId] = key.split('\t');
  return host && queueId ? { kind: 'message', host, queueId } : undefined;
}
