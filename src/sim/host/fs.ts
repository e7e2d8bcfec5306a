/**
 * A host's files: configuration texts a student can cat and edit, and the indexed databases
 * that postmap / newaliases build from them (a .db is a snapshot: editing the text without
 * running postmap again leaves the old table in force, as on a real system).
 */

export class VirtualFs {
  private files = new Map<string, string>();
  private dbs = new Map<string, Map<string, string>>();

  read(path: string): string | undefined {
    return this.files.get(path);
  }

  write(path: string, text: string): void {
    this.files.set(path, text);
  }

  append(path: string, text: string): void {
    this.files.set(path, (this.files.get(path) ?? '') + text);
  }

  exists(path: string): boolean {
    return this.files.has(path) || this.dbs.has(path);
  }

  remove(path: string): boolean {
    return this.files.delete(path) || this.dbs.delete(path);
  }

  /** Paths of text files under a directory prefix, sorted. */
  list(prefix = '/'): string[] {
    return [...this.files.keys()].filter((p) => p.startsWith(prefix)).sort();
  }

  /** The indexed table built from `sourcePath` (e.g. /etc/aliases -> /etc/aliases.db). */
  db(sourcePath: string): Map<string, string> | undefined {
    return this.dbs.get(sourcePath);
  }

  setDb(sourcePath: string, table: Map<string, string>): void {
    this.dbs.set(sourcePath, table);
  }
}
