/** The cookie `signIn` sets and `me` reads: the signed-in name, in plain text (a sample, not a session store). */
export const SESSION_COOKIE = 'sample_user';

/** Names `signIn` accepts: short, and nothing that could break out of a cookie header. */
export const SIGN_IN_NAME = /^[\w-]{1,32}$/;

/**
 * The `Set-Cookie` value of a sign-in. The page calling the API is on another site (the
 * playground on `localhost`, the API on `127.0.0.1`), so the cookie must be `SameSite=None`,
 * hence `Secure` (browsers accept `Secure` from `http://127.0.0.1` and `http://localhost`), and
 * `Partitioned`: Chromium blocks unpartitioned third-party cookies, and stores this one under
 * the page's site, where the page's next request finds it.
 */
export function sessionCookie(name: string): string {
  return `${SESSION_COOKIE}=${name}; Path=/; HttpOnly; SameSite=None; Secure; Partitioned`;
}

/** The value of `SESSION_COOKIE` in a `Cookie` request header, or null. */
export function readSessionCookie(header: string | undefined): string | null {
  for (const pair of (header ?? '').split(';')) {
    const [name, value] = pair.trim().split('=', 2);
    if (name === SESSION_COOKIE && value !== undefined && SIGN_IN_NAME.test(value)) return value;
  }
  return null;
}
