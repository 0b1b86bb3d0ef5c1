import { isAbsolute, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEnv } from './env.ts';

describe('loadEnv', () => {
  it('has working defaults', () => {
    const env = loadEnv({});
    expect(env.PORT).toBe(8787);
    expect(env.NODE_ENV).toBe('development');
    // Loopback unless asked: a fresh start is not reachable from the network.
    expect(env.HOST).toBe('127.0.0.1');
    expect(isAbsolute(env.DATA_DIR)).toBe(true);
    expect(env.DATA_DIR).toBe(resolve(process.cwd(), 'data'));
    expect(env.COUCHDB_URL).toBeUndefined();
    expect(env.SESSION_IDLE_DAYS).toBe(30);
    expect(env.TRUST_PROXY).toBe(false);
    expect(env.TRUST_PROXY_HOPS).toBe(1);
    // No demo accounts (published passwords) unless asked for.
    expect(env.DEMO_SEED).toBe(false);
    expect(env.ALLOW_DEMO_ACCOUNTS).toBe(false);
    expect(env.RUN_RESOLVERS).toBe(true);
    // Replicated writes are flushed to disk before they are acknowledged.
    expect(env.SYNC_WRITES).toBe(true);
    expect(loadEnv({ SYNC_WRITES: 'false' }).SYNC_WRITES).toBe(false);
    expect(env.LOG_LEVEL).toBe('info');
  });

  it('does not read process.env when given a source', () => {
    const before = process.env.PORT;
    process.env.PORT = '1234';
    try {
      expect(loadEnv({}).PORT).toBe(8787);
      expect(loadEnv().PORT).toBe(1234);
    } finally {
      if (before === undefined) delete process.env.PORT;
      else process.env.PORT = before;
    }
  });

  it('reads and coerces the settings it is given', () => {
    const env = loadEnv({
      PORT: '3000',
      NODE_ENV: 'production',
      HOST: '0.0.0.0',
      DATA_DIR: '/var/lib/stallkeeper',
      COUCHDB_URL: 'http://admin:secret@couch:5984',
      SESSION_IDLE_DAYS: '7',
      TRUST_PROXY: 'true',
      TRUST_PROXY_HOPS: '2',
      DEMO_SEED: '1',
      ALLOW_DEMO_ACCOUNTS: 'true',
      RUN_RESOLVERS: 'false',
      LOG_LEVEL: 'silent',
    });
    expect(env).toMatchObject({
      PORT: 3000,
      NODE_ENV: 'production',
      HOST: '0.0.0.0',
      DATA_DIR: '/var/lib/stallkeeper',
      COUCHDB_URL: 'http://admin:secret@couch:5984',
      SESSION_IDLE_DAYS: 7,
      TRUST_PROXY: true,
      TRUST_PROXY_HOPS: 2,
      DEMO_SEED: true,
      ALLOW_DEMO_ACCOUNTS: true,
      RUN_RESOLVERS: false,
      LOG_LEVEL: 'silent',
    });
    expect(loadEnv({ TRUST_PROXY: 'yes', DEMO_SEED: 'no' })).toMatchObject({
      TRUST_PROXY: true,
      DEMO_SEED: false,
    });
    expect(loadEnv({ PORT: '0' }).PORT).toBe(0); // an ephemeral port on purpose
  });

  it('resolves a relative DATA_DIR against the directory the command was run from', () => {
    expect(loadEnv({ DATA_DIR: 'store' }).DATA_DIR).toBe(resolve(process.cwd(), 'store'));
    const caller = resolve('/tmp/somewhere');
    expect(loadEnv({ DATA_DIR: './store', INIT_CWD: caller }).DATA_DIR).toBe(join(caller, 'store'));
    expect(loadEnv({ DATA_DIR: '/abs/dir', INIT_CWD: caller }).DATA_DIR).toBe('/abs/dir');
  });

  it.each(['abc', '70000', '-1', '80.5', '65536', '8787x'])(
    'refuses PORT=%j with a readable error',
    (port) => {
      expect(() => loadEnv({ PORT: port })).toThrow(/^Invalid configuration:\n\s+PORT: /);
    },
  );

  it('treats an empty PORT as unset rather than as port 0', () => {
    expect(loadEnv({ PORT: '' }).PORT).toBe(8787);
  });

  it('names every bad setting in one error', () => {
    let message = '';
    try {
      loadEnv({
        PORT: 'http',
        LOG_LEVEL: 'loud',
        COUCHDB_URL: 'not a url',
        SESSION_IDLE_DAYS: '0',
        DATA_DIR: '',
      });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/^Invalid configuration:/);
    for (const key of ['PORT', 'LOG_LEVEL', 'COUCHDB_URL', 'SESSION_IDLE_DAYS', 'DATA_DIR']) {
      expect(message).toMatch(new RegExp(`^\\s+${key}: .+`, 'm'));
    }
    expect(message).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('creates the demo shop only with --demo or DEMO_SEED', () => {
    expect(loadEnv({}, []).DEMO_SEED).toBe(false);
    expect(loadEnv({}, ['--port', '1']).DEMO_SEED).toBe(false);
    expect(loadEnv({}, ['--demo']).DEMO_SEED).toBe(true);
    expect(loadEnv({ DEMO_SEED: 'true' }, []).DEMO_SEED).toBe(true);
    // The flag asks for the demo even when the environment says otherwise.
    expect(loadEnv({ DEMO_SEED: 'false' }, ['--demo']).DEMO_SEED).toBe(true);
  });

  it.each(['staging', 'prod', 'PRODUCTION'])('refuses NODE_ENV=%j', (value) => {
    expect(() => loadEnv({ NODE_ENV: value })).toThrow(/^Invalid configuration:\n\s+NODE_ENV: /);
  });

  it.each(['0', '11', '1.5', 'many'])('refuses TRUST_PROXY_HOPS=%j', (value) => {
    expect(() => loadEnv({ TRUST_PROXY_HOPS: value })).toThrow(/TRUST_PROXY_HOPS/);
  });

  it('takes a replica address only with the secret the replicas share', () => {
    const secret = 's'.repeat(32);
    expect(loadEnv({ REPLICA_URL: 'http://app-1:8787', REPLICA_SECRET: secret })).toMatchObject({
      REPLICA_URL: 'http://app-1:8787',
      REPLICA_SECRET: secret,
    });
    expect(loadEnv({ REPLICA_URL: '', REPLICA_SECRET: '' })).toMatchObject({
      REPLICA_URL: undefined,
      REPLICA_SECRET: undefined,
    });
    expect(() => loadEnv({ REPLICA_URL: 'http://app-1:8787' })).toThrow(
      /REPLICA_SECRET: is needed with REPLICA_URL/,
    );
    expect(() => loadEnv({ REPLICA_SECRET: 'short' })).toThrow(
      /REPLICA_SECRET: must be at least 32/,
    );
    expect(() => loadEnv({ REPLICA_URL: 'ftp://app-1', REPLICA_SECRET: secret })).toThrow(
      /REPLICA_URL/,
    );
  });

  it('refuses a boolean it does not understand', () => {
    expect(() => loadEnv({ TRUST_PROXY: 'maybe' })).toThrow(/TRUST_PROXY/);
    expect(() => loadEnv({ ALLOW_DEMO_ACCOUNTS: 'sure' })).toThrow(/ALLOW_DEMO_ACCOUNTS/);
  });
});
