/** The plan windows' settings: notification thresholds and account labels, validated like every setting. */
import { describe, expect, it } from 'vitest';
import { validateSettingsPatch } from '../../shared/settings.js';
import { accountLabel } from '../../shared/windows/window-settings.js';

describe('plan-window settings', () => {
  it('thresholds: percentages above 0 and at most 100, sorted, each once', () => {
    expect(validateSettingsPatch({ windowAlerts: [90, 50, 75, 50] })).toEqual({ windowAlerts: [50, 75, 90] });
    expect(validateSettingsPatch({ windowAlerts: [] })).toEqual({ windowAlerts: [] });
    expect(() => validateSettingsPatch({ windowAlerts: [0] })).toThrow('windowAlerts are percentages above 0 and at most 100, got 0');
    expect(() => validateSettingsPatch({ windowAlerts: [101] })).toThrow('got 101');
    expect(() => validateSettingsPatch({ windowAlerts: '50' })).toThrow('windowAlerts must be a list of percentages');
  });

  it('account labels: one per provider and account, trimmed', () => {
    expect(validateSettingsPatch({ windowAccounts: [{ provider: 'Anthropic', account: ' org-1 ', label: ' Work Max ' }] })).toEqual({
      windowAccounts: [{ provider: 'anthropic', account: 'org-1', label: 'Work Max' }],
    });
    expect(() => validateSettingsPatch({ windowAccounts: [{ provider: 'anthropic', account: 'a', label: 'x' }, { provider: 'anthropic', account: 'a', label: 'y' }] })).toThrow(
      'windowAccounts[1]: anthropic account a is labelled twice',
    );
    expect(() => validateSettingsPatch({ windowAccounts: [{ provider: 'anthropic', account: '', label: 'x' }] })).toThrow('windowAccounts[0].account');
    expect(() => validateSettingsPatch({ windowAccounts: [{ provider: 'anthropic', account: 'a', label: '', extra: 1 }] })).toThrow('unknown field "extra"');
  });

  it('an account is named by its label, else by its plan brand, with its id when the provider has several', () => {
    const labels = [{ provider: 'anthropic', account: 'org-1', label: 'Work Max' }];
    expect(accountLabel('anthropic', 'org-1', labels, 2)).toBe('Work Max');
    expect(accountLabel('anthropic', '4f1c2a9e-7b6d-6a4b', labels, 1)).toBe('Claude');
    expect(accountLabel('anthropic', '4f1c2a9e-7b6d-6a4b', labels, 2)).toBe('Claude (…6a4b)');
    expect(accountLabel('openai', 'default', [], 1)).toBe('ChatGPT');
    expect(accountLabel('mistral', 'default', [], 1)).toBe('mistral');
  });
});
