import { useState } from 'react';
import type { KeyInfo, KeyKind } from '../../../../shared/api/contract.js';
import type { ProviderSyncStatus } from '../../../../shared/api/contract-providers.js';
import { ConfirmRemove } from '../../components/ConfirmRemove';
import { RowButton } from '../../components/RowButton';
import { providerLabel } from '../../state/provider-catalog';
import { formatClock, formatTime } from '../../lib/dates';
import { formatRelative } from '../../lib/relative-time';
import { useKeys } from '../../state/keys';
import { useProviderCatalog } from '../../state/provider-catalog';
import { useProviders } from '../../state/providers';


interface Props {
  provider: string;
  keys: readonly KeyInfo[];
  sync: ProviderSyncStatus | undefined;
  tz: string | undefined;
  now: number;
}

type Note = { tone: 'ok' | 'error'; text: string } | null;

/** One provider: its stored keys (test, remove) and how its usage report sync is going. */
export function ProviderBlock({ provider, keys, sync, tz, now }: Props) {
  const polling = useProviders((p) => p.polling.includes(provider));
  const [note, setNote] = useState<Note>(null);
  const info = useProviderCatalog((s) => s.byId.get(provider));
  // The key slots the provider's profile has: an Admin (or management) key where its reports need one.
  const kinds: KeyKind[] = info?.keyKinds ?? ['api'];
  const slotName = (kind: KeyKind) => (kind === 'admin' ? (info?.adminKeyLabel ?? 'Admin key') : 'API key');

  const test = async (kind: KeyKind) => {
    setNote(null);
    const r = await useProviders.getState().test(provider, kind);
    setNote('error' in r ? { tone: 'error', text: r.error } : { tone: r.ok ? 'ok' : 'error', text: r.message });
  };
  const remove = async (kind: KeyKind) => {
    setNote(null);
    const err = await useKeys.getState().removeKey(provider, kind);
    setNote(err ? { tone: 'error', text: err } : { tone: 'ok', text: `${slotName(kind)} removed.` });
  };
  const poll = async () => {
    setNote(null);
    const err = await useProviders.getState().poll(provider);
    if (err) setNote({ tone: 'error', text: err });
  };

  return (
    <div className="provider-block" data-provider={provider}>
      <div className="provider-head">
        <span className="provider-name">{providerLabel(provider)}</span>
        {sync && <SyncPill sync={sync} now={now} slotName={slotName(sync.keyKind)} />}
        {sync?.hasKey && (
          <button type="button" className="btn btn-small provider-poll" onClick={() => void poll()} disabled={polling} data-testid={`poll-${provider}`}>
            {polling ? 'Polling…' : 'Poll now'}
          </button>
        )}
      </div>
      <div className="provider-keys">
        {kinds.map((kind) => {
          const key = keys.find((k) => k.kind === kind);
          const usedForSync = sync?.keyKind === kind;
          return (
            <div className="key-line" key={kind} data-testid={`key-${provider}-${kind}`}>
              <span className="key-kind">{slotName(kind)}</span>
              {key ? (
                <>
                  <span className="mono">{key.hint}</span>
                  {key.label && <span className="key-label">“{key.label}”</span>}
                  {key.problem && (
                    <span className="badge badge-danger" title={key.problem} data-testid="key-unreadable">
                      cannot be read
                    </span>
                  )}
                  <span className="muted small" title={formatTime(key.updatedAt, tz)}>
                    added {formatRelative(key.updatedAt, now)}
                  </span>
                  <span className="key-actions">
                    <RowButton onClick={() => void test(kind)}>Test</RowButton>
                    <ConfirmRemove onConfirm={() => void remove(kind)} question="Remove the key? It cannot be shown again." />
                  </span>
                </>
              ) : (
                <span className="muted small">
                  not stored
                  {kind === 'admin' ? ` · ${info?.adminKeyNote ?? 'reads the provider’s usage and cost reports'}` : usedForSync ? ' · also reads the usage and balance' : ' · tools calling through the proxy use it when they send none'}
                </span>
              )}
            </div>
          );
        })}
      </div>
      {sync && <SyncDetails sync={sync} tz={tz} now={now} />}
      {note && (
        <p className={`small provider-note ${note.tone === 'ok' ? 'text-ok' : 'text-danger'}`} role={note.tone === 'error' ? 'alert' : 'status'} data-testid="provider-note">
          {note.text}
        </p>
      )}
    </div>
  );
}

/**
 * How the report sync is going. Without its key the pill names the key the reports need ("no
 * Admin key"): a bare "no key" read as if the API key stored above were missing.
 */
function SyncPill({ sync, now, slotName }: { sync: ProviderSyncStatus; now: number; slotName: string }) {
  const text =
    sync.state === 'ok'
      ? `synced ${formatRelative(sync.lastSuccessAt!, now)}`
      : sync.state === 'error'
        ? 'last sync failed'
        : sync.state === 'waiting'
          ? 'waiting for the first sync'
          : `reports need ${/^[aeiou]/i.test(slotName) ? 'an' : 'a'} ${slotName}`;
  return (
    <span className={`sync-pill sync-${sync.state}`} data-testid={`sync-${sync.provider}`}>
      {text}
    </span>
  );
}

function SyncDetails({ sync, tz, now }: { sync: ProviderSyncStatus; tz: string | undefined; now: number }) {
  // Without a key the key lines above say what to add; the core's note names the CLI for the same.
  if (!sync.hasKey) return null;
  return (
    <div className="provider-sync small" data-testid={`sync-details-${sync.provider}`}>
      <span className="muted">Reads {sync.reads}.</span>{' '}
      <span>
        Last successful sync:{' '}
        {sync.lastSuccessAt ? (
          <span title={formatTime(sync.lastSuccessAt, tz)}>
            {formatClock(sync.lastSuccessAt, tz)} ({formatRelative(sync.lastSuccessAt, now)})
          </span>
        ) : (
          'never'
        )}
        .
      </span>{' '}
      <span>
        Next: {sync.nextSyncAt ? <span title={formatTime(sync.nextSyncAt, tz)}>{formatRelative(sync.nextSyncAt, now)}</span> : 'only when you poll (automatic polling is off)'}.
      </span>
      {sync.lastStored && <span className="muted block">Last stored: {sync.lastStored}</span>}
      {sync.lastError && (
        <p className="notice notice-error small sync-error" data-testid={`sync-error-${sync.provider}`}>
          {sync.lastAttemptAt && <span className="muted-in-notice">{formatRelative(sync.lastAttemptAt, now)}: </span>}
          {sync.lastError}
        </p>
      )}
    </div>
  );
}
