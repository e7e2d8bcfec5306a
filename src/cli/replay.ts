/**
 * npm run -s replay -- FILE...
 *
 * Replays conformance cases whose server answers were removed: builds the recorded host, plays
 * the client's lines, fills every {"s": null} with the next complete reply, runs until the
 * queues are quiet, then fills maillog, mailbox_after and host.effective. Prints one JSON case
 * per line, in input order. A case that cannot be replayed still gets a line (with an error).
 */
import { readFileSync } from 'node:fs';
import { replayCase } from './replayCase';
import type { ConformanceCase } from './caseToScenario';

function main(files: string[]): void {
  for (const file of files) {
    let c: ConformanceCase;
    try {
      c = JSON.parse(readFileSync(file, 'utf8')) as ConformanceCase;
    } catch (e) {
      process.stdout.write(`${JSON.stringify({ id: file, error: `cannot read case: ${(e as Error).message}` })}\n`);
      continue;
    }
    try {
      process.stdout.write(`${JSON.stringify(replayCase(c))}\n`);
    } catch (e) {
      process.stderr.write(`replay: ${c.id}: ${(e as Error).stack ?? e}\n`);
      process.stdout.write(`${JSON.stringify({ ...c, error: (e as Error).message })}\n`);
    }
  }
}

main(process.argv.slice(2));
