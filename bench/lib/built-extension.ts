/**
 * What the browser benchmarks share: the Chromium they run, and a copy of the built extension (built first if
 * `.output/chrome-mv3` is missing) — a copy, so that a rebuild by someone else during a run cannot change the
 * extension under measurement.
 */
import { execFileSync, execSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTENSION_DIR, findChromium, ROOT } from '../../scripts/browser-harness.mjs';

export function benchChromium(): { executablePath: string; version: string } {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium not found: set CHROMIUM_PATH');
  const version = execFileSync(executablePath, ['--version'], { encoding: 'utf8' }).trim();
  return { executablePath, version };
}

/** A copy of the built extension in a temporary directory, and the commit it was built from (+ working tree). */
export function copyOfBuiltExtension(): { dir: string; commit: string } {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json')))
    execSync('npx wxt build', { cwd: ROOT, stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'clipmark-ext-'));
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  const commit = execSync('git rev-parse --short HEAD', { cwd: ROOT, encoding: 'utf8' }).trim();
  return { dir, commit };
}

const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();

/**
 * Builds commit `rev` in a temporary worktree (sharing node_modules), for a baseline beside the working tree in
 * the same run; returns a copy of its Chromium output and the commit's short name.
 */
export function buildAt(rev: string): { dir: string; commit: string } {
  const tree = mkdtempSync(join(tmpdir(), 'clipmark-bench-tree-'));
  git('worktree', 'add', '--detach', tree, rev);
  try {
    symlinkSync(join(ROOT, 'node_modules'), join(tree, 'node_modules'));
    execSync('npx wxt build', { cwd: tree, stdio: 'ignore' });
    const dir = mkdtempSync(join(tmpdir(), 'clipmark-bench-ext-'));
    cpSync(join(tree, '.output/chrome-mv3'), dir, { recursive: true });
    return { dir, commit: git('rev-parse', '--short', rev) };
  } finally {
    git('worktree', 'remove', '--force', tree);
  }
}

/** The commit before the last one whose subject starts with `subject` (the state a change is compared with). */
export function commitBefore(subject: string): string {
  return `${git('log', '-1', '--format=%H', `--grep=^${subject}`)}~1`;
}
