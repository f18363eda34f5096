/**
 * The reader page's state and every change to it, as one reducer: the highlights placed on the saved text and
 * those not found, the selection the toolbar is shown for, the editor, a notice. The drawing itself is the
 * highlighter's (components/ReaderPage.tsx); this holds what the page shows.
 */
import { useMemo, useState } from 'preact/hooks';
import { DEFAULT_COLOR, type HighlightColor } from '@/utils/colors';
import type { HighlightRecord } from '@/utils/messaging/background-map';
import { byReadingOrder, type Placed } from '@/utils/reader';
import type { HighlightThen } from '@/utils/selection-watch';

export interface Editing {
  id: string;
  focus: HighlightThen;
  /** Where the highlight is on screen, to put the editor next to it. */
  rect: DOMRect | null;
  /** What had the focus before, to give it back when the editor closes. */
  returnTo: HTMLElement | null;
}

export interface ReaderState {
  placed: Placed[];
  missing: HighlightRecord[];
  /** The user's selection in the article, while the toolbar is offered for it. */
  selection: { range: Range; rect: DOMRect } | null;
  color: HighlightColor;
  /** A highlight of the selection is being saved. */
  busy: boolean;
  toolbarError: string | null;
  editing: Editing | null;
  notice: string | null;
}

export type ReaderAction =
  /** Highlights anchored in the text: the first ones, or one put back (`add`). */
  | { type: 'placed'; placed: Placed[]; missing: HighlightRecord[]; add?: boolean }
  | { type: 'select'; range: Range; rect: DOMRect }
  | { type: 'dismiss' }
  | { type: 'color'; color: HighlightColor }
  | { type: 'saving' }
  | { type: 'saved'; placed: Placed }
  | { type: 'saveFailed'; message: string }
  | { type: 'edit'; editing: Editing }
  | { type: 'closeEditor' }
  /** A highlight changed in the editor; `range` is where it is drawn now, if it is. */
  | { type: 'updated'; record: HighlightRecord; range: Range | null }
  | { type: 'removed'; id: string }
  | { type: 'notice'; message: string | null };

export const initialReaderState: ReaderState = {
  placed: [],
  missing: [],
  selection: null,
  color: DEFAULT_COLOR,
  busy: false,
  toolbarError: null,
  editing: null,
  notice: null,
};

/** The toolbar is shown for a selection, unless the editor is open. */
export const toolbarShown = (state: ReaderState) => state.selection !== null && state.editing === null;

export function readerReducer(state: ReaderState, action: ReaderAction): ReaderState {
  switch (action.type) {
    case 'placed':
      return action.add
        ? {
            ...state,
            placed: [...state.placed, ...action.placed].sort(byReadingOrder),
            missing: [...state.missing, ...action.missing],
          }
        : { ...state, placed: action.placed, missing: action.missing };
    case 'select':
      // Selecting text in the open editor is the editor's business.
      if (state.editing) return state;
      return { ...state, selection: { range: action.range, rect: action.rect }, toolbarError: null };
    case 'dismiss':
      return state.selection ? { ...state, selection: null } : state;
    case 'color':
      return { ...state, color: action.color };
    case 'saving':
      return { ...state, busy: true, toolbarError: null };
    case 'saved':
      return {
        ...state,
        busy: false,
        selection: null,
        placed: [...state.placed, action.placed].sort(byReadingOrder),
      };
    case 'saveFailed':
      return { ...state, busy: false, toolbarError: action.message };
    case 'edit':
      return { ...state, editing: action.editing };
    case 'closeEditor':
      return state.editing ? { ...state, editing: null } : state;
    case 'updated': {
      const { record, range } = action;
      return {
        ...state,
        placed: state.placed.map((p) =>
          p.record.id === record.id ? { ...p, record, range: range ?? p.range } : p,
        ),
        missing: state.missing.map((r) => (r.id === record.id ? record : r)),
      };
    }
    case 'removed':
      return {
        ...state,
        placed: state.placed.filter((p) => p.record.id !== action.id),
        missing: state.missing.filter((r) => r.id !== action.id),
      };
    case 'notice':
      return { ...state, notice: action.message };
  }
}

/**
 * `useReducer`, with the current state readable at any time: the page's document listeners, registered once,
 * and its saves, which resume after awaiting the library, read it here rather than from a render's copy.
 */
export function useReaderState() {
  const [state, setState] = useState(initialReaderState);
  const store = useMemo(() => {
    let current = initialReaderState;
    return {
      get: () => current,
      dispatch(action: ReaderAction) {
        current = readerReducer(current, action);
        setState(current);
      },
    };
  }, []);
  return [state, store] as const;
}
