/**
 * Cuts the client's lines into whole IMAP commands. A line ending in a literal marker "{n}"
 * continues with n bytes of data (CRLFs included) and then the rest of the command; for a
 * synchronizing literal the server first says "+ OK" (LITERAL+ "{n+}" needs no invitation).
 */
import { byteLength } from './imapBytes';

const LITERAL_AT_END = /\{(\d+)(\+?)\}$/;

export class ImapCommandReader {
  /** The command collected so far, CRLFs included. */
  private text = '';
  /** Bytes of literal data still expected before the command goes on. */
  private literalBytes = 0;

  /**
   * `invite` is asked before a synchronizing literal: true sends "+ OK" and reads on, false
   * drops the command (the server has already refused it).
   */
  constructor(private readonly invite: (partial: string) => boolean) {}

  /** True while a command is only partly read. */
  get pending(): boolean {
    return this.text !== '';
  }

  /** Adds one line; returns a complete command (without its final CRLF) when there is one. */
  push(line: string): string | undefined {
    if (this.literalBytes > 0) return this.literalLine(line);
    return this.commandLine(line);
  }

  private literalLine(line: string): string | undefined {
    const size = byteLength(line) + 2;
    if (size <= this.literalBytes) {
      this.text += `${line}\r\n`;
      this.literalBytes -= size;
      return undefined;
    }
    // The literal ends inside this line; what follows it continues the command.
    let taken = 0;
    let i = 0;
    while (taken < this.literalBytes && i < line.length) {
      taken += byteLength(line[i]);
      i++;
    }
    this.text += line.slice(0, i);
    this.literalBytes = 0;
    return this.commandLine(line.slice(i));
  }

  private commandLine(line: string): string | undefined {
    const m = LITERAL_AT_END.exec(line);
    if (m) {
      const partial = this.text + line;
      this.text += `${line}\r\n`;
      this.literalBytes = Number(m[1]);
      if (m[2] !== '+' && !this.invite(partial)) {
        this.text = '';
        this.literalBytes = 0;
      }
      return undefined;
    }
    const command = this.text + line;
    this.text = '';
    return command;
  }
}
