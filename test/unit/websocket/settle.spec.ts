import { describe, expect, it } from '@jest/globals';
import { answeredOnce, settle } from '../../../lib/internal/websocket/settle.js';

describe('answeredOnce', () => {
  it('lets only the first answer through, whichever it is', () => {
    const calls: string[] = [];
    const once = answeredOnce();
    const pass = once(() => calls.push('pass'));
    const refuse = once((code: number) => calls.push(`refuse ${code}`));
    pass();
    refuse(403);
    pass();
    expect(calls).toEqual(['pass']);
  });

  it('a failure after the handshake was passed on does not answer it again', () => {
    const calls: string[] = [];
    const once = answeredOnce();
    const refuse = once(() => calls.push('refuse'));
    const pass = once(() => {
      calls.push('pass');
      throw new Error('downstream');
    });
    settle(true, () => pass(), refuse);
    expect(calls).toEqual(['pass']);
  });
});

describe('settle', () => {
  it('fails when the value rejects, and never throws', async () => {
    const calls: string[] = [];
    settle(Promise.reject(new Error('x')), () => calls.push('then'), () => calls.push('fail'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual(['fail']);
  });
});
