/** The user's settings, stored one row per setting; defaults fill in what was never set. */

import type { Handlers } from '@/utils/messaging/background-router';
import { DEFAULT_SETTINGS, type SettingRow, type Settings, SettingsSchema } from '@/utils/schema';
import type { ClipmarkDB } from '../database';
import { assertExtensionPage } from './access';

export async function getSettings(db: ClipmarkDB): Promise<Settings> {
  const rows = await db.settings.toArray();
  const stored = Object.fromEntries(rows.map((r) => [r.key, r.value]));
  // A row a later version wrote, or a damaged one, falls back to the default rather than breaking.
  const parsed = SettingsSchema.partial().safeParse(stored);
  return { ...DEFAULT_SETTINGS, ...(parsed.success ? parsed.data : {}) };
}

export function settingsHandlers(
  db: ClipmarkDB,
): Pick<Handlers, 'settings.get' | 'settings.set' | 'settings.forPage'> {
  return {
    async 'settings.get'(_request, sender) {
      assertExtensionPage(sender);
      return getSettings(db);
    },
    async 'settings.set'(changes, sender) {
      assertExtensionPage(sender);
      const rows = Object.entries(changes)
        .filter(([, value]) => value !== undefined)
        .map(([key, value]) => ({ key, value }) as SettingRow);
      await db.settings.bulkPut(rows);
      return getSettings(db);
    },
    // Any of our senders, content scripts too: only what a page's toolbar needs.
    async 'settings.forPage'() {
      const { defaultColor } = await getSettings(db);
      return { defaultColor };
    },
  };
}
