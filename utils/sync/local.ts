/**
 * The library's records ⇄ sync documents. A local write becomes edits — what changed between the record as
 * it was before (`before`, kept by the outbox) and as it is now — stamped with their time and laid over the
 * document as it stands, so a remote change pulled in between is kept (docs/sync.md).
 * Every `…Of(doc)` gives back exactly the record a fresh document was made from.
 */
import type { Article, Highlight, TagRecord } from '../schema';
import { tagKey } from '../tag-names';
import type {
  ArticleDoc,
  HighlightBody,
  HighlightDoc,
  LocalHighlight,
  NoteVersion,
  SettingDoc,
  Stamped,
  TagDoc,
  TagEntry,
} from './docs';
import { compareJson, lastEdit, mergeNotes, tagPresent } from './merge';

const same = (a: unknown, b: unknown) => compareJson(a, b) === 0;

function freshBody(h: Highlight, at: number): HighlightBody {
  const tags: Record<string, TagEntry> = {};
  for (const name of h.tags) tags[tagKey(name)] = { name, added: at, removed: null };
  const body: HighlightBody = {
    url: h.url,
    quote: h.quote,
    position: h.position,
    anchorAt: at,
    createdAt: h.createdAt,
    updatedAt: h.updatedAt,
    color: { value: h.color, at },
    tags,
    tagOrder: h.tags.map(tagKey),
    note: { text: h.note, at, from: 0, alt: [] },
  };
  if (h.rawPosition) body.rawPosition = h.rawPosition;
  return body;
}

/** A document for a highlight no document exists for yet, with the record's own times. */
export function freshHighlightDoc(id: string, local: LocalHighlight, at: number): HighlightDoc {
  if (local.state === 'gone') return { kind: 'highlight', id, state: { value: 'gone', at }, body: null };
  const h = local.highlight;
  return {
    kind: 'highlight',
    id,
    state:
      local.state === 'trashed'
        ? { value: 'trashed', at: local.deletedAt }
        : { value: 'live', at: h.createdAt },
    body: freshBody(h, h.updatedAt),
  };
}

/** The record a highlight document stands for. */
export function localHighlightOf(doc: HighlightDoc): LocalHighlight {
  const body = doc.body;
  if (!body || doc.state.value === 'gone') return { state: 'gone' };
  const rank = new Map(body.tagOrder.map((key, i) => [key, i]));
  const present = Object.entries(body.tags)
    .filter(([, entry]) => tagPresent(entry))
    .sort(
      ([ka, a], [kb, b]) =>
        (rank.get(ka) ?? Number.POSITIVE_INFINITY) - (rank.get(kb) ?? Number.POSITIVE_INFINITY) ||
        (a.added ?? 0) - (b.added ?? 0) ||
        (ka < kb ? -1 : ka > kb ? 1 : 0),
    );
  const highlight: Highlight = {
    id: doc.id,
    url: body.url,
    quote: body.quote,
    position: body.position,
    ...(body.rawPosition && { rawPosition: body.rawPosition }),
    color: body.color.value,
    tags: present.map(([, entry]) => entry.name),
    note: body.note.text,
    createdAt: body.createdAt,
    updatedAt: body.updatedAt,
  };
  return doc.state.value === 'trashed'
    ? { state: 'trashed', highlight, deletedAt: doc.state.at }
    : { state: 'live', highlight };
}

/** Whether a highlight document holds a note conflict the user has not decided yet. */
export function hasNoteConflict(doc: HighlightDoc): boolean {
  return (doc.body?.note.alt.length ?? 0) > 0;
}

/**
 * The document after the local edits `before → now`. `at` is when the outbox saw the write (for changes that
 * do not move the highlight's `updatedAt`, as restoring from the trash); edits that do are stamped with it.
 */
