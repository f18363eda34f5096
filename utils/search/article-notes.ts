/**
 * Search over the articles' own notes (page notes, utils/schema.ts `Article.note`), with the query language of
 * the highlight search (`parseQuery`): words and phrases folded the same way (case, accents, NFC/NFD, đ→d), the
 * last word as a prefix, -exclusions, `site:` and date filters (on when the note was saved). A note has no
 * tags and no colour, so a query with `tag:` or `color:` finds none. Articles with notes are few next to
 * highlights: a scan, no index.
 */
import type { Article } from '../schema';
import { tokenize } from './fold';
import { parseQuery, type QueryTerm } from './query';

export interface ArticleNoteHit {
  url: string;
  title: string;
  site: string;
  note: string;
  noteUpdatedAt: number | null;
  /** The folded terms found (a trailing `*`: a prefix), for `matchRanges`. */
  matches: string[];
}

const termKey = (t: QueryTerm) => (t.prefix ? `${t.folded}*` : t.folded);
const hits = (tokens: readonly string[], t: QueryTerm) =>
  tokens.some((tok) => (t.prefix ? tok.startsWith(t.folded) : tok === t.folded));

function hasRun(tokens: readonly string[], run: readonly string[]): boolean {
  if (run.length === 0) return false;
  outer: for (let i = 0; i + run.length <= tokens.length; i++) {
    for (let j = 0; j < run.length; j++) if (tokens[i + j] !== run[j]) continue outer;
    return true;
  }
  return false;
}

/** The articles whose note matches `input`, most recently noted first; `total` counts them all. */
export function searchArticleNotes(
  articles: Iterable<Pick<Article, 'url' | 'site' | 'title' | 'note' | 'noteUpdatedAt'>>,
  input: string,
  limit = 50,
): { total: number; hits: ArticleNoteHit[] } {
  const q = parseQuery(input);
  const f = q.filters;
  if (f.tags.length || f.colors.length) return { total: 0, hits: [] };
  const onSite = (host: string, site: string) => `.${host}`.includes(`.${site}`);
  const found: ArticleNoteHit[] = [];
  for (const a of articles) {
    const note = a.note ?? '';
    if (!note.trim()) continue;
    const host = a.site.toLowerCase();
    if (f.sites.length && !f.sites.some((s) => onSite(host, s))) continue;
    if (f.notSites.some((s) => onSite(host, s))) continue;
    const at = a.noteUpdatedAt ?? 0;
    if (f.after !== undefined && at < f.after) continue;
    if (f.before !== undefined && at >= f.before) continue;
    const noteTokens = tokenize(note).map((t) => t.folded);
    const titleTokens = tokenize(a.title).map((t) => t.folded);
    const all = [...noteTokens, ...titleTokens];
    if (!q.terms.every((t) => hits(all, t))) continue;
    const inEither = (run: string[]) => hasRun(noteTokens, run) || hasRun(titleTokens, run);
    if (!q.phrases.every((p) => inEither(p.map((t) => t.folded)))) continue;
    if (q.exclude.some(inEither)) continue;
    const matches = [...q.terms.map(termKey), ...q.phrases.flat().map((t) => t.folded)];
    found.push({
      url: a.url,
      title: a.title,
      site: a.site,
      note,
      noteUpdatedAt: a.noteUpdatedAt ?? null,
      matches,
    });
  }
  found.sort((x, y) => (y.noteUpdatedAt ?? 0) - (x.noteUpdatedAt ?? 0) || (x.url < y.url ? -1 : 1));
  return { total: found.length, hits: found.slice(0, limit) };
}
