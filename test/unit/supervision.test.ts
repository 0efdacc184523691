// 督办 and the board's arithmetic (domain/supervision.ts), on cases written out by hand.
import { describe, expect, it } from 'vitest';
import { checkUrge, monthsEndingWith, onTimeRate, rankByOnTime } from '../../domain/supervision';

describe('onTimeRate and rankByOnTime', () => {
  it('per cent with one decimal; an equal rate an equal rank; nothing closed, no rank', () => {
    expect(onTimeRate(3, 1)).toBe(66.7);
    expect(onTimeRate(8, 1)).toBe(87.5);
    expect(onTimeRate(0, 0)).toBeNull();
    const ranked = rankByOnTime([
      { code: 'a', onTimeRate: 90 },
      { code: 'b', onTimeRate: 100 },
      { code: 'c', onTimeRate: 90 },
      { code: 'd', onTimeRate: null },
      { code: 'e', onTimeRate: 50 },
    ]);
    expect(ranked.map((r) => [r.code, r.rank])).toEqual([
      ['a', 2],
      ['b', 1],
      ['c', 2],
      ['d', null],
      ['e', 4],
    ]);
  });
});

describe('monthsEndingWith', () => {
  it('crosses the year back from January', () => {
    expect(monthsEndingWith('2026-02-15', 4)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});

describe('checkUrge (SPEC §6)', () => {
  it('the authority urges departments, the county government the authority; only yellow or red; not a closed or holderless stage', () => {
    expect(checkUrge('authority_reviewer', { status: 'open', stage: 'verifying', level: 'overdue' })).toEqual({ holder: 'department' });
    expect(checkUrge('county_government', { status: 'open', stage: 'under_review', level: 'warning' })).toEqual({ holder: 'authority' });
    const code = (r: ReturnType<typeof checkUrge>) => ('refusal' in r ? r.refusal.code : null);
    expect(code(checkUrge('county_government', { status: 'open', stage: 'verifying', level: 'overdue' }))).toBe('URGE_NOT_SUPERVISOR');
    expect(code(checkUrge('authority_reviewer', { status: 'open', stage: 'under_review', level: 'overdue' }))).toBe('URGE_NOT_SUPERVISOR');
    // the city supervises the county government and has no account here
    expect(code(checkUrge('county_government', { status: 'open', stage: 'county_submitting', level: 'overdue' }))).toBe(
      'URGE_NOT_SUPERVISOR',
    );
    expect(code(checkUrge('authority_reviewer', { status: 'open', stage: 'verifying', level: 'normal' }))).toBe('URGE_NOT_DUE');
    expect(code(checkUrge('authority_reviewer', { status: 'open', stage: 'penalty_statement', level: 'overdue' }))).toBe('URGE_NO_HOLDER');
    expect(code(checkUrge('authority_reviewer', { status: 'closed', stage: 'completed', level: 'overdue' }))).toBe('PROCESS_CLOSED');
  });
});