export function withLocalHighlightEdits(
  doc: HighlightDoc | null,
  before: LocalHighlight | null,
  now: LocalHighlight,
  at: number,
  id: string,
  /** When tags were added by the writes since the last sync (the outbox's `tagAdds`). */
  tagAdds: Record<string, number> = {},
): HighlightDoc {
  if (!doc) return freshHighlightDoc(id, now, at);
  const base = before ?? localHighlightOf(doc);
  let state = doc.state;
  if (now.state !== base.state) {
    state = now.state === 'trashed' ? { value: 'trashed', at: now.deletedAt } : { value: now.state, at };
  } else if (now.state === 'trashed' && base.state === 'trashed' && now.deletedAt !== base.deletedAt) {
    state = { value: 'trashed', at: now.deletedAt };
  }
  if (now.state === 'gone') return { kind: 'highlight', id, state, body: null };
  const nh = now.highlight;
  const docHighlight = localHighlightOf(doc);
  const bh =
    base.state !== 'gone' ? base.highlight : docHighlight.state !== 'gone' ? docHighlight.highlight : null;
  if (!doc.body || !bh) {
    const body = freshBody(nh, Math.max(nh.updatedAt, at));
    return withLiveness({ kind: 'highlight', id, state, body });
  }
  // Changes that moved the record's version on are stamped with it; others (raw positions, a restore) with `at`.
  const edit = nh.updatedAt > bh.updatedAt ? nh.updatedAt : at;
  const body: HighlightBody = structuredClone(doc.body);
  const anchorOf = (h: Highlight) => [h.url, h.quote, h.position, h.rawPosition ?? null];
  if (!same(anchorOf(nh), anchorOf(bh))) {
    body.url = nh.url;
    body.quote = nh.quote;
    body.position = nh.position;
    if (nh.rawPosition) body.rawPosition = nh.rawPosition;
    else delete body.rawPosition;
    body.anchorAt = edit;
  }
  if (nh.color !== bh.color) body.color = { value: nh.color, at: edit };
  const beforeTags = new Map(bh.tags.map((name) => [tagKey(name), name]));
  const nowTags = new Map(nh.tags.map((name) => [tagKey(name), name]));
  for (const [key, name] of nowTags) {
    if (beforeTags.get(key) !== name) {
      body.tags[key] = { name, added: edit, removed: body.tags[key]?.removed ?? null };
    }
  }
  for (const [key, name] of beforeTags) {
    if (!nowTags.has(key)) {
      const entry = body.tags[key] ?? { name, added: null, removed: null };
      body.tags[key] = { ...entry, removed: edit };
    }
  }
  // Removed and added again since the last sync: the addition is as recent as it was made.
  for (const key of nowTags.keys()) {
    const added = tagAdds[key];
    const entry = body.tags[key];
    if (added !== undefined && entry && (entry.added === null || entry.added < added)) {
      body.tags[key] = { ...entry, added };
    }
  }
  if (!same([...nowTags.keys()], [...beforeTags.keys()])) body.tagOrder = [...nowTags.keys()];
  if (nh.note !== bh.note) body.note = noteAfterEdit(body.note, bh.note, nh.note, edit);
  body.createdAt = Math.min(body.createdAt, nh.createdAt);
  body.updatedAt = Math.max(body.updatedAt, nh.updatedAt);
  return withLiveness({ kind: 'highlight', id, state, body });
}

/**
 * A note typed over `previous`: when the document still holds that text, the new note was written over it (and
 * over any alternative shown with it); when the document's note changed meanwhile, the two are a conflict.
 */
function noteAfterEdit(current: NoteVersion, previous: string, text: string, at: number): NoteVersion {
  if (current.text === previous) return { text, at, from: current.at, alt: [] };
  return mergeNotes([current, { text, at, from: 0, alt: [] }]);
}

/** An edit made after a delete brings the highlight back (the merge's rule, for one version). */
function withLiveness(doc: HighlightDoc): HighlightDoc {
  if (doc.body && doc.state.value !== 'live') {
    const edited = lastEdit(doc.body);
    if (edited > doc.state.at) return { ...doc, state: { value: 'live', at: edited } };
  }
  return doc;
}

// ── Articles ──────────────────────────────────────────────────────────────────────────────────────────────

