/** The reader page's helpers; the popup and library import `./address` alone (no sanitiser). */
export * from './address';
export * from './clipping-html';
export * from './display';
export * from './place-highlights';
