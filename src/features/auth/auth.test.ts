import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { adminHeaders, makeSignedInUser, makeUser, signInHeaders } from '../../../test/helpers/auth.ts';
import { buildApp } from '../../app.ts';
import { queryRows } from '../../db/query.ts';
import { issueSetupLink } from './auth.links.service.ts';
import { purgeEndedSessions } from './auth.repo.ts';
import { addressKey, purgeAttempts, SIGN_IN_LIMITS, SIGN_IN_WINDOW_MS } from './sign-in-limits.ts';

let t: TestApp;
const password = 'correct horse battery';

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload: payload as object, headers });

/** Runs `use` with a second app on the same database that trusts one proxy in front of it; closes it after. */
async function withProxiedApp(use: (behindProxy: FastifyInstance) => Promise<void>) {
  const behindProxy = await buildApp({ database: t.database, trustProxy: 1 });
  try {
    await use(behindProxy);
  } finally {
    await behindProxy.close();
  }
}

describe('first start', () => {
  /** Sets up the first account with a setup link; the password is the test's unless given. */
  const setUp = (token: string, account: { email: string; name: string; password?: string }) =>
    post('/api/auth/setup', { token, password, ...account });

  it('issues a setup link while no user exists, and only the newest one works', async () => {
    const first = await issueSetupLink(t.database.db, 'http://localhost:3000');
    const second = await issueSetupLink(t.database.db, 'http://localhost:3000');
    expect(second!.url).toMatch(/^http:\/\/localhost:3000\/setup#token=[A-Za-z0-9_-]{43}$/);

    const stale = await setUp(first!.token, { email: 'admin@example.org', name: 'Admin' });
    expect(stale.statusCode).toBe(400);
    expect(stale.json().error.code).toBe('LINK_INVALID');

    const inspected = await post('/api/auth/links/inspect', { token: second!.token });
    expect(inspected.json()).toEqual({ purpose: 'setup', email: null });

    const weak = await setUp(second!.token, { email: 'a@example.org', name: 'A', password: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details).toEqual([expect.objectContaining({ field: 'body.password' })]);

    const done = await setUp(second!.token, { email: 'Admin@Example.org', name: 'Admin' });
    expect(done.statusCode).toBe(200);
    expect(done.json().user).toMatchObject({ email: 'Admin@Example.org', isAdmin: true });
    const cookie = done.cookies.find((entry) => entry.name === 'cb_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();

    const again = await setUp(second!.token, { email: 'b@example.org', name: 'B' });
    expect(again.json().error.code).toBe('LINK_INVALID');
    expect(await issueSetupLink(t.database.db, 'http://localhost:3000')).toBeUndefined();
  });

  it('stores the password as an argon2id hash, never in clear', async () => {
    const [row] = await queryRows<{ password_hash: string }>(
      t.database.db,
      sql`select password_hash from users where lower(email) = 'admin@example.org'`,
    );
    expect(row!.password_hash).toMatch(/^\$argon2id\$v=19\$/);
    expect(row!.password_hash).not.toContain(password);
  });
});

describe('sign-in and sessions', () => {
  it('signs in without regard to the email address case, and says nothing about which part was wrong', async () => {
    const wrongPassword = await post('/api/auth/sign-in', {
      email: 'admin@example.org',
      password: 'wrong password',
    });
    const unknownUser = await post('/api/auth/sign-in', { email: 'nobody@example.org', password });
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknownUser.statusCode).toBe(401);
    expect(wrongPassword.json()).toEqual(unknownUser.json());

    const session = await signInHeaders(t.app, 'ADMIN@example.org', password);
    const me = await t.app.inject({ url: '/api/auth/session', headers: { cookie: session.cookie! } });
    expect(me.json()).toMatchObject({
      user: { email: 'Admin@Example.org' },
      csrfToken: session['x-csrf-token'],
    });
  });

  it('answers anonymous visitors with no user', async () => {
    const me = await t.app.inject({ url: '/api/auth/session' });
    expect(me.json()).toEqual({ user: null, memberships: [], csrfToken: null });
  });

  it('refuses cookie-authenticated writes without the CSRF token, and changes nothing', async () => {
    const { headers } = await makeSignedInUser(t.database.db);
    const missing = await post('/api/auth/tokens', { name: 'script' }, { cookie: headers.cookie! });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().error.code).toBe('CSRF_FAILED');
    const forged = await post(
      '/api/auth/tokens',
      { name: 'script' },
      { ...headers, 'x-csrf-token': 'forged' },
    );
    expect(forged.statusCode).toBe(403);
    const list = await t.app.inject({ url: '/api/auth/tokens', headers });
    expect(list.json().items).toEqual([]);
  });

  it('does not clear the session cookie for a sign-out that came without it (a cross-site form)', async () => {
    const response = await post('/api/auth/sign-out', {});
    expect(response.statusCode).toBe(204);
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('signs out one session, or every session of the user', async () => {
    const user = await makeUser(t.database.db, { password });
    const a = await signInHeaders(t.app, user.email, password);
    const b = await signInHeaders(t.app, user.email, password);
    const c = await signInHeaders(t.app, user.email, password);
    const out = await post('/api/auth/sign-out', {}, a);
    expect(out.statusCode).toBe(204);
    const whoA = await t.app.inject({ url: '/api/auth/session', headers: { cookie: a.cookie! } });
    expect(whoA.json().user).toBeNull();
    const whoB = await t.app.inject({ url: '/api/auth/session', headers: { cookie: b.cookie! } });
    expect(whoB.json().user.email).toBe(user.email);

    expect((await post('/api/auth/sign-out-everywhere', {}, b)).statusCode).toBe(204);
    for (const session of [b, c]) {
      const who = await t.app.inject({ url: '/api/auth/session', headers: { cookie: session.cookie! } });
      expect(who.json().user).toBeNull();
    }
  });

  it('changes the password with the current one and ends the other sessions', async () => {
    const user = await makeUser(t.database.db, { password });
    const mine = await signInHeaders(t.app, user.email, password);
    const other = await signInHeaders(t.app, user.email, password);
    const wrong = await post(
      '/api/auth/password',
      { currentPassword: 'not it at all', newPassword: 'a new password 1' },
      mine,
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details[0].field).toBe('body.currentPassword');

    const changed = await post(
      '/api/auth/password',
      { currentPassword: password, newPassword: 'a new password 1' },
      mine,
    );
    expect(changed.statusCode).toBe(204);
    expect(
      (await t.app.inject({ url: '/api/auth/session', headers: { cookie: mine.cookie! } })).json().user,
    ).not.toBeNull();
    expect(
      (await t.app.inject({ url: '/api/auth/session', headers: { cookie: other.cookie! } })).json().user,
    ).toBeNull();
    expect((await post('/api/auth/sign-in', { email: user.email, password })).statusCode).toBe(401);
    await signInHeaders(t.app, user.email, 'a new password 1');
  });
});

describe('sign-in limits', () => {
  let address = 0;
  /** A client address of its own for each test, so that counts do not carry over. */
  const nextAddress = () => {
    address += 1;
    return `198.51.100.${address}`;
  };
  const signInFrom = (remoteAddress: string, email: string, guess: string, app = t.app) =>
    app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      remoteAddress,
      payload: { email, password: guess },
    });
  /** A password sprayer's sign-in, through the proxy at 10.0.0.2, which sends on `forwardedFor`. */
  const signInThroughProxy = (behindProxy: FastifyInstance, forwardedFor: string, email: string) =>
    behindProxy.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      remoteAddress: '10.0.0.2',
      headers: { 'x-forwarded-for': forwardedFor },
      payload: { email, password: 'Spring2026!' },
    });

  it('stop password spraying: many accounts from one address', async () => {
    const from = nextAddress();
    const codes: number[] = [];
    for (let attempt = 0; attempt < SIGN_IN_LIMITS.address + 5; attempt += 1) {
      codes.push((await signInFrom(from, `random${attempt}@example.org`, 'Winter2020!')).statusCode);
    }
    expect(codes.slice(0, SIGN_IN_LIMITS.address).every((code) => code === 401)).toBe(true);
    expect(codes.slice(SIGN_IN_LIMITS.address)).toEqual(Array(5).fill(429));
    // The right password of a real account is refused too from that address, without being checked.
    const user = await makeUser(t.database.db, { password });
    const blocked = await signInFrom(from, user.email, password);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error).toMatchObject({ code: 'RATE_LIMITED', details: [{ field: 'address' }] });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(SIGN_IN_WINDOW_MS / 1000);
    // Another address is not affected.
    expect((await signInFrom(nextAddress(), user.email, password)).statusCode).toBe(200);
  });

  it('stop guessing one account from many addresses', async () => {
    const user = await makeUser(t.database.db, { password });
    for (let attempt = 0; attempt < SIGN_IN_LIMITS.account; attempt += 1) {
      expect((await signInFrom(nextAddress(), user.email, `guess ${attempt}`)).statusCode).toBe(401);
    }
    const limited = await signInFrom(nextAddress(), user.email.toUpperCase(), password);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.details).toEqual([{ field: 'account', message: expect.any(String) }]);
  });

  it('cannot be used to lock the owner out of the browsers they already signed in with', async () => {
    const owner = await makeUser(t.database.db, { password });
    const other = await makeUser(t.database.db, { password });
    const deviceOf = async (email: string) => {
      const response = await signInFrom(nextAddress(), email, password);
      expect(response.statusCode).toBe(200);
      const cookie = response.cookies.find((entry) => entry.name === 'cb_device');
      expect(cookie).toMatchObject({ httpOnly: true, path: '/api/auth/sign-in' });
      return `cb_device=${cookie!.value}`;
    };
    const ownersBrowser = await deviceOf(owner.email);
    const othersBrowser = await deviceOf(other.email);
    // Someone guesses the owner's password from elsewhere until the account's limit is spent.
    for (let attempt = 0; attempt <= SIGN_IN_LIMITS.account; attempt += 1) {
      await signInFrom(nextAddress(), owner.email, `guess ${attempt}`);
    }
    const signInWith = (cookie?: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        remoteAddress: nextAddress(),
        headers: cookie ? { cookie } : {},
        payload: { email: owner.email, password },
      });
    expect((await signInWith()).statusCode).toBe(429);
    expect((await signInWith(othersBrowser)).statusCode).toBe(429);
    expect((await signInWith('cb_device=made-up-value-0123456789')).statusCode).toBe(429);
    expect((await signInWith(ownersBrowser)).statusCode).toBe(200);
  });

  it('count only failures: signing in often is fine', async () => {
    const user = await makeUser(t.database.db, { password });
    const from = nextAddress();
    for (let attempt = 0; attempt < SIGN_IN_LIMITS.account + 5; attempt += 1) {
      expect((await signInFrom(from, user.email, password)).statusCode).toBe(200);
    }
    // A few typos in between do not lock the user out either.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect((await signInFrom(from, user.email, 'typo')).statusCode).toBe(401);
      expect((await signInFrom(from, user.email, password)).statusCode).toBe(200);
    }
  });

  it('are shared by every instance on the database', async () => {
    const other = await buildApp({ database: t.database });
    try {
      const from = nextAddress();
      const email = 'shared-target@example.org';
      for (let attempt = 0; attempt < SIGN_IN_LIMITS.account; attempt += 1) {
        const app = attempt % 2 === 0 ? t.app : other;
        expect((await signInFrom(from, email, `guess ${attempt}`, app)).statusCode).toBe(401);
      }
      expect((await signInFrom(from, email, 'one more', other)).statusCode).toBe(429);
      expect((await signInFrom(from, email, 'one more', t.app)).statusCode).toBe(429);
    } finally {
      await other.close();
    }
  });

  it('behind a proxy count the address the proxy saw, not one the client wrote', async () => {
    await withProxiedApp(async (behindProxy) => {
      const client = nextAddress();
      const codes: number[] = [];
      for (let attempt = 0; attempt < SIGN_IN_LIMITS.address + 1; attempt += 1) {
        // The left-most entry is whatever the client sent; the proxy appends the address it saw.
        const forwardedFor = `203.0.113.${attempt}, ${client}`;
        const response = await signInThroughProxy(behindProxy, forwardedFor, `spray${attempt}@example.org`);
        codes.push(response.statusCode);
      }
      expect(codes.at(-1)).toBe(429);
    });
  });

  it('count one client per address however it is written, and per IPv6 /64', () => {
    expect(addressKey('203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('203.0.113.9:5555')).toBe('203.0.113.9');
    expect(addressKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('::FFFF:cb00:7109')).toBe('203.0.113.9');
    const one = addressKey('2001:db8:1:2::1');
    for (const spelling of [
      '2001:DB8:1:2::1',
      '2001:0db8:0001:0002:0000:0000:0000:0001',
      '[2001:db8:1:2::1]:443',
      '2001:db8:1:2:ffff:ffff:ffff:ffff',
      '2001:db8:1:2::7%eth0',
    ]) {
      expect(addressKey(spelling), spelling).toBe(one);
    }
    expect(one).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:3::1')).not.toBe(one);
  });

  it('stop spraying from addresses rotating through one IPv6 /64', async () => {
    await withProxiedApp(async (behindProxy) => {
      const codes: number[] = [];
      for (let attempt = 0; attempt < SIGN_IN_LIMITS.address + 2; attempt += 1) {
        const forwardedFor = `2001:db8:77:1:0:${attempt.toString(16)}::1`;
        const response = await signInThroughProxy(behindProxy, forwardedFor, `v6-${attempt}@example.org`);
        codes.push(response.statusCode);
      }
      expect(codes.slice(-2)).toEqual([429, 429]);
    });
  });

  it('count wrong current passwords when changing the password', async () => {
    const { headers } = await makeSignedInUser(t.database.db, { password });
    const codes: number[] = [];
    for (let attempt = 0; attempt < SIGN_IN_LIMITS.account + 1; attempt += 1) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/password',
        remoteAddress: nextAddress(),
        headers,
        payload: { currentPassword: `guess ${attempt}`, newPassword: 'a new password 1' },
      });
      codes.push(response.statusCode);
    }
    expect(codes.slice(0, SIGN_IN_LIMITS.account).every((code) => code === 400)).toBe(true);
    expect(codes.at(-1)).toBe(429);
  });

  it('forget counters whose window has passed', async () => {
    const from = nextAddress();
    await signInFrom(from, 'old@example.org', 'guess');
    expect(
      await purgeAttempts(t.database.db, new Date(Date.now() + SIGN_IN_WINDOW_MS + 1000)),
    ).toBeGreaterThan(0);
    const left = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from sign_in_attempts where key = ${from}`,
    );
    expect(left[0]!.n).toBe(0);
  });
});

describe('ends of sessions and tokens', () => {
  const tokensOf = async (userId: number) =>
    queryRows<{ name: string; revoked: boolean }>(
      t.database.db,
      sql`select name, revoked_at is not null as revoked from api_tokens where user_id = ${userId} order by id`,
    );

  it('a new password revokes the API tokens, unless the user keeps them', async () => {
    const { user, headers } = await makeSignedInUser(t.database.db, { password });
    const token = (await post('/api/auth/tokens', { name: 'first' }, headers)).json().token as string;
    const change = (currentPassword: string, newPassword: string, keepApiTokens?: boolean) =>
      post('/api/auth/password', { currentPassword, newPassword, keepApiTokens }, headers);
    expect((await change(password, 'a second password', true)).statusCode).toBe(204);
    expect(await tokensOf(user.id)).toEqual([{ name: 'first', revoked: false }]);
    const bearer = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ url: '/api/auth/session', headers: bearer })).json().user.id).toBe(user.id);

    expect((await change('a second password', 'a third password')).statusCode).toBe(204);
    expect(await tokensOf(user.id)).toEqual([{ name: 'first', revoked: true }]);
    expect((await t.app.inject({ url: '/api/auth/session', headers: bearer })).statusCode).toBe(401);
  });

  it('disabling a user revokes their API tokens for good, and a token cannot make more tokens', async () => {
    const admin = await adminHeaders(t.database.db);
    const { user, headers } = await makeSignedInUser(t.database.db);
    const token = (await post('/api/auth/tokens', { name: 'nightly' }, headers)).json().token as string;
    const bearer = { authorization: `Bearer ${token}` };
    const minted = await post('/api/auth/tokens', { name: 'another' }, bearer);
    expect(minted.statusCode).toBe(403);

    const patch = (version: number, disabled: boolean) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/users/${user.id}`,
        headers: admin,
        payload: { version, disabled },
      });
    const disabled = await patch(user.version, true);
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect((await patch(disabled.json().version, false)).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/auth/session', headers: bearer })).statusCode).toBe(401);
    expect(await tokensOf(user.id)).toEqual([{ name: 'nightly', revoked: true }]);
  });

  it('a password reset by link revokes the API tokens too', async () => {
    const admin = await adminHeaders(t.database.db);
    const { user, headers } = await makeSignedInUser(t.database.db, { password });
    await post('/api/auth/tokens', { name: 'script' }, headers);
    const link = await post(`/api/users/${user.id}/password-link`, {}, admin);
    const token = new URL(link.json().url).hash.replace('#token=', '');
    expect((await post('/api/auth/password-link', { token, password: 'reset password 1' })).statusCode).toBe(
      200,
    );
    expect(await tokensOf(user.id)).toEqual([{ name: 'script', revoked: true }]);
  });

  it('a session ends 30 days after sign-in however much it is used, and ended ones are purged', async () => {
    const { user, headers } = await makeSignedInUser(t.database.db);
    const session = () => t.app.inject({ url: '/api/auth/session', headers });
    expect((await session()).json().user).not.toBeNull();
    // In use every day: the idle expiry keeps moving, but the sign-in was 31 days ago.
    await t.database.db.execute(
      sql`update sessions set created_at = now() - interval '31 days', last_seen_at = now(), expires_at = now() + interval '13 days' where user_id = ${user.id}`,
    );
    expect((await session()).json().user).toBeNull();

    await t.database.db.execute(
      sql`update sessions set expires_at = now() - interval '1 second' where user_id = ${user.id}`,
    );
    const purged = await purgeEndedSessions(t.database.db, new Date());
    expect(purged.sessions).toBeGreaterThanOrEqual(1);
    const left = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from sessions where user_id = ${user.id}`,
    );
    expect(left[0]!.n).toBe(0);
  });
});

describe('behind a TLS-terminating proxy', () => {
  it('marks the session cookie Secure when the proxy is trusted, and only then', async () => {
    const user = await makeUser(t.database.db, { password, email: 'proxy@example.org' });
    await withProxiedApp(async (behindProxy) => {
      const headers = { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' };
      const payload = { email: user.email, password };
      const trusted = await behindProxy.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        headers,
        payload,
      });
      expect(trusted.statusCode).toBe(200);
      expect(trusted.cookies.find((cookie) => cookie.name === 'cb_session')?.secure).toBe(true);
      const direct = await post('/api/auth/sign-in', payload, headers);
      expect(direct.statusCode).toBe(200);
      expect(direct.cookies.find((cookie) => cookie.name === 'cb_session')?.secure).toBeFalsy();
    });
  });
});

describe('API tokens', () => {
  it('act as their user until revoked, and are stored only as hashes', async () => {
    const { user, headers } = await makeSignedInUser(t.database.db);
    const created = await post('/api/auth/tokens', { name: 'nightly export' }, headers);
    expect(created.statusCode).toBe(201);
    const { token, id, prefix } = created.json();
    expect(token.startsWith(prefix)).toBe(true);
    const stored = await queryRows<{ token_hash: string }>(
      t.database.db,
      sql`select token_hash from api_tokens`,
    );
    expect(stored.some((row) => row.token_hash.includes(token))).toBe(false);

    const bearer = { authorization: `Bearer ${token}` };
    const me = await t.app.inject({ url: '/api/auth/session', headers: bearer });
    expect(me.json().user.email).toBe(user.email);
    // Bearer requests need no CSRF token: no browser sends them on its own.
    const second = (await post('/api/auth/tokens', { name: 'second' }, headers)).json();
    const revokedByBearer = await t.app.inject({
      method: 'DELETE',
      url: `/api/auth/tokens/${second.id}`,
      headers: bearer,
    });
    expect(revokedByBearer.statusCode).toBe(204);

    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/auth/tokens/${id}`, headers })).statusCode,
    ).toBe(204);
    const after = await t.app.inject({ url: '/api/auth/session', headers: bearer });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('UNAUTHENTICATED');
    const again = await t.app.inject({ method: 'DELETE', url: `/api/auth/tokens/${id}`, headers });
    expect(again.statusCode).toBe(404);
  });
});

