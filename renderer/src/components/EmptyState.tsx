import type { ProxyStatus } from '../../../shared/api/contract.js';
import { ConnectLines } from './ConnectLines';

const FIRST_RUN_PROVIDERS = ['anthropic', 'openai', 'gemini'];

/** What a new user sees before the ledger holds anything: the first step, not fake numbers. */
export function EmptyState({ proxy, compact = false }: { proxy: ProxyStatus | null; compact?: boolean }) {
  return (
    <section className={`empty-state${compact ? ' empty-compact' : ''}`} data-testid="empty-state">
      <h2>No usage recorded yet</h2>
      <p>
        Tokentally counts what your AI calls cost as they happen. Point a tool at the local proxy: set these in the
        shell (or the tool's settings) before starting Claude Code, an SDK script or an editor.
      </p>
      {/* The providers most tools talk to; Settings → Connect your tools has every provider. */}
      <ConnectLines proxy={proxy} providers={FIRST_RUN_PROVIDERS} controls={!compact} />
      {!compact && (
        <>
          <p className="muted">
            Calls made with your own key are forwarded untouched; without one, Tokentally adds the key stored in
            Settings. Each call shows up here within a second.
          </p>
          <p className="muted">
            Subscription usage is read as it happens from Claude Code transcripts (~/.claude/projects), Codex CLI
            sessions (~/.codex/sessions) and Gemini CLI sessions (~/.gemini/tmp): see Break-even.
          </p>
        </>
      )}
    </section>
  );
}
