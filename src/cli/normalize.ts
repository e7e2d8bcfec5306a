/**
 * The placeholders of ../shared/conformance/FORMAT.md, applied to the simulator's own output so
 * that it reads like a recorded case: QUEUEID, PID, DATE, MSGID, DELAY, SESSION.
 */

const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const RFC2822 = new RegExp(`${DAY}, \\d{1,2} ${MONTH} \\d{4} \\d\\d:\\d\\d:\\d\\d [+-]\\d{4} \\([A-Za-z+-]+\\)`, 'g');
const FROM_LINE = new RegExp(`^(From \\S+  )${DAY} ${MONTH} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\d{4}$`, 'gm');

export class Normalizer {
  private ids: RegExp | undefined;

  constructor(queueIds: Iterable<string>) {
    const list = [...new Set(queueIds)].sort((a, b) => b.length - a.length);
    this.ids = list.length > 0 ? new RegExp(`\\b(?:${list.join('|')})\\b`, 'g') : undefined;
  }

  queueIds(text: string): string {
    return this.ids ? text.replace(this.ids, 'QUEUEID') : text;
  }

  /** A maillog line without its syslog time stamp and host name. */
  logLine(line: string): string {
    let t = this.queueIds(line);
    t = t.replace(/^(\S+(?:\/[\w-]+)?)\[\d+\]:/, '$1[PID]:');
    t = t.replace(/message-id=<\d{14}\.QUEUEID@/, 'message-id=<MSGID@');
    t = t.replace(/delay=[\d.]+, delays=[\d./]+/, 'delay=DELAY, delays=DELAY');
    t = t.replace(/\b(mpid|pid)=\d+/g, '$1=PID');
    t = t.replace(/^(dovecot: [\w-]+\([^)]*\))<\d+><[^>]*>/, '$1<PID><SESSION>');
    t = t.replace(/session=<[^>]*>/, 'session=<SESSION>');
    return t;
  }

  /** A message as it sits in an mbox: dates, message ids and queue ids replaced. */
  message(text: string, dates: boolean): string {
    let t = this.queueIds(text);
    t = t.replace(/<\d{14}\.QUEUEID@/g, '<MSGID@');
    if (dates) {
      t = t.replace(FROM_LINE, '$1DATE');
      t = t.replace(RFC2822, 'DATE');
      t = t.replace(/QUEUEID\.\d+\//g, 'QUEUEID.DATE/');
    }
    return t;
  }
}
