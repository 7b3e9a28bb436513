import { useState } from 'react';
import type { PlanInfo, VolumeBreakEven } from '../../../../shared/api/contract-subscriptions.js';
import { formatCount, formatUsd } from '../../../../shared/format.js';
import { getClient } from '../../api/client';
import { FormError, SubmitButton, useFormAction } from '../../components/FormAction';
import { ModelPicker } from '../../components/ModelPicker';
import { modelSuggestions } from '../../lib/model-suggestions';

interface Workload {
  plan: string;
  provider: string;
  model: string;
  input: string;
  output: string;
  cacheRead: string;
}

const TOKEN_FIELDS = [
  ['input', 'Input tokens', 'volumeInput'],
  ['output', 'Output tokens', 'volumeOutput'],
  ['cacheRead', 'Cache read', 'volumeCacheRead'],
] as const;

/** "At what monthly volume would a plan be cheaper than the API for this kind of call?" */
export function VolumeCard({ catalog }: { catalog: readonly PlanInfo[] }) {
  const [w, setW] = useState<Workload>({ plan: catalog[0]?.id ?? '', provider: 'anthropic', model: 'claude-sonnet-4-5', input: '5000', output: '2000', cacheRead: '0' });
  const [result, setResult] = useState<{ answer: VolumeBreakEven; plan: string } | null>(null);
  const { busy, error, setError, run } = useFormAction();

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const tokens = TOKEN_FIELDS.map(([key, label]) => [label, Number(w[key])] as const);
    const bad = tokens.find(([, n]) => !Number.isSafeInteger(n) || n < 0);
    if (bad) return setError(`${bad[0]}: a whole number, 0 or more.`);
    if (w.model.trim() === '') return setError('Name the model the calls would use.');
    const plan = catalog.find((p) => p.id === w.plan);
    if (!plan) return setError('Pick a plan.');
    const [input, output, cacheRead] = tokens.map(([, n]) => n);
    await run(async () => {
      const answer = await getClient().breakEvenVolume({
        plan: plan.id,
        provider: w.provider,
        model: w.model.trim(),
        tokensPerCall: { inputTokens: input, outputTokens: output, cacheReadTokens: cacheRead },
      });
      setResult({ answer, plan: plan.name });
    });
  };

  return (
    <section className="card" data-testid="be-volume">
      <div className="card-head">
        <h2>At what volume does a plan pay off?</h2>
        <span className="muted small">For one kind of call, priced at today's API rates</span>
      </div>
      <form className="form-row form-row-wrap" onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span className="field-label">Plan</span>
          <select name="volumePlan" value={w.plan} onChange={(e) => setW(withPlan(w, catalog, e.target.value))}>
            {catalog.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} · {formatUsd(p.monthlyNano)}
                {p.perSeat ? ' a seat' : ''}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Provider · model</span>
          <ModelPicker namePrefix="volume-" provider={w.provider} model={w.model} onChange={(m) => setW({ ...w, ...m })} />
        </label>
        {TOKEN_FIELDS.map(([key, label, name]) => (
          <label key={key} className="field field-num">
            <span className="field-label">{label}</span>
            <input name={name} type="number" min={0} step={1} value={w[key]} onChange={(e) => setW({ ...w, [key]: e.target.value })} />
          </label>
        ))}
        <SubmitButton busy={busy} label="Find break-even" busyLabel="Working…" />
      </form>
      <FormError error={error} />
      {result && <VolumeAnswer answer={result.answer} planName={result.plan} />}
    </section>
  );
}

/** A plan of another vendor brings that vendor's models: ChatGPT against a Claude model says little. */
function withPlan(w: Workload, catalog: readonly PlanInfo[], planId: string): Workload {
  const provider = catalog.find((p) => p.id === planId)?.provider;
  if (!provider || provider === w.provider) return { ...w, plan: planId };
  return { ...w, plan: planId, provider, model: modelSuggestions(provider)[0] ?? '' };
}

function VolumeAnswer({ answer: a, planName }: { answer: VolumeBreakEven; planName: string }) {
  if (!a.priced) {
    return (
      <p className="notice notice-warn small" data-testid="be-volume-result">
        No price for “{a.model}”: add a price override in Settings to compare it with a plan.
      </p>
    );
  }
  if (a.callsPerMonth === null) {
    return (
      <p className="muted small" data-testid="be-volume-result">
        These calls cost nothing at API rates, so no volume makes {planName} cheaper.
      </p>
    );
  }
  return (
    <p className="volume-answer" data-testid="be-volume-result">
      At <span className="num">{formatUsd(a.costPerCallNano)}</span> a call on <span className="mono">{a.matchedModel}</span>, {planName} (
      <span className="num">{formatUsd(a.priceNano)}</span>) is cheaper from <strong className="num" data-testid="be-volume-calls">{formatCount(a.callsPerMonth)}</strong> calls a
      month, about <span className="num">{formatCount(a.callsPerDay ?? 0)}</span> a day. Plans have usage limits: check that the volume fits within yours.
    </p>
  );
}
