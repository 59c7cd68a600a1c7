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

/**
 * A handshake is answered once. Wrapping each way of answering it with the returned function
 * makes every call after the first a no-op: a failure after the handshake was passed on
 * (something downstream threw) must not answer it again, with a 403 after a 101 or a second
 * `done()`.
 */
export function answeredOnce(): <A extends unknown[]>(answer: (...args: A) => void) => (...args: A) => void {
  let answered = false;
  return (answer) =>
    (...args) => {
      if (answered) return;
      answered = true;
      answer(...args);
    };
}
