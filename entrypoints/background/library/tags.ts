/**
 * Tags across the library: one record per folded name, so "Nông nghiệp" and "nong nghiep" are one tag with
 * one spelling. Rename, merge and delete rewrite every highlight carrying the tag in one transaction.
 */

import type { TagSummary } from '@/utils/messaging/background-map';
import type { Handlers } from '@/utils/messaging/background-router';
import { RouteError } from '@/utils/messaging/router';
import type { TagRecord } from '@/utils/schema';
import { canonicalTags, tagKey } from '@/utils/tag-names';
import type { ClipmarkDB } from '../database';
import { assertExtensionPage } from './access';
import { nextUpdatedAt } from './versions';

type TagHandlers = Pick<Handlers, 'tag.list' | 'tag.rename' | 'tag.merge' | 'tag.delete' | 'tag.setColor'>;

/** Spells `tags` as the library already does and records new ones. Call inside a rw transaction on `tags`. */
export async function registerTags(db: ClipmarkDB, tags: readonly string[], time: number): Promise<string[]> {
  const keys = [...new Set(tags.map(tagKey))];
  const existing = await db.tags.bulkGet(keys);
  const known = new Map<string, string>();
  for (const record of existing) if (record) known.set(record.key, record.name);
  const before = new Set(known.keys());
  const result = canonicalTags(tags, known);
  const added = [...known].filter(([key]) => !before.has(key));
  if (added.length > 0) {
    await db.tags.bulkAdd(
      added.map(([key, name]): TagRecord => ({ key, name, color: null, createdAt: time })),
    );
  }
  return result;
}

export function tagHandlers(db: ClipmarkDB, now: () => number): TagHandlers {
  /**
   * Replaces the tags `fromKeys` by `to` (or removes them when `to` is null) on every highlight, and updates
   * the tag table, all in one transaction. Returns how many highlights changed.
   */
  const retag = (fromKeys: string[], to: string | null) =>
    db.transaction('rw', [db.highlights, db.tags], async () => {
      const fromRecords = (await db.tags.bulkGet(fromKeys)).filter((r): r is TagRecord => !!r);
      if (fromRecords.length === 0) throw new RouteError('not-found', 'no such tag');
      const fromNames = fromRecords.map((r) => r.name);
      const fromSet = new Set(fromKeys);
      const toKey = to === null ? null : tagKey(to);
      const target = toKey ? await db.tags.get(toKey) : undefined;
      // Merging into another existing tag keeps that tag's spelling; renaming a tag to a new spelling of
      // itself ("htx" → "HTX") takes the new one.
      const toName =
        to === null ? null : target && !fromSet.has(target.key) ? target.name : to.normalize('NFC');
      const known = new Map<string, string>();
      if (toName !== null && toKey) known.set(toKey, toName);
      let affected = 0;
      await db.highlights
        .where('tags')
        .anyOf(fromNames)
        .distinct()
        .modify((h) => {
          const mapped = h.tags.flatMap((t) =>
            fromSet.has(tagKey(t)) ? (toName === null ? [] : [toName]) : [t],
          );
          const others = new Map(known);
          for (const t of h.tags) if (!fromSet.has(tagKey(t))) others.set(tagKey(t), t);
          h.tags = canonicalTags(mapped, others);
          h.updatedAt = nextUpdatedAt(h.updatedAt, now());
          affected++;
        });
      await db.tags.bulkDelete(fromKeys);
      if (toName !== null && toKey) {
        await db.tags.put({
          key: toKey,
          name: toName,
          color: target?.color ?? fromRecords[0]?.color ?? null,
          createdAt: target?.createdAt ?? fromRecords[0]?.createdAt ?? now(),
        });
      }
      return { affected };
    });

  return {
    async 'tag.list'(_, sender) {
      assertExtensionPage(sender);
      const counts = new Map<string, number>();
      await db.highlights.orderBy('tags').eachKey((name) => {
        counts.set(String(name), (counts.get(String(name)) ?? 0) + 1);
      });
      const tags = await db.tags.toArray();
      return tags
        .map((t): TagSummary => ({ name: t.name, color: t.color, count: counts.get(t.name) ?? 0 }))
        .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'vi'));
    },

    async 'tag.rename'({ from, to }, sender) {
      assertExtensionPage(sender);
      return retag([tagKey(from)], to);
    },

    async 'tag.merge'({ from, into }, sender) {
      assertExtensionPage(sender);
      return retag([...new Set(from.map(tagKey))], into);
    },

    async 'tag.delete'({ name }, sender) {
      assertExtensionPage(sender);
      return retag([tagKey(name)], null);
    },

    async 'tag.setColor'({ name, color }, sender) {
      assertExtensionPage(sender);
      return db.transaction('rw', [db.tags, db.highlights], async () => {
        const record = await db.tags.get(tagKey(name));
        if (!record) throw new RouteError('not-found', `no tag "${name}"`);
        await db.tags.put({ ...record, color });
        const count = await db.highlights.where('tags').equals(record.name).count();
        return { name: record.name, color, count };
      });
    },
  };
}
