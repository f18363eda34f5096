/**
 * Writes a quotation being formatted to the clipboard, plain text and HTML. The write is started at once, in
 * the user's click or key press — the browser lets a page write the clipboard only within that gesture — with
 * the text still to come (`ClipboardItem` takes promises): formatting may need the citation part injected and
 * the article read first. Without `ClipboardItem`, the text alone is written once it is ready.
 */
export interface ClipboardText {
  text: string;
  html: string;
}

export function writeFormatted(clipboard: Clipboard, formatted: Promise<ClipboardText>): Promise<void> {
  // The formatting's own error, if it failed, rather than the clipboard's "data could not be read".
  const why = async (error: unknown): Promise<never> => {
    await formatted;
    throw error;
  };
  if (typeof ClipboardItem === 'function' && typeof clipboard.write === 'function') {
    const item = new ClipboardItem({
      'text/plain': formatted.then((q) => new Blob([q.text], { type: 'text/plain' })),
      'text/html': formatted.then((q) => new Blob([q.html], { type: 'text/html' })),
    });
    return clipboard.write([item]).catch(why);
  }
  return formatted.then((q) => clipboard.writeText(q.text));
}
