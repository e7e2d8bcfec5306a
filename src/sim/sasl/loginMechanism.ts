/**
 * LOGIN (the old Microsoft mechanism): the server prompts "Username:" then "Password:", each
 * base64-encoded ("VXNlcm5hbWU6", "UGFzc3dvcmQ6"); an initial response is the user name.
 */
import { base64OfText, utf8Text } from './base64';
import { checkPassword, decodeResponse, protocolFailure, type MechanismEnv } from './mechanism';
import type { SaslExchange, SaslStep } from './types';

export const USERNAME_PROMPT = base64OfText('Username:');
export const PASSWORD_PROMPT = base64OfText('Password:');

export class LoginExchange implements SaslExchange {
  readonly mechanism = 'LOGIN';
  private user?: string;
  private done = false;

  constructor(private readonly env: MechanismEnv) {}

  start(initial?: string): SaslStep {
    if (initial === undefined) return { kind: 'challenge', data: USERNAME_PROMPT };
    const bytes = decodeResponse(this.env, initial, true);
    if (!(bytes instanceof Uint8Array)) return this.finish(bytes);
    if (bytes.length === 0) return { kind: 'challenge', data: USERNAME_PROMPT };
    return this.takeUser(utf8Text(bytes));
  }

  next(response: string): SaslStep {
    if (this.done) return protocolFailure(this.env);
    const bytes = decodeResponse(this.env, response, false);
    if (!(bytes instanceof Uint8Array)) return this.finish(bytes);
    const text = utf8Text(bytes);
    if (this.user === undefined) return this.takeUser(text);
    return this.finish(checkPassword(this.env, this.user, text));
  }

  private takeUser(user: string): SaslStep {
    if (user === '') return this.finish(protocolFailure(this.env));
    this.user = user;
    return { kind: 'challenge', data: PASSWORD_PROMPT };
  }

  private finish(step: SaslStep): SaslStep {
    this.done = true;
    return step;
  }
}
