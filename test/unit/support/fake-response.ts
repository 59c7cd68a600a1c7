import type { ResponseWriter } from '../../../lib/internal/http/response-writer.js';

/** A response whose header names are case-insensitive (as on Node), recording what was sent. */
export class FakeResponse {
  readonly headers = new Map<string, string>();
  sent: { status: number; headers: Record<string, string> } | undefined;
  /** The verdict sealed on the response (`ResponseWriter.seal`): refused or not; undefined when not sealed. */
  sealedRefused: boolean | undefined;

  /** The headers as a plain object with lowercase names. */
  snapshot(): Record<string, string> {
    return Object.fromEntries(this.headers);
  }
}

/** Writes to a `FakeResponse`. */
export const fakeWriter: ResponseWriter = {
  getHeader: (res, name) => (res as FakeResponse).headers.get(name.toLowerCase()),
  setHeader: (res, name, value) => void (res as FakeResponse).headers.set(name.toLowerCase(), value),
  removeHeader: (res, name) => void (res as FakeResponse).headers.delete(name.toLowerCase()),
  seal: (res, refused) => void ((res as FakeResponse).sealedRefused = refused),
  nodeResponse: () => undefined,
  sendEmpty: (res, status, headers) => {
    const response = res as FakeResponse;
    if (response.sent !== undefined) throw new Error('sendEmpty called twice');
    response.sent = { status, headers };
  },
};
