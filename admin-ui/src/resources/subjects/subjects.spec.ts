/// <reference types="jest" />
import { blockedReason } from './accountState';
import { EMPTY_CRITERIA, guessMode, toFilter } from './searchMemory';
import type { SocialLink, SubjectProfile } from './types';

describe('the search filter', () => {
  it('asks nothing before something is typed or chosen', () => {
    expect(toFilter(EMPTY_CRITERIA)).toBeNull();
    expect(toFilter({ ...EMPTY_CRITERIA, text: '   ' })).toBeNull();
  });

  it('sends the text under the key of the chosen mode, trimmed', () => {
    expect(toFilter({ ...EMPTY_CRITERIA, mode: 'phone', text: ' 010 2000 0001 ' })).toEqual({ phone: '010 2000 0001' });
    expect(toFilter({ ...EMPTY_CRITERIA, mode: 'email', text: 'a@b.example' })).toEqual({ email: 'a@b.example' });
    expect(toFilter({ ...EMPTY_CRITERIA, mode: 'name', text: '홍길' })).toEqual({ q: '홍길' });
  });

  it('combines the text with the filters, and lets the filters search alone', () => {
    expect(toFilter({ ...EMPTY_CRITERIA, mode: 'name', text: 'Kim', kind: 'guardian', status: 'dormant' })).toEqual({
      q: 'Kim',
      kind: 'guardian',
      status: 'dormant',
    });
    expect(toFilter({ ...EMPTY_CRITERIA, service: 'shelby' })).toEqual({ service: 'shelby' });
  });

  it('recognises a pasted email or phone number', () => {
    expect(guessMode('hong@example.com')).toBe('email');
    expect(guessMode('+82 10-2000-0001')).toBe('phone');
    expect(guessMode('010')).toBeNull();
    expect(guessMode('홍길동')).toBeNull();
  });
});

describe('which account actions the state allows', () => {
  const link = (unlinkedAt: string | null): SocialLink => ({
    id: 'l',
    provider: 'kakao',
    providerNickname: null,
    emailMask: null,
    linkedAt: '2026-01-01T00:00:00Z',
    unlinkedAt,
  });
  const state = (
    overrides: Partial<Pick<SubjectProfile, 'keyShredded' | 'status' | 'socialLinks' | 'withdrawalRequestedAt'>>,
  ) => ({
    keyShredded: false,
    status: 'active' as const,
    socialLinks: [],
    withdrawalRequestedAt: null,
    ...overrides,
  });

  it('reactivates only a dormant account and unlocks only a locked one', () => {
    expect(blockedReason(state({ status: 'dormant' }), 'reactivate')).toBeNull();
    expect(blockedReason(state({}), 'reactivate')).toEqual({ key: 'tools.disabled.reactivate' });
    expect(blockedReason(state({ status: 'locked' }), 'unlock')).toBeNull();
    expect(blockedReason(state({ status: 'dormant' }), 'unlock')).toEqual({ key: 'tools.disabled.unlock' });
  });

  it('unlinks only a social login that is still linked', () => {
    expect(blockedReason(state({ socialLinks: [link(null)] }), 'unlink_social')).toBeNull();
    expect(blockedReason(state({ socialLinks: [link('2026-02-01T00:00:00Z')] }), 'unlink_social')).toEqual({
      key: 'tools.disabled.unlink_social',
    });
  });

  it('starts a withdrawal once, and nothing on a withdrawn or shredded account', () => {
    expect(blockedReason(state({}), 'withdraw')).toBeNull();
    expect(blockedReason(state({ withdrawalRequestedAt: '2026-11-01T00:00:00Z' }), 'withdraw')).toEqual({
      key: 'tools.disabled.withdraw_pending',
      args: { time: '2026-11-01T00:00:00Z' },
    });
    expect(blockedReason(state({ status: 'withdrawn' }), 'withdraw')).toEqual({ key: 'tools.disabled.withdrawn' });
    expect(blockedReason(state({ status: 'dormant', keyShredded: true }), 'reactivate')).toEqual({
      key: 'tools.disabled.shredded',
    });
  });
});
