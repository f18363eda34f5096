/** The sync messages (extension pages only): its status, its settings, "Sync now". */
import type { Handlers } from '@/utils/messaging/background-router';
import { assertExtensionPage } from '../library/access';
import type { SyncService } from './service';

export function syncHandlers(
  sync: SyncService,
): Pick<Handlers, 'sync.status' | 'sync.configure' | 'sync.now' | 'sync.noteConflicts' | 'sync.resolveNote'> {
  return {
    async 'sync.status'(_request, sender) {
      assertExtensionPage(sender);
      return sync.status();
    },
    async 'sync.configure'(request, sender) {
      assertExtensionPage(sender);
      return sync.configure(request);
    },
    async 'sync.now'(_request, sender) {
      assertExtensionPage(sender);
      return sync.runNow();
    },
    async 'sync.noteConflicts'({ id }, sender) {
      assertExtensionPage(sender);
      return { alternatives: await sync.noteConflicts(id) };
    },
    async 'sync.resolveNote'({ id, text }, sender) {
      assertExtensionPage(sender);
      return sync.resolveNote(id, text);
    },
  };
}
