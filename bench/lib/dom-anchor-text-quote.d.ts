/** The benchmark's peer ships no types; only what the benchmark calls. */
declare module 'dom-anchor-text-quote' {
  export interface TextQuote {
    exact: string;
    prefix?: string;
    suffix?: string;
  }
  export function toRange(root: Node, selector: TextQuote, options?: { hint?: number }): Range | null;
}
