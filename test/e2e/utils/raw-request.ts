import { connect } from 'node:net';

/** Writes raw bytes (latin1) to the server and returns the status and the response head. */
export function rawRequest(url: string, head: string): Promise<{ status: number; head: string }> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.end(Buffer.from(head, 'latin1')));
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString('latin1')));
    socket.on('end', () => {
      const headEnd = data.indexOf('\r\n\r\n');
      resolve({ status: Number(data.slice(9, 12)), head: data.slice(0, headEnd === -1 ? undefined : headEnd) });
    });
    socket.on('error', reject);
  });
}
