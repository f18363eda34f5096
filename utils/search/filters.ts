/**
 * The filters of a query (tag:, site:, color:, dates, single-word exclusions) compiled to one predicate over
 * doc numbers, plus the docs of the rarest required tag, where a query without words starts.
 */
import { HIGHLIGHT_COLORS } from '../colors';
import type { ParsedQuery } from './query';
import type { Store } from './store';

export interface Filter {
  test: (d: number) => boolean;
  /** True when the query filters nothing: `test` always passes, and callers may skip it. */
  none: boolean;
  /** Docs carrying the rarest required tag (a superset of the answer), if the query requires a tag. */
  seed?: ArrayLike<number>;
}

export function compileFilter(s: Store, q: ParsedQuery): Filter {
  const f = q.filters;
  const tags = [...new Set(f.tags)].map((key) => tagDocs(s, key));
  // Bitmaps over doc numbers for what is found through lists rather than per doc.
  let need: Uint8Array | undefined;
  if (tags.length) {
    need = new Uint8Array(s.nDocs);
    for (const list of tags) for (let i = 0; i < list.length; i++) inc8(need, list[i] as number);
  }
  let banned: Uint8Array | undefined;
  const ban = (d: number) => {
    banned ??= new Uint8Array(s.nDocs);
    banned[d] = 1;
  };
  for (const key of f.notTags) {
    const list = tagDocs(s, key);
    for (let i = 0; i < list.length; i++) ban(list[i] as number);
  }
  for (const words of q.exclude) {
    const id = words.length === 1 ? s.foldIds.get(words[0] as string) : undefined;
    if (id !== undefined) forTerm(s, id, ban);
  }
  // A site matches from the start of any label of the host: `baonamdinh` finds baonamdinh.vn, `vnexpress.net`
  // its subdomains, `vn` every .vn site; `namdinh` (inside a label) and `x.com` for dx.com do not.
  const onSite = (host: string, site: string) => `.${host}`.includes(`.${site}`);
  const bySite = f.sites.length > 0 || f.notSites.length > 0;
  const artOk = bySite
    ? Uint8Array.from(s.artHosts, (h) =>
        (!f.sites.length || f.sites.some((x) => onSite(h, x))) && !f.notSites.some((x) => onSite(h, x))
          ? 1
          : 0,
      )
    : undefined;
  const colors = f.colors.map((c) => HIGHLIGHT_COLORS.indexOf(c));
  const notColors = f.notColors.map((c) => HIGHLIGHT_COLORS.indexOf(c));
  const after = f.after ?? -Infinity;
  const before = f.before ?? Infinity;
  const test = (d: number): boolean => {
    const created = s.docCreated[d] as number;
    const color = s.docColor[d] as number;
    return (
      created >= after &&
      created < before &&
      (!colors.length || colors.includes(color)) &&
      !notColors.includes(color) &&
      (!artOk || artOk[s.docArt[d] as number] === 1) &&
      !banned?.[d] &&
      (!need || need[d] === tags.length)
    );
  };
  const seed = tags.length ? tags.reduce((a, b) => (b.length < a.length ? b : a)) : undefined;
  const none =
    after === -Infinity &&
    before === Infinity &&
    !colors.length &&
    !notColors.length &&
    !artOk &&
    !banned &&
    !need;
  return { test, seed, none };
}

function inc8(a: Uint8Array, i: number): void {
  a[i] = (a[i] as number) + 1;
}

/** Docs carrying a tag key (tombstones included; callers check `alive`). */
function tagDocs(s: Store, key: string): Uint32Array {
  const k = s.tagIds.get(key);
  return k === undefined ? EMPTY : s.tagDocs.list(k).subarray(0, s.tagDocs.lens[k]);
}

const EMPTY = new Uint32Array(0);

/** Visits every doc containing folded term `f` in any field, title included. */
function forTerm(s: Store, f: number, visit: (d: number) => void): void {
  const list = s.post.list(f);
  for (let j = 0; j < (s.post.lens[f] as number); j++) visit((list[j] as number) >>> 10);
  const tlist = s.tpost.list(f);
  for (let j = 0; j < (s.tpost.lens[f] as number); j++) {
    for (const d of s.artDocs[(tlist[j] as number) >>> 10] as number[]) visit(d);
  }
}
