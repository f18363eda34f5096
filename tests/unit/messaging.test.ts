import { describe, expect, it, vi } from 'vitest';
import { MessageError, sendMessage } from '@/utils/messaging/sender';
import { fakeDraft } from '../support/factories';

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

  it('gives a write one request id, made once and sent again unchanged with every retry', async () => {
    const sent: { requestId?: string }[] = [];
    let calls = 0;
    const send = vi.fn(async (message: unknown) => {
      sent.push(message as { requestId?: string });
      if (++calls < 3) throw new Error('Could not establish connection. Receiving end does not exist.');
      return { ok: true, value: { affected: 2 } };
    });
    await sendMessage(send, 'tag.rename', { from: 'htx', to: 'HTX' }, [1, 1, 1]);
    expect(sent).toHaveLength(3);
    expect(sent[0]?.requestId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(new Set(sent.map((m) => m.requestId)).size).toBe(1);
    // A new write, a new id.
    await sendMessage(send, 'tag.delete', { name: 'HTX' });
    expect(sent[3]?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent[3]?.requestId).not.toBe(sent[0]?.requestId);
  });

  it('gives reads no request id, nor a create (its own id makes a retry safe)', async () => {
    const send = vi.fn(async (_message: unknown) => ({ ok: true, value: [] }));
    await sendMessage(send, 'tag.list', {});
    await sendMessage(send, 'highlight.create', fakeDraft({ id: '11111111-1111-4111-8111-111111111111' }));
    for (const [message] of send.mock.calls) expect(message).not.toHaveProperty('requestId');
  });

  it('makes request ids where crypto.randomUUID is missing (it needs a secure context)', async () => {
    const randomUUID = crypto.randomUUID;
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      const send = vi.fn(async (_message: unknown) => ({ ok: true, value: { affected: 0 } }));
      await sendMessage(send, 'tag.delete', { name: 'x' });
      const [message] = send.mock.calls[0] ?? [];
      expect((message as { requestId?: string }).requestId).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    } finally {
      Object.defineProperty(crypto, 'randomUUID', { value: randomUUID, configurable: true });
    }
  });
});
