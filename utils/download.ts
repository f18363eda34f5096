/** Saves exported files through the page's own download (a Blob and `<a download>`): no permission needed. */
export interface DownloadFile {
  filename: string;
  mimeType: string;
  /** The text, or the parts a large export came in (`exportFiles` in `utils/messaging/chunked-files.ts`), joined by the Blob. */
  content: string | readonly string[];
}

export function downloadFiles(doc: Document, files: readonly DownloadFile[]): void {
  for (const file of files) {
    const url = URL.createObjectURL(
      new Blob(typeof file.content === 'string' ? [file.content] : [...file.content], {
        type: file.mimeType,
      }),
    );
    const a = doc.createElement('a');
    a.href = url;
    a.download = file.filename;
    doc.body.append(a);
    a.click();
    a.remove();
    // Give the browser time to start the download before the URL goes.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
