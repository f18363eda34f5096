/**
 * The extension pages' Content Security Policy (wxt.config.ts), checked the same way in Chromium and Firefox:
 * in one of the pages, try what the policy must refuse, and read what the browser reported.
 */

/** What `probeCsp` saw. */
export interface CspProbe {
  /** An inline `<script>` added to the page ran. */
  inlineScriptRan: boolean;
  /** An inline `<style>` added to the page applied. */
  inlineStyleApplied: boolean;
  /** An image from the network loaded (a 404 answer does not count: see the request log for that). */
  imageLoaded: boolean;
  /** `fetch()` to the network got an answer, whatever its status. */
  fetchAnswered: boolean;
  /** The directives the browser reported violated (`securitypolicyviolation`), sorted, once each. */
  violations: string[];
}

/**
 * Tries, in an extension page, an inline script, an inline style, an image and a `fetch()` from `origin` (an
 * https origin the test watches). Pass it to the page's `evaluate`; it uses nothing from outside.
 */
export async function probeCsp(origin: string): Promise<CspProbe> {
  const violations: string[] = [];
  const onViolation = (event: SecurityPolicyViolationEvent) => violations.push(event.effectiveDirective);
  document.addEventListener('securitypolicyviolation', onViolation);
  const flag = window as unknown as { __clipmarkCspProbe?: boolean };
  const script = document.createElement('script');
  script.textContent = 'window.__clipmarkCspProbe = true;';
  document.head.append(script);
  const style = document.createElement('style');
  style.textContent = ':root { --clipmark-csp-probe: applied; }';
  document.head.append(style);
  const imageLoaded = await new Promise<boolean>((resolve) => {
    const image = new Image();
    image.onload = () => resolve(true);
    image.onerror = () => resolve(false);
    image.src = `${origin}/csp-probe/image.png`;
  });
  let fetchAnswered = false;
  try {
    await fetch(`${origin}/csp-probe/fetch`);
    fetchAnswered = true;
  } catch {
    // refused
  }
  // Violation events are queued as tasks: let them arrive.
  await new Promise((resolve) => setTimeout(resolve, 300));
  document.removeEventListener('securitypolicyviolation', onViolation);
  const inlineStyleApplied =
    getComputedStyle(document.documentElement).getPropertyValue('--clipmark-csp-probe').trim() === 'applied';
  script.remove();
  style.remove();
  return {
    inlineScriptRan: flag.__clipmarkCspProbe === true,
    inlineStyleApplied,
    imageLoaded,
    fetchAnswered,
    violations: [...new Set(violations)].sort(),
  };
}

/** The directives of a policy string, each with its sources: `{ 'img-src': ["'self'", 'data:'] }`. */
export function parseCsp(policy: string): Record<string, string[]> {
  const directives: Record<string, string[]> = {};
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives[name.toLowerCase()] = sources;
  }
  return directives;
}

/**
 * What the manifest's policy must say (finding 4 of issue 15). Connections: the background reaches the sync
 * server the user sets (issue 23: https, or http on this computer); every page narrows that back to none with
 * its own `<meta>` policy, which `probeCsp` checks.
 */
export const REQUIRED_CSP: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'connect-src': ['https:', 'http://127.0.0.1:*', 'http://localhost:*'],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ['https:', 'http:'],
};
