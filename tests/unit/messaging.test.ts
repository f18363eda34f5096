import { describe, expect, it, vi } from 'vitest';
import { MessageError, sendMessage } from '@/utils/messaging';
import { fakeDraft } from './factories';

describe('sendMessage', () => {
  it('wraps the request in an envelope and unwraps a successful result', async () => {
    const send = vi.fn(async () => ({ ok: true, value: [] }));
    await expect(sendMessage(send, 'highlight.listForPage', { url: 'https://a.vn/x' })).resolves.toEqual([]);
    expect(send).toHaveBeenCalledWith({
      clipmark: 1,
      type: 'highlight.listForPage',
      payload: { url: 'https://a.vn/x' },
    });
  });

  it('retries while the service worker restarts, so the write is acknowledged', async () => {
    let calls = 0;
    const send = vi.fn(async () => {
      calls++;
      if (calls < 3) throw new Error('Could not establish connection. Receiving end does not exist.');
      return { ok: true, value: { id: 'x' } };
    });
    await expect(sendMessage(send, 'highlight.delete', { id: 'x' }, [1, 1, 1])).resolves.toEqual({ id: 'x' });
    expect(calls).toBe(3);
  });

  it('retries when the worker stopped before answering (creates carry their own id, so no double write)', async () => {
    let calls = 0;
    const send = vi.fn(async () => {
      if (++calls === 1) {
        throw new Error(
          'A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received',
        );
      }
      return { ok: true, value: [] };
    });
    await expect(sendMessage(send, 'highlight.listForPage', { url: 'https://a.vn/x' }, [1])).resolves.toEqual(
      [],
    );
    expect(calls).toBe(2);
  });

  it('reports failure once retries run out, instead of losing the write silently', async () => {
    const send = vi.fn(async () => {
      throw new Error('Receiving end does not exist.');
    });
    await expect(sendMessage(send, 'highlight.create', fakeDraft(), [1, 1])).rejects.toMatchObject({
      code: 'unreachable',
    });
    expect(send).toHaveBeenCalledTimes(3);
  });

  it('does not retry errors that are not transient', async () => {
    const send = vi.fn(async () => {
      throw new Error('Extension context invalidated.');
    });
    await expect(sendMessage(send, 'highlight.delete', { id: 'x' }, [1, 1])).rejects.toBeInstanceOf(
      MessageError,
    );
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('turns an error result into a MessageError with its code', async () => {
    const send = async () => ({ ok: false, error: { code: 'forbidden', message: 'no' } });
    await expect(sendMessage(send, 'highlight.delete', { id: 'x' })).rejects.toMatchObject({
      code: 'forbidden',
      message: 'no',
    });
  });

  it('retries a missing answer (Chromium may give one when the worker stops before answering), then fails', async () => {
    let calls = 0;
    const once = vi.fn(async () => (++calls === 1 ? undefined : { ok: true, value: { id: 'x' } }));
    await expect(sendMessage(once, 'highlight.create', fakeDraft(), [1, 1])).resolves.toEqual({ id: 'x' });
    expect(once).toHaveBeenCalledTimes(2);
    // Never an answer (e.g. a listener returning a Promise, which Chromium senders see as nothing): a failure.
    const never = vi.fn(async () => undefined);
    await expect(sendMessage(never, 'highlight.delete', { id: 'x' }, [1, 1])).rejects.toMatchObject({
      code: 'unreachable',
    });
    expect(never).toHaveBeenCalledTimes(3);
    // An answer that is not a result is not retried.
    const odd = vi.fn(async () => ({ hello: 1 }));
    await expect(sendMessage(odd, 'highlight.delete', { id: 'x' }, [1, 1])).rejects.toMatchObject({
      code: 'unreachable',
    });
    expect(odd).toHaveBeenCalledTimes(1);
  });
});
