/**
 * Merging the versions of one sync document (the leaves of a CouchDB conflict, or a local edit and the version
 * pulled meanwhile). Deterministic and order-independent — every device gets the same result from the same
 * versions — and lossless: what a user typed is kept (docs/sync.md, Conflicts).
 */
import type {
  ArticleDoc,
  ClippingDoc,
  HighlightBody,
  HighlightDoc,
  NoteAlternative,
  NoteVersion,
  RecordState,
  SettingDoc,
  Stamped,
  SyncDoc,
  TagDoc,
  TagEntry,
} from './docs';

/** A total order on JSON values, for ties: the same on every device. */
export function compareJson(a: unknown, b: unknown): number {
  const x = JSON.stringify(a) ?? '';
  const y = JSON.stringify(b) ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The latest edit; equal times go to the larger value, so the choice does not depend on the order. */
export function latest<T>(values: readonly Stamped<T>[]): Stamped<T> {
  if (values.length === 0) throw new Error('latest of nothing');
  return values.reduce((best, v) =>
    v.at > best.at || (v.at === best.at && compareJson(v.value, best.value) > 0) ? v : best,
  );
}

const STATE_RANK: Record<RecordState, number> = { gone: 0, trashed: 1, live: 2 };

/** The latest delete, restore or creation; at the same time live beats trashed beats gone (nothing is lost). */
export function latestState(states: readonly Stamped<RecordState>[]): Stamped<RecordState> {
  return states.reduce((best, s) =>
    s.at > best.at || (s.at === best.at && STATE_RANK[s.value] > STATE_RANK[best.value]) ? s : best,
  );
}

/** Whether a tag is on the highlight: added, and not removed strictly after its last addition. */
export function tagPresent(entry: TagEntry): boolean {
  return entry.added !== null && (entry.removed === null || entry.removed <= entry.added);
}

const maxOrNull = (values: readonly (number | null)[]): number | null =>
  values.reduce<number | null>((m, v) => (v === null ? m : m === null ? v : Math.max(m, v)), null);

/** Tags as a set: per tag the latest addition and the latest removal; a removal wins only over older additions. */
export function mergeTags(versions: readonly Record<string, TagEntry>[]): Record<string, TagEntry> {
  const keys = [...new Set(versions.flatMap((v) => Object.keys(v)))].sort();
  const out: Record<string, TagEntry> = {};
  for (const key of keys) {
    const entries = versions.flatMap((v) => (v[key] ? [v[key]] : []));
    const added = maxOrNull(entries.map((e) => e.added));
    const removed = maxOrNull(entries.map((e) => e.removed));
    // The spelling of the latest addition (ties: the larger spelling).
    const name = latest(
      entries.map((e) => ({ value: e.name, at: e.added ?? Number.NEGATIVE_INFINITY })),
    ).value;
    out[key] = { name, added, removed };
  }
  return out;
}

/**
 * Notes: a version written over one at least as new as another (`from >= at`) supersedes it. Of the versions
 * left, the latest is the note and every other text is kept in `alt` until a note written over them all.
 */
export function mergeNotes(versions: readonly NoteVersion[]): NoteVersion {
  if (versions.length === 0) throw new Error('no note to merge');
  const newestFrom = (at: number, self?: NoteVersion) => versions.some((v) => v !== self && v.from >= at);
  const standing = versions.filter((v) => !newestFrom(v.at, v));
  // Everything superseded: keep the newest (a chain of edits each made over the previous one).
  const candidates = standing.length > 0 ? standing : versions;
  const chosen = candidates.reduce((best, v) =>
    v.at > best.at || (v.at === best.at && compareJson(v.text, best.text) > 0) ? v : best,
  );
  const alternatives: NoteAlternative[] = [
    ...candidates.map((v) => ({ text: v.text, at: v.at })),
    ...versions.flatMap((v) => v.alt),
  ].filter((a) => a.text !== chosen.text && !newestFrom(a.at));
  const byText = new Map<string, NoteAlternative>();
  for (const a of alternatives) {
    const known = byText.get(a.text);
    if (!known || a.at > known.at) byText.set(a.text, a);
  }
  const alt = [...byText.values()].sort((a, b) => b.at - a.at || compareJson(a.text, b.text));
  const from = Math.max(...versions.filter((v) => v.text === chosen.text).map((v) => v.from));
  return { text: chosen.text, at: chosen.at, from, alt };
}

/** The latest time any field of the highlight was edited. */
export function lastEdit(body: HighlightBody): number {
  const tagTimes = Object.values(body.tags).flatMap((t) => [t.added ?? 0, t.removed ?? 0]);
  return Math.max(body.anchorAt, body.color.at, body.note.at, ...tagTimes);
}

function mergeHighlightBodies(bodies: readonly HighlightBody[]): HighlightBody {
  const anchor = latest(
    bodies.map((b) => ({
      value: { url: b.url, quote: b.quote, position: b.position, rawPosition: b.rawPosition },
      at: b.anchorAt,
    })),
  );
  const order = latest(bodies.map((b) => ({ value: b.tagOrder, at: b.updatedAt })));
  const merged: HighlightBody = {
    url: anchor.value.url,
    quote: anchor.value.quote,
    position: anchor.value.position,
    anchorAt: anchor.at,
    createdAt: Math.min(...bodies.map((b) => b.createdAt)),
    updatedAt: Math.max(...bodies.map((b) => b.updatedAt)),
    color: latest(bodies.map((b) => b.color)),
    tags: mergeTags(bodies.map((b) => b.tags)),
    tagOrder: order.value,
    note: mergeNotes(bodies.map((b) => b.note)),
  };
  if (anchor.value.rawPosition) merged.rawPosition = anchor.value.rawPosition;
  return merged;
}

/**
 * Highlights: each field by its rule; the state is the latest delete or restore, except that an edit made
 * after a delete brings the highlight back. `gone` keeps no content.
 */
export function mergeHighlights(docs: readonly HighlightDoc[]): HighlightDoc {
  const first = docs[0];
  if (!first) throw new Error('nothing to merge');
  const bodies = docs.flatMap((d) => (d.body ? [d.body] : []));
  let state = latestState(docs.map((d) => d.state));
  if (bodies.length === 0) return { kind: 'highlight', id: first.id, state, body: null };
  const body = mergeHighlightBodies(bodies);
  const edited = lastEdit(body);
  if (state.value !== 'live' && edited > state.at) state = { value: 'live', at: edited };
  return { kind: 'highlight', id: first.id, state, body: state.value === 'gone' ? null : body };
}

/** Articles: one record for one address on every device; title and facts by latest edit. */
export function mergeArticles(docs: readonly ArticleDoc[]): ArticleDoc {
  const site = latest(docs.map((d) => ({ value: d.site, at: d.updatedAt })));
  const title = latest(docs.map((d) => d.title));
  const meta = latest(docs.map((d) => d.meta));
  const notes = docs.flatMap((d) => (d.note ? [d.note] : []));
  const note = notes.length > 0 ? latest(notes) : null;
  let state = latestState(docs.map((d) => d.state));
  const edited = Math.max(title.at, meta.at, note?.at ?? Number.NEGATIVE_INFINITY);
  if (state.value !== 'live' && edited > state.at) state = { value: 'live', at: edited };
  return {
    kind: 'article',
    url: (docs[0] as ArticleDoc).url,
    site: site.value,
    title,
    meta,
    ...(note ? { note } : {}),
    createdAt: Math.min(...docs.map((d) => d.createdAt)),
    updatedAt: Math.max(...docs.map((d) => d.updatedAt)),
    state,
  };
}

/** Tag records: spelling and colour by latest edit; a colour set after the tag was deleted brings it back. */
export function mergeTagRecords(docs: readonly TagDoc[]): TagDoc {
  const name = latest(docs.map((d) => d.name));
  const color = latest(docs.map((d) => d.color));
  let state = latestState(docs.map((d) => d.state));
  const edited = Math.max(name.at, color.at);
  if (state.value !== 'live' && edited > state.at) state = { value: 'live', at: edited };
  return {
    kind: 'tag',
    key: (docs[0] as TagDoc).key,
    name,
    color,
    createdAt: Math.min(...docs.map((d) => d.createdAt)),
    state,
  };
}

/** Settings: the latest value. */
export function mergeSettings(docs: readonly SettingDoc[]): SettingDoc {
  return { kind: 'setting', key: (docs[0] as SettingDoc).key, value: latest(docs.map((d) => d.value)) };
}

/**
 * Saved copies: the latest saved (a snapshot of the page, nothing typed; ties by digest). Deleted after that
 * save, it stays deleted; saved again after a delete, it is back.
 */
export function mergeClippings(docs: readonly ClippingDoc[]): ClippingDoc {
  const copies = docs.filter((d) => d.digest !== null);
  const chosen = (copies.length ? copies : docs).reduce((best, d) =>
    d.savedAt > best.savedAt || (d.savedAt === best.savedAt && compareJson(d.digest, best.digest) > 0)
      ? d
      : best,
  );
  let state = latestState(docs.map((d) => d.state));
  if (state.value !== 'live' && chosen.digest !== null && chosen.savedAt > state.at) {
    state = { value: 'live', at: chosen.savedAt };
  }
  return { ...chosen, state };
}

/** Merges versions of one document (all of one kind). */
export function mergeDocs(docs: readonly SyncDoc[]): SyncDoc {
  const first = docs[0];
  if (!first) throw new Error('nothing to merge');
  if (docs.some((d) => d.kind !== first.kind)) throw new Error('versions of different kinds');
  switch (first.kind) {
    case 'highlight':
      return mergeHighlights(docs as HighlightDoc[]);
    case 'article':
      return mergeArticles(docs as ArticleDoc[]);
    case 'tag':
      return mergeTagRecords(docs as TagDoc[]);
    case 'setting':
      return mergeSettings(docs as SettingDoc[]);
    case 'clipping':
      return mergeClippings(docs as ClippingDoc[]);
  }
}
