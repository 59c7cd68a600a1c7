import { request as httpRequest } from 'node:http';

/** A response as it came off the wire. */
export interface RawResponse {
  status: number;
  /** Header names lowercased; values of repeated lines kept apart. */
  headers: Record<string, string[]>;
  body: string;
  /** The first value of a header, or undefined when absent. */
  header(name: string): string | undefined;
}

/**
 * Sends one request with exactly these header lines (repeats allowed, nothing added but Host)
 * and returns every header line of the response, so tests can assert on duplicates and absence.
 * `target` replaces the request target on the wire (default: the path and query of `path`).
 */
export function send(
  baseUrl: string,
  method: string,
  path: string,
  headers: Array<[string, string]> | Record<string, string> = {},
  body?: string,
  target?: string,
): Promise<RawResponse> {
  const url = new URL(path, baseUrl);
  // With raw header lines Node adds no Host header itself.
  const lines: string[] = ['Host', url.host];
  for (const [name, value] of Array.isArray(headers) ? headers : Object.entries(headers)) lines.push(name, value);
  if (body !== undefined) lines.push('Content-Length', String(Buffer.byteLength(body)));
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, method, path: target ?? url.pathname + url.search, headers: lines, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const grouped: Record<string, string[]> = {};
          for (let i = 0; i < res.rawHeaders.length; i += 2) {
            const name = res.rawHeaders[i]!.toLowerCase();
            (grouped[name] ??= []).push(res.rawHeaders[i + 1]!);
          }
          resolve({
            status: res.statusCode ?? 0,
            headers: grouped,
            body: Buffer.concat(chunks).toString('utf8'),
            header: (name: string) => grouped[name.toLowerCase()]?.[0],
          });
        });
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** Sends a preflight with this exact request target (e.g. the absolute form `http://host/path`). */
export function preflightTo(baseUrl: string, target: string, origin: string, method: string): Promise<RawResponse> {
  return send(baseUrl, 'OPTIONS', '/', [['Origin', origin], ['Access-Control-Request-Method', method]], undefined, target);
}

/** Sends a preflight for `method` from `origin`, with optional requested headers. */
export function preflight(baseUrl: string, path: string, origin: string, method: string, requestHeaders?: string): Promise<RawResponse> {
  const headers: Array<[string, string]> = [
    ['Origin', origin],
    ['Access-Control-Request-Method', method],
  ];
  if (requestHeaders !== undefined) headers.push(['Access-Control-Request-Headers', requestHeaders]);
  return send(baseUrl, 'OPTIONS', path, headers);
}

/** Every `Access-Control-*` header of a response, lowercased names. */
export function corsHeaders(response: RawResponse): Record<string, string[]> {
  return Object.fromEntries(Object.entries(response.headers).filter(([name]) => name.startsWith('access-control-')));
}
