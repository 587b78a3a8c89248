import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DirectionFilter, HistoryFilters, OutcomeFilter } from './history-entries.js';

/** The history screen's own state: its filters. The calls themselves are server state (queries). */
export interface HistoryState extends HistoryFilters {
  outcomeChosen: (outcome: OutcomeFilter) => void;
  directionChosen: (direction: DirectionFilter) => void;
  searchTyped: (search: string) => void;
  filtersCleared: () => void;
}

export type HistoryStore = StoreApi<HistoryState>;

const NO_FILTERS: HistoryFilters = { outcome: 'all', direction: 'all', search: '' };

export function createHistoryStore(): HistoryStore {
  return createStore<HistoryState>()((set) => ({
    ...NO_FILTERS,
    outcomeChosen: (outcome) => set({ outcome }),
    directionChosen: (direction) => set({ direction }),
    searchTyped: (search) => set({ search: search.slice(0, 64) }),
    filtersCleared: () => set(NO_FILTERS),
  }));
}
