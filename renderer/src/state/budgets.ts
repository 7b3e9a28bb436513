import { create } from 'zustand';
import type { Budget, BudgetKey } from '../../../shared/api/contract.js';
import { getClient } from '../api/client';
import { reportError, track } from './connection';

interface BudgetsState {
  budgets: Budget[] | null;
  error: string | null;
  load(): Promise<void>;
  save(budget: Budget): Promise<string | null>;
  remove(key: BudgetKey): Promise<string | null>;
}

export const useBudgets = create<BudgetsState>((set) => ({
  budgets: null,
  error: null,
  async load() {
    try {
      set({ budgets: await track(getClient().listBudgets()), error: null });
    } catch (err) {
      set({ error: reportError(err) });
    }
  },
  async save(budget) {
    try {
      set({ budgets: await track(getClient().setBudget(budget)) });
      return null;
    } catch (err) {
      return reportError(err) ?? 'Not saved: Tokentally is not reachable.';
    }
  },
  async remove(key) {
    try {
      set({ budgets: await track(getClient().removeBudget(key)) });
      return null;
    } catch (err) {
      return reportError(err) ?? 'Not removed: Tokentally is not reachable.';
    }
  },
}));
