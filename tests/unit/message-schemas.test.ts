import { describe, expect, it } from 'vitest';
import { requestSchemas } from '@/utils/messaging/background-schemas';

describe('requestSchemas', () => {
  it('has a working schema for every message type (an import cycle would leave one undefined)', () => {
    const entries = Object.entries(requestSchemas);
    expect(entries.length).toBeGreaterThan(15);
    for (const [type, schema] of entries) expect(typeof schema?.safeParse, type).toBe('function');
  });
});
