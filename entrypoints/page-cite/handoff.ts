/**
 * Where the page UI finds the citation formatter once `page-cite.js` ran in the same isolated world. Types only and
 * a symbol here: the UI imports this file, and must not pull citeproc into its bundle.
 */
import type { Quotation, QuotationRequest } from '@/utils/citation/format';

export type CiteFormatter = (request: QuotationRequest) => Quotation;

const CITE_KEY = Symbol.for('clipmark.page-cite');
type WithCite = typeof globalThis & { [CITE_KEY]?: CiteFormatter };

export function publishCiteFormatter(format: CiteFormatter): void {
  (globalThis as WithCite)[CITE_KEY] ??= format;
}

export function findCiteFormatter(): CiteFormatter | undefined {
  return (globalThis as WithCite)[CITE_KEY];
}
