/**
 * The message of an error, or the value as text. Duck-typed: an error raised by Node's own modules
 * is not an `instanceof Error` of another realm (Jest's VM contexts).
 */
export function errorMessage(error: unknown): string {
  const message = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined;
  return typeof message === 'string' ? message : String(error);
}
