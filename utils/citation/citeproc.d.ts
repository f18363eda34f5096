/** The parts of citeproc-js (npm `citeproc`, CommonJS, no types of its own) that utils/citation/format.ts uses. */
declare module 'citeproc' {
  interface Sys {
    retrieveLocale(lang: string): string;
    retrieveItem(id: string): unknown;
  }
  class Engine {
    constructor(sys: Sys, style: string, lang?: string, forceLang?: boolean);
    setOutputFormat(format: 'text' | 'html'): void;
    updateItems(ids: string[]): void;
    makeBibliography(): [unknown, string[]] | false;
    previewCitationCluster(
      citation: { citationItems: { id: string }[]; properties: { noteIndex: number } },
      before: unknown[],
      after: unknown[],
      format: 'text' | 'html',
    ): string;
  }
  const CSL: { Engine: typeof Engine };
  export default CSL;
}
