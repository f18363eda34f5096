/** The part of citation-js the export tests use (it ships no types). */
declare module '@citation-js/core' {
  export const plugins: {
    input: {
      /** Parses input one step: a RIS file's text into its records (`{TY, TI, N1: [...], …}`). */
      chainLink(data: unknown): unknown;
    };
  };
}
declare module '@citation-js/plugin-ris';
