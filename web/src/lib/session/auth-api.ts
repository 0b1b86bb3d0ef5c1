import {
  authOptions,
  invitePreview,
  type AuthOptions,
  type ForgotInput,
  type InvitePreview,
  type ResetInput,
} from '@stallkeeper/shared';
import { isAltchaChallenge, type AltchaChallenge } from '../captcha/altcha.ts';
import { ApiError, apiFetch } from '../api.ts';

const post = (path: string, body?: unknown) =>
  apiFetch(path, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body) });

let options: Promise<AuthOptions> | null = null;

/**
 * The server's account requests that need no session: options, captcha challenges,
 * password reset, email verification and invite previews.
 */
export const authApi = {
  /** What the forms must send (a captcha?) and whether the server sends email; asked once. */
  options(): Promise<AuthOptions> {
    options ??= apiFetch('/api/auth/options')
      .then(async (res) => authOptions.parse(await res.json()))
      .catch((err: unknown) => {
        options = null; // offline now is no answer for later
        throw err;
      });
    return options;
  },
  async challenge(): Promise<AltchaChallenge> {
    const body: unknown = await (await apiFetch('/api/captcha')).json();
    if (!isAltchaChallenge(body)) throw new ApiError(502, 'bad_challenge', 'Not a challenge.');
    return body;
  },
  async forgot(input: ForgotInput): Promise<void> {
    await post('/api/auth/forgot', input);
  },
  async reset(input: ResetInput): Promise<void> {
    await post('/api/auth/reset', input);
  },
  async verify(token: string): Promise<void> {
    await post('/api/auth/verify', { token });
  },
  async resendVerification(): Promise<void> {
    await post('/api/auth/verify/resend');
  },
  async invite(code: string): Promise<InvitePreview> {
    const res = await apiFetch(`/api/invites/${encodeURIComponent(code)}`);
    return invitePreview.parse(await res.json());
  },
};