describe('user administration', () => {
  it('lets administrators add users with a one-time password link, and disable them', async () => {
    const headers = await adminHeaders(t.database.db);
    const added = await post(
      '/api/users',
      { email: 'coordinator@espoo.example.org', name: 'Coordinator' },
      headers,
    );
    expect(added.statusCode).toBe(201);
    const { user, link } = added.json();
    expect(user).toMatchObject({ hasPassword: false, isAdmin: false, disabled: false });
    const token = new URL(link.url).hash.replace('#token=', '');

    const taken = await post(
      '/api/users',
      { email: 'COORDINATOR@espoo.example.org', name: 'Again' },
      headers,
    );
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('EMAIL_TAKEN');

    const inspected = await post('/api/auth/links/inspect', { token });
    expect(inspected.json()).toEqual({ purpose: 'password', email: 'coordinator@espoo.example.org' });
    const chosen = await post('/api/auth/password-link', { token, password });
    expect(chosen.statusCode).toBe(200);
    const session = await signInHeaders(t.app, 'coordinator@espoo.example.org', password);

    const stale = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      headers,
      payload: { version: user.version, disabled: true },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current.version).toBeGreaterThan(user.version);
    const current = stale.json().error.current.version;
    const disabled = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      headers,
      payload: { version: current, disabled: true },
    });
    expect(disabled.json()).toMatchObject({ disabled: true });
    expect(
      (await t.app.inject({ url: '/api/auth/session', headers: { cookie: session.cookie! } })).json().user,
    ).toBeNull();
    expect((await post('/api/auth/sign-in', { email: user.email, password })).statusCode).toBe(401);
  });

  it('refuses user administration to everyone else', async () => {
    const { headers } = await makeSignedInUser(t.database.db);
    expect((await t.app.inject({ url: '/api/users', headers })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/users' })).statusCode).toBe(401);
  });
});
