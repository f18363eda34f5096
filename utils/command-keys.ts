/** The browser commands' keys as the user set them, by command name ('' when a command has none). */
export function commandKeysOf(
  commands: readonly { name?: string; shortcut?: string }[],
): Record<string, string> {
  return Object.fromEntries(commands.flatMap((c) => (c.name ? [[c.name, c.shortcut ?? '']] : [])));
}