export function withLocalArticleEdits(
  doc: ArticleDoc | null,
  before: Article | null,
  now: Article | null,
  at: number,
  url: string,
): ArticleDoc {
  if (!now) {
    if (doc) return { ...doc, state: { value: 'gone', at } };
    return {
      kind: 'article',
      url,
      site: '',
      title: { value: '', at },
      meta: { value: {}, at },
      createdAt: at,
      updatedAt: at,
      state: { value: 'gone', at },
    };
  }
  if (!doc || (!before && doc.state.value === 'gone')) {
    return {
      kind: 'article',
      url: now.url,
      site: now.site,
      title: { value: now.title, at: now.updatedAt },
      meta: { value: now.meta, at: now.updatedAt },
      ...(now.note === undefined
        ? {}
        : { note: { value: now.note, at: now.noteUpdatedAt ?? now.updatedAt } }),
      createdAt: now.createdAt,
      updatedAt: now.updatedAt,
      state: { value: 'live', at: doc ? at : now.createdAt },
    };
  }
  const base = before ?? articleOf(doc) ?? now;
  const edit = now.updatedAt > base.updatedAt ? now.updatedAt : at;
  const next: ArticleDoc = { ...doc, site: now.site || doc.site };
  if (now.title !== base.title) next.title = { value: now.title, at: edit };
  if (!same(now.meta, base.meta)) next.meta = { value: now.meta, at: edit };
  if ((now.note ?? '') !== (base.note ?? ''))
    next.note = { value: now.note ?? '', at: now.noteUpdatedAt ?? edit };
  next.createdAt = Math.min(doc.createdAt, now.createdAt);
  next.updatedAt = Math.max(doc.updatedAt, now.updatedAt);
  if (doc.state.value !== 'live') next.state = { value: 'live', at };
  return next;
}

export function articleOf(doc: ArticleDoc): Article | null {
  if (doc.state.value !== 'live') return null;
  return {
    url: doc.url,
    site: doc.site,
    title: doc.title.value,
    meta: doc.meta.value,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    ...(doc.note ? { note: doc.note.value, noteUpdatedAt: doc.note.at } : {}),
  };
}

// ── Tags ──────────────────────────────────────────────────────────────────────────────────────────────────

export function withLocalTagEdits(
  doc: TagDoc | null,
  before: TagRecord | null,
  now: TagRecord | null,
  at: number,
  key: string,
): TagDoc {
  if (!now) {
    if (doc) return { ...doc, state: { value: 'gone', at } };
    return {
      kind: 'tag',
      key,
      name: { value: key, at },
      color: { value: null, at },
      createdAt: at,
      state: { value: 'gone', at },
    };
  }
  if (!doc) {
    return {
      kind: 'tag',
      key: now.key,
      name: { value: now.name, at: now.createdAt },
      color: { value: now.color, at: now.createdAt },
      createdAt: now.createdAt,
      state: { value: 'live', at: now.createdAt },
    };
  }
  const base = before ?? tagOf(doc);
  const next: TagDoc = { ...doc };
  if (!base || now.name !== base.name) next.name = { value: now.name, at };
  if (!base || now.color !== base.color) next.color = { value: now.color, at };
  // Written here after it was deleted there: the edit is the later one.
  if (doc.state.value !== 'live') next.state = { value: 'live', at };
  next.createdAt = Math.min(doc.createdAt, now.createdAt);
  return next;
}

export function tagOf(doc: TagDoc): TagRecord | null {
  if (doc.state.value !== 'live') return null;
  return { key: doc.key, name: doc.name.value, color: doc.color.value, createdAt: doc.createdAt };
}

// ── Settings ──────────────────────────────────────────────────────────────────────────────────────────────

/** A setting as set now; `at` 0 for a value that was there before sync started (any later choice wins). */
export function settingDoc(key: SettingDoc['key'], value: unknown, at: number): SettingDoc {
  const stamped: Stamped<unknown> = { value, at };
  return { kind: 'setting', key, value: stamped };
}
