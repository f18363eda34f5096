/** The reader page's helpers (see each module). */
export * from './clipping-html';
