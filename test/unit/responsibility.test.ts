// SPEC §6: each finding names the party the regulation charges, the duty and the supervisor.
// Expected values are read off the regulation, article by article.
import { describe, expect, it } from 'vitest';
import { holderOf, responsibilityOf, stagesHeldBy } from '../../domain/responsibility';

describe('who answers for a finding', () => {
  it('charges a late 校核 and a late first catalog application to the department under 第四十九条(八), rectifiable', () => {
    for (const kind of ['correction_overdue', 'catalog_submission_overdue'])
      expect(responsibilityOf(kind), kind).toEqual({
        kind,
        article: '第四十九条(八)',
        findingClass: 'violation',
        partyKind: 'department',
        supervisor: 'authority',
        rectifiable: true,
      });
  });

  it('charges the authority’s late review to the authority under 第十八条第二款, supervised by the county government, never rectifiable', () => {
    expect(responsibilityOf('catalog_review_overdue_3')).toMatchObject({
      kind: 'catalog_review_overdue',
      article: '第十八条第二款',
      findingClass: 'timeliness',
      partyKind: 'authority',
      supervisor: 'county_government',
      rectifiable: false,
    });
  });

  it('keeps a late resubmission, a provider’s late sharing decision and a late department report out of 第四十九条', () => {
    for (const kind of ['catalog_resubmission_overdue_2', 'sharing_decision_overdue', 'annual_report_missed:market']) {
      const r = responsibilityOf(kind);
      expect(r?.partyKind, kind).toBe('department');
      expect(r?.findingClass, kind).toBe('timeliness');
      expect(r?.article, kind).not.toMatch(/^第四十九条/);
      expect(r?.rectifiable, kind).toBe(false);
    }
  });

  it('charges the county report to the authority and the city submission to the county government, whose supervisor is the city', () => {
    expect(responsibilityOf('county_report_late')).toMatchObject({ partyKind: 'authority', supervisor: 'county_government' });
    expect(responsibilityOf('city_submission_late')).toMatchObject({
      partyKind: 'county_government',
      supervisor: 'city',
      article: '第四十六条第二款',
      rectifiable: false,
    });
  });

  it('knows no unknown kind', () => {
    expect(responsibilityOf('late_lunch')).toBeNull();
    expect(responsibilityOf('catalog_review_overdue')).toBeNull();
  });
});

describe('who holds the turn', () => {
  it('gives the review to the authority and the application and its resubmission to the department', () => {
    expect(holderOf('under_review')).toBe('authority');
    expect(holderOf('awaiting_application')).toBe('department');
    expect(holderOf('returned')).toBe('department');
    expect(holderOf('dispute_referred')).toBe('county_government');
    expect(holderOf('county_submitting')).toBe('county_government');
    expect(holderOf('approved')).toBeNull();
    // 第五十一条: a reported rectification waits for the authority's acceptance.
    expect(holderOf('awaiting_acceptance')).toBe('authority');
    expect(holderOf('rectifying')).toBe('department');
  });

  it('lists the stages each party holds, none twice', () => {
    const all = [...stagesHeldBy('department'), ...stagesHeldBy('authority'), ...stagesHeldBy('county_government')];
    expect(new Set(all).size).toBe(all.length);
    expect(stagesHeldBy('authority')).toEqual([
      'under_review',
      'awaiting_acceptance',
      'authority_compiling',
      'dispute_coordinating',
      'conflict_coordinating',
      'awaiting_finding_decision',
      'penalty_filed',
      'penalty_awaiting_order',
      'penalty_warned',
    ]);
  });

  it('第五十二条, 第五十三条: the penalised party’s own periods are held by no county party', () => {
    expect(holderOf('penalty_statement')).toBeNull();
    expect(holderOf('penalty_rectifying')).toBeNull();
    expect(holderOf('penalty_warned')).toBe('authority');
  });
});
