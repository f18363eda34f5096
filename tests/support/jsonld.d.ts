/** The part of `jsonld` (digitalbazaar's JSON-LD processor, no types of its own) that the tests use. */
declare module 'jsonld' {
  interface RemoteDocument {
    contextUrl: string | null;
    documentUrl: string;
    document: unknown;
  }
  interface ExpandOptions {
    documentLoader?: (url: string) => Promise<RemoteDocument>;
    /** Throw instead of dropping what the context cannot map (jsonld.js ≥ 8). */
    safe?: boolean;
  }
  const jsonld: { expand(input: object, options?: ExpandOptions): Promise<object[]> };
  export default jsonld;
}
