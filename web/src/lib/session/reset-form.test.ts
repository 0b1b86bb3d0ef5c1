import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, NetworkError } from '../api.ts';
import { authApi } from './auth-api.ts';
import { ResetForm } from './reset-form.svelte.ts';

const TOKEN = 'k3Jd9_fP2qLx8RwZ0aBc';
const GOOD = 'turnips dancing at the harbour';

function filled(token: string | null = TOKEN, password = GOOD, confirm = password): ResetForm {
  const form = new ResetForm(token);
  form.password = password;
  form.passwordConfirm = confirm;
  return form;
}

const reset = () => vi.spyOn(authApi, 'reset');

describe('the reset link page', () => {
  afterEach(() => vi.restoreAllMocks());

  it('sends the link’s token with the new password, then says it is done', async () => {
    const sent = reset().mockResolvedValue();
    const form = filled();
    await form.submit();
    expect(sent).toHaveBeenCalledWith({ token: TOKEN, password: GOOD, passwordConfirm: GOOD });
    expect(form.step).toBe('done');
  });

  it('a link without a token, or one the server no longer takes, leads back to /forgot', async () => {
    expect(new ResetForm(null).step).toBe('invalid');
    reset().mockRejectedValue(new ApiError(400, 'invalid_token', 'This link is no longer valid.'));
    const form = filled();
    await form.submit();
    expect(form.step).toBe('invalid');
  });

  it('says what is wrong with the password, in the server’s words or the form’s own', async () => {
    const sent = reset().mockRejectedValue(
      new ApiError(400, 'bad_request', 'This password is too easy to guess.'),
    );
    const mismatch = filled(TOKEN, GOOD, `${GOOD}!`);
    await mismatch.submit();
    expect(mismatch.error).toBe('The two passwords do not match.');
    expect(sent).not.toHaveBeenCalled();

    const weak = filled(TOKEN, 'password123');
    await weak.submit();
    expect(weak.step).toBe('form');
    expect(weak.error).toBe('This password is too easy to guess.');
  });

  it('offline, it says a connection is needed and keeps the form', async () => {
    reset().mockRejectedValue(new NetworkError('Cannot reach the server.'));
    const form = filled();
    await form.submit();
    expect(form.step).toBe('form');
    expect(form.error).toMatch(/needs a connection/);
    expect(form.busy).toBe(false);
  });
});
