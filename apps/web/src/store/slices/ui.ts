/**
 * The ui slice: what this tab shows and did, which the server does not know — the
 * socket's status, the selected and highlighted nodes, the highlighted log index, the
 * last failed action's notice, and the answers to this tab's KV requests.
 */
import type { StateCreator } from 'zustand';
import type { Slice } from '../draft';
import type { RaftStore } from '../store';
import { BOUNDS, type ConnectionStatus, type KvResultRow } from '../types';

export interface UiState {
  connection: ConnectionStatus;
  selected: number | null;
  /** Nodes picked out by the Safety panel (a violation's nodes). */
  highlighted: number[];
  /** A log index picked out by the client history (an operation's entry). */
  highlightIndex: number | null;
  /** The last failed control action, shown until the next one. */
  notice: string | null;
  /** Answers to this tab's KV requests, newest first (bounded). */
  results: KvResultRow[];
  /** The id the next result gets. */
  nextResultId: number;
}

export interface UiActions {
  setConnection(status: ConnectionStatus): void;
  select(node: number | null): void;
  /** Picks out nodes (a safety violation's) and selects the first. */
  highlightNodes(nodes: number[]): void;
  /** Picks out one log index (a client operation's entry); null clears it. */
  highlightEntry(index: number | null): void;
  addResult(row: Omit<KvResultRow, 'id'>): void;
  /** Shows (or clears, with null) a message about a failed action. */
  setNotice(text: string | null): void;
}

export const ui: Slice<UiState> = {
  initial: () => ({
    connection: 'idle',
    selected: null,
    highlighted: [],
    highlightIndex: null,
    notice: null,
    results: [],
    nextResultId: 1,
  }),
  // A node the snapshot no longer has cannot stay selected or highlighted.
  snapshot: (state, frame) => {
    const has = (id: number) => frame.view.nodes.some((n) => n.id === id);
    return {
      highlighted: state.highlighted.filter(has),
      selected: state.selected !== null && has(state.selected) ? state.selected : null,
    };
  },
};

export const uiActions: StateCreator<RaftStore, [], [], UiActions> = (set) => ({
  setConnection: (connection) => set({ connection }),
  select: (selected) => set({ selected, highlighted: [] }),
  highlightNodes: (nodes) => set({ highlighted: nodes, selected: nodes[0] ?? null }),
  highlightEntry: (highlightIndex) => set({ highlightIndex }),
  setNotice: (notice) => set({ notice }),
  addResult: (row) =>
    set((s) => ({
      results: [{ ...row, id: s.nextResultId }, ...s.results].slice(0, BOUNDS.results),
      nextResultId: s.nextResultId + 1,
    })),
});
