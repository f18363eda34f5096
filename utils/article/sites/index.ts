/** The site adapters, most specific first; `adapterFor` picks the one that handles a page. */
import type { SiteAdapter } from '../types';
import { baonamdinh } from './baonamdinh';
import { generic } from './generic';
import { genericVi } from './generic-vi';

/** Every adapter in the order they are tried; `generic` matches anything and comes last. */
export const ADAPTERS: readonly SiteAdapter[] = [baonamdinh, genericVi, generic];

/**
 * The adapter for a page: the first whose `matches(url)` accepts it, except that a page declaring Vietnamese
 * (`lang="vi"`) on a host no adapter knows gets the Vietnamese rules rather than the generic ones.
 */
export function adapterFor(url: URL, lang?: string | null): SiteAdapter {
  const found = ADAPTERS.find((a) => a.matches(url)) ?? generic;
  if (found === generic && lang && /^vi\b/i.test(lang)) return genericVi;
  return found;
}

export { baonamdinh, generic, genericVi };
