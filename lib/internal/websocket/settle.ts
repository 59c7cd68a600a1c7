/**
 * Calls `then` with a value that may be a promise, synchronously when it is not, and `fail`
 * when it rejects or `then` throws: the handshake path's callbacks never throw into Node's
 * event handlers (which would crash the process).
 */
export function settle<T>(value: T | Promise<T>, then: (value: T) => void, fail: (error: unknown) => void): void {
  if (value instanceof Promise) {
    value.then(then).catch(fail);
    return;
  }
  try {
    then(value);
  } catch (error) {
    fail(error);
  }
}
