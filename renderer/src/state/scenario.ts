import { create } from 'zustand';
import type { ScenarioResult, WorkloadRow } from '../../../shared/api/contract-budgets.js';
import { onModel } from '../../../shared/planner/on-model.js';
import { getClient } from '../api/client';
import { blankDraft, draftFromRow, parseDraft, type DraftRow, type ParsedDraft } from '../lib/workload-draft';
import { reportError, track } from './connection';

interface ModelChoice {
  provider: string;
  model: string;
}

/** At most this many models beside the workloads as entered. */
export const MAX_COMPARE = 3;
const PRICE_DEBOUNCE_MS = 250;

interface ScenarioState {
  rows: DraftRow[];
  /** Models every workload is also priced on, side by side. */
  compare: ModelChoice[];
  /** Each row's parse result, in the order of `rows`. */
  parsed: ParsedDraft[];
  /** Priced valid rows as entered, then on each compared model (index-aligned with `compare`). */
  asEntered: ScenarioResult | null;
  onCompare: (ScenarioResult | null)[];
  pricing: boolean;
  error: string | null;
  /** The saved plan being edited (Save replaces it), if any. */
  planId: number | null;
  planName: string;
  setRow(id: number, patch: Partial<Omit<DraftRow, 'id'>>): void;
  addRow(): void;
  removeRow(id: number): void;
  setCompare(index: number, choice: ModelChoice | null): void;
  addCompare(choice: ModelChoice): void;
  loadPlan(plan: { id: number | null; name: string; rows: WorkloadRow[] }): void;
  setPlanName(name: string): void;
  /** The rows that read cleanly, as the API takes them. */
  validRows(): WorkloadRow[];
}

const EXAMPLE: WorkloadRow[] = [
  { name: 'Coding agent', provider: 'anthropic', model: 'claude-sonnet-4-5', requestsPerMonth: 3000, inputTokens: 40_000, outputTokens: 1500, cachedShare: 0.8, batchShare: 0 },
  { name: 'Nightly summaries', provider: 'openai', model: 'gpt-5-mini', requestsPerMonth: 12_000, inputTokens: 6000, outputTokens: 800, cachedShare: 0, batchShare: 1 },
];

const initialRows = EXAMPLE.map(draftFromRow);

export const useScenario = create<ScenarioState>((set, get) => ({
  rows: initialRows,
  compare: [
    { provider: 'anthropic', model: 'claude-haiku-4-5' },
    { provider: 'openai', model: 'gpt-5' },
  ],
  parsed: initialRows.map(parseDraft),
  asEntered: null,
  onCompare: [],
  pricing: false,
  error: null,
  planId: null,
  planName: '',

  setRow(id, patch) {
    const rows = get().rows.map((r) => (r.id === id ? { ...r, ...patch } : r));
    set({ rows, parsed: rows.map(parseDraft) });
    schedulePricing();
  },
  addRow() {
    const rows = [...get().rows, blankDraft()];
    set({ rows, parsed: rows.map(parseDraft) });
  },
  removeRow(id) {
    const rows = get().rows.filter((r) => r.id !== id);
    set({ rows, parsed: rows.map(parseDraft) });
    schedulePricing();
  },
  setCompare(index, choice) {
    const compare = [...get().compare];
    if (choice) compare[index] = choice;
    else compare.splice(index, 1);
    set({ compare, onCompare: get().onCompare.filter((_, i) => choice !== null || i !== index) });
    schedulePricing();
  },
  addCompare(choice) {
    if (get().compare.length >= MAX_COMPARE) return;
    set({ compare: [...get().compare, choice] });
    schedulePricing();
  },
  loadPlan(plan) {
    const rows = plan.rows.map(draftFromRow);
    set({ rows, parsed: rows.map(parseDraft), planId: plan.id, planName: plan.name });
    schedulePricing(0);
  },
  setPlanName(name) {
    set({ planName: name });
  },
  validRows() {
    return get().parsed.flatMap((p) => (p.ok ? [p.row] : []));
  },
}));

let timer: ReturnType<typeof setTimeout> | null = null;
let generation = 0;

/** Price after typing settles; an answer for an older edit is dropped. */
export function schedulePricing(delayMs = PRICE_DEBOUNCE_MS): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    void priceNow();
  }, delayMs);
}

async function priceNow(): Promise<void> {
  const mine = ++generation;
  const { compare, validRows } = useScenario.getState();
  const rows = validRows();
  if (rows.length === 0) {
    useScenario.setState({ asEntered: null, onCompare: compare.map(() => null), pricing: false, error: null });
    return;
  }
  useScenario.setState({ pricing: true });
  const api = getClient();
  try {
    const [asEntered, ...onCompare] = await track(
      Promise.all([api.priceScenario({ rows }), ...compare.map((c) => api.priceScenario({ rows: onModel(rows, c.provider, c.model) }))]),
    );
    if (mine !== generation) return;
    useScenario.setState({ asEntered: asEntered!, onCompare, pricing: false, error: null });
  } catch (err) {
    if (mine === generation) useScenario.setState({ pricing: false, error: reportError(err) });
  }
}
