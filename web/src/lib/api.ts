import {
  SESSION_REVOKED,
  type LoginInput,
  type RegisterInput,
  type SessionResponse,
} from '@stallkeeper/shared';
import { schemas } from './schemas.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** a 400's `issues` as the server sent them (`{path, message}` each, unchecked) */
    readonly issues: readonly unknown[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Thrown when the server could not be reached at all (offline, server down). */
export class NetworkError extends Error {
  override name = 'NetworkError';
}

let revokedListener: (() => void) | null = null;

/**
 * Who hears that the server ended this device's session from elsewhere (a 401
 * `session_revoked`: signed out from the account or team screen, a password change):
 * the session state, which signs this device out and keeps its unsynced work.
 */
export function onSessionRevoked(listener: (() => void) | null): void {
  revokedListener = listener;
}

/** fetch for /api: JSON, same-origin cookie, and our error types for failures. */
export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(path, {
      ...init,
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', ...init.headers },
    });
  } catch {
    throw new NetworkError('Cannot reach the server.');
  }
  if (res.ok) return res;
  let body: { error?: string; reason?: string; issues?: unknown } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    // a proxy error page, not our JSON
  }
  if (res.status >= 500 && !body.reason) throw new NetworkError('The server is unavailable.');
  if (res.status === 401 && body.error === SESSION_REVOKED) revokedListener?.();
  throw new ApiError(
    res.status,
    body.error ?? 'error',
    body.reason ?? res.statusText,
    // (the storefront form reads them defensively: see issuesToErrors)
    Array.isArray(body.issues) ? (body.issues satisfies unknown[]) : [],
  );
}

async function sessionFrom(res: Response): Promise<SessionResponse> {
  const { sessionResponse } = await schemas();
  return sessionResponse.parse(await res.json());
}

export const api = {
  async register(input: RegisterInput): Promise<SessionResponse> {
    return sessionFrom(
      await apiFetch('/api/auth/register', { method: 'POST', body: JSON.stringify(input) }),
    );
  },
  async login(input: LoginInput): Promise<SessionResponse> {
    return sessionFrom(
      await apiFetch('/api/auth/login', { method: 'POST', body: JSON.stringify(input) }),
    );
  },
  async logout(): Promise<void> {
    await apiFetch('/api/auth/logout', { method: 'POST' });
  },
  async session(): Promise<SessionResponse> {
    return sessionFrom(await apiFetch('/api/auth/session'));
  },
  /** Say which device this session writes as (the server checks every document against it). */
  async bindDevice(deviceId: string): Promise<void> {
    await apiFetch('/api/auth/device', { method: 'PUT', body: JSON.stringify({ deviceId }) });
  },
};
