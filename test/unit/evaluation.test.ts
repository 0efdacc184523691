// 第四十五条: the evaluation's arithmetic, every expected figure worked out by hand from the
// formulas the README states (default indicators: weights 30/30/20/20, 10 points off 汇聚 per
// confirmed 第四十九条(八) finding, 20 off 共享 per overturned refusal, 2 requests, 1 assessment, 1 drill).
import { describe, expect, it } from 'vitest';
import {
  applicationScore,
  DEFAULT_INDICATORS,
  evaluate,
  evaluationCsv,
  type EvaluationInput,
  gatheringScore,
  onTimeRate,
  percent,
  rankByTotal,
  reportOnTime,
  securityScore,
  sharingScore,
  totalScore,
  weightsError,
} from '../../domain/evaluation';

const P = DEFAULT_INDICATORS.parameters;

describe('onTimeRate and percent', () => {
  it('rounds to 4 decimals; nothing closed has no rate', () => {
    expect(onTimeRate(2, 3)).toBe(0.6667);
    expect(onTimeRate(1, 3)).toBe(0.3333);
    expect(onTimeRate(5, 5)).toBe(1);
    expect(onTimeRate(0, 4)).toBe(0);
    expect(onTimeRate(0, 0)).toBeNull();
    expect(percent(0.6667)).toBe('66.67%');
    expect(percent(null)).toBe('—');
  });
});

describe('reportOnTime (第四十六条)', () => {
  const r = { departmentCode: 'market', dueDate: '2025-12-31' };
  it('the recorded lateness wins; otherwise the submission day against 31 December; a missing report is late only after it', () => {
    expect(reportOnTime(undefined, '2026-02-01')).toBeNull();
    expect(reportOnTime({ ...r, submittedOn: '2025-12-20', late: false }, '2026-02-01')).toBe(true);
    expect(reportOnTime({ ...r, submittedOn: '2026-01-03', late: true }, '2026-02-01')).toBe(false);
    expect(reportOnTime({ ...r, submittedOn: '2025-12-31', late: null }, '2026-02-01')).toBe(true);
    expect(reportOnTime({ ...r, submittedOn: '2026-01-01', late: null }, '2026-02-01')).toBe(false);
    expect(reportOnTime({ ...r, submittedOn: null, late: null }, '2025-12-31')).toBeNull();
    expect(reportOnTime({ ...r, submittedOn: null, late: null }, '2026-01-01')).toBe(false);
  });
});

describe('dimension scores', () => {
  it('汇聚: 100 × on time / closed less 10 per 第四十九条(八) finding, never below 0; nothing closed starts at 100', () => {
    expect(gatheringScore({ closed: 4, onTime: 3, findings: 0 }, P)).toBe(75);
    expect(gatheringScore({ closed: 3, onTime: 2, findings: 1 }, P)).toBe(56.67); // 66.666… − 10
    expect(gatheringScore({ closed: 0, onTime: 0, findings: 2 }, P)).toBe(80);
    expect(gatheringScore({ closed: 2, onTime: 0, findings: 3 }, P)).toBe(0);
    expect(gatheringScore({ closed: 2, onTime: 1, findings: 1 }, { ...P, gatheringPenaltyPerFinding: 5 })).toBe(45);
  });
  it('共享: answered on time rate less 20 per overturned refusal; nothing asked is 100', () => {
    expect(sharingScore({ answered: 5, onTime: 4, overturned: 0 }, P)).toBe(80);
    expect(sharingScore({ answered: 0, onTime: 0, overturned: 1 }, P)).toBe(80);
    expect(sharingScore({ answered: 1, onTime: 0, overturned: 1 }, P)).toBe(0);
  });
  it('应用: half for requests made (capped at the target), half for the annual report (0 when late, kept while none is due)', () => {
    expect(applicationScore({ requests: 1, annualReportOnTime: true }, P)).toBe(75);
    expect(applicationScore({ requests: 5, annualReportOnTime: false }, P)).toBe(50);
    expect(applicationScore({ requests: 0, annualReportOnTime: null }, P)).toBe(50);
    expect(applicationScore({ requests: 0, annualReportOnTime: false }, { ...P, applicationRequestsTarget: 0 })).toBe(50);
    expect(applicationScore({ requests: 1, annualReportOnTime: true }, { ...P, applicationRequestsTarget: 3 })).toBe(66.67);
  });
  it('安全: half for risk assessments (第四十二条), half for drills (第四十三条), each capped at what is required', () => {
    expect(securityScore({ riskAssessments: 1, drills: 0 }, P)).toBe(50);
    expect(securityScore({ riskAssessments: 3, drills: 2 }, P)).toBe(100);
    expect(securityScore({ riskAssessments: 1, drills: 1 }, { ...P, securityAssessmentsRequired: 2, securityDrillsRequired: 4 })).toBe(
      37.5,
    );
  });
  it('total: the weighted sum of the rounded scores, to two decimals', () => {
    expect(totalScore({ gathering: 46.67, sharing: 55, application: 75, security: 50 }, DEFAULT_INDICATORS.weights)).toBe(55.5);
    expect(
      totalScore(
        { gathering: 100, sharing: 0, application: 0, security: 0 },
        { gathering: 40, sharing: 20, application: 20, security: 20 },
      ),
    ).toBe(40);
  });
  it('weights must sum to 100', () => {
    expect(weightsError({ gathering: 25, sharing: 25, application: 25, security: 25 })).toBeNull();
    expect(weightsError({ gathering: 30, sharing: 30, application: 20, security: 10 })).toEqual({
      code: 'EVALUATION_WEIGHTS_SUM',
      message: '各评价维度（汇聚、共享、应用、安全）的权重之和应为 100：当前合计 90',
    });
  });
});

describe('rankByTotal', () => {
  it('highest first; equal totals share a rank and the next rank skips (1, 2, 2, 4); ties listed by code', () => {
    const ranked = rankByTotal([
      { departmentCode: 'c', total: 80 },
      { departmentCode: 'b', total: 90 },
      { departmentCode: 'a', total: 80 },
      { departmentCode: 'd', total: 70 },
    ]);
    expect(ranked.map((r) => [r.departmentCode, r.rank])).toEqual([
      ['b', 1],
      ['a', 2],
      ['c', 2],
      ['d', 4],
    ]);
  });
});

const input: EvaluationInput = {
  year: 2025,
  today: '2026-01-10',
  types: ['correction', 'catalog_update'],
  indicators: DEFAULT_INDICATORS,
  departments: [
    { code: 'civil', name: '县民政局' },
    { code: 'market', name: '县市场监督管理局, "市场"' },
  ],
  authority: { code: 'county-data', name: '县大数据发展局' },
  countyGovernment: { code: 'county-gov', name: '县人民政府' },
  closed: [
    { departmentCode: 'market', type: 'correction', closed: 3, late: 1 },
    { departmentCode: 'civil', type: 'catalog_update', closed: 2, late: 0 },
  ],
  overdue: [
    { departmentCode: 'market', type: 'correction', stage: 'verifying', n: 2 },
    // market's catalog update waits on the authority's review: the authority's, not market's
    { departmentCode: 'market', type: 'catalog_update', stage: 'under_review', n: 1 },
  ],
  findings: [
    { departmentCode: 'market', partyKind: 'department', kind: 'correction_overdue', article: '第四十九条(八)', n: 2 },
    {
      departmentCode: 'market',
      partyKind: 'department',
      kind: 'sharing_decision_overdue',
      article: '第三十条（主管部门设定的答复期限）',
      n: 1,
    },
    { departmentCode: 'county-data', partyKind: 'authority', kind: 'catalog_review_overdue_2', article: '第十八条第二款', n: 1 },
    { departmentCode: 'county-data', partyKind: 'authority', kind: 'county_report_late', article: '第四十六条第二款', n: 1 },
    { departmentCode: 'county-gov', partyKind: 'county_government', kind: 'city_submission_late', article: '第四十六条第二款', n: 1 },
  ],
  openRectifications: [{ departmentCode: 'market', n: 1 }],
  criticized: [{ departmentCode: 'civil', n: 1 }],
  reports: [{ departmentCode: 'market', dueDate: '2025-12-31', submittedOn: '2025-12-30', late: false }],
  sharingAnswered: [{ departmentCode: 'market', answered: 4, onTime: 3 }],
  overturned: [{ departmentCode: 'market', n: 1 }],
  requestsMade: [
    { departmentCode: 'civil', n: 3 },
    { departmentCode: 'market', n: 1 },
  ],
  security: [
    { departmentCode: 'civil', kind: 'risk_assessment', n: 1 },
    { departmentCode: 'civil', kind: 'emergency_drill', n: 2 },
    { departmentCode: 'market', kind: 'risk_assessment', n: 1 },
  ],
};

describe('evaluate', () => {
  it('one row per department with its figures, dimension scores, total and rank', () => {
    const { departments } = evaluate(input);
    const [civil, market] = departments;
    // market: 汇聚 100×2/3 − 2×10 = 46.67; 共享 100×3/4 − 20 = 55; 应用 50×1/2 + 50 = 75; 安全 50 + 0 = 50;
    // total 0.3×46.67 + 0.3×55 + 0.2×75 + 0.2×50 = 14.001 + 16.5 + 15 + 10 = 55.50
    expect(market).toEqual({
      departmentCode: 'market',
      departmentName: '县市场监督管理局, "市场"',
      processes: [
        { type: 'correction', closed: 3, onTime: 2, onTimeRate: 0.6667, overdueOpen: 2 },
        { type: 'catalog_update', closed: 0, onTime: 0, onTimeRate: null, overdueOpen: 0 },
      ],
      violations: 3,
      openRectifications: 1,
      criticized: 0,
      annualReportOnTime: true,
      gathering: { closed: 3, onTime: 2, findings: 2, score: 46.67 },
      sharing: { answered: 4, onTime: 3, overturned: 1, score: 55 },
      application: { requests: 1, annualReportOnTime: true, score: 75 },
      security: { riskAssessments: 1, drills: 0, score: 50 },
      total: 55.5,
      rank: 2,
    });
    // civil: everything full: 100 on every dimension, rank 1
    expect(civil).toMatchObject({
      processes: [{ closed: 0 }, { closed: 2, onTime: 2, onTimeRate: 1 }],
      violations: 0,
      criticized: 1,
      annualReportOnTime: null,
      gathering: { score: 100 },
      sharing: { score: 100 },
      application: { requests: 3, score: 100 },
      security: { riskAssessments: 1, drills: 2, score: 100 },
      total: 100,
      rank: 1,
    });
  });

  it("the authority's and the county government's own findings and held deadlines in their own sections, in no department's row", () => {
    const { authority, countyGovernment, departments } = evaluate(input);
    expect(authority).toEqual({
      partyKind: 'authority',
      supervisor: 'county_government',
      departmentCode: 'county-data',
      departmentName: '县大数据发展局',
      findings: [
        { kind: 'catalog_review_overdue', label: '目录更新申请超期审核', article: '第十八条第二款', n: 1 },
        { kind: 'county_report_late', label: '县级年度报告逾期提交县政府', article: '第四十六条第二款', n: 1 },
      ],
      confirmedFindings: 2,
      overdueOpen: [{ type: 'catalog_update', n: 1 }],
    });
    expect(countyGovernment).toMatchObject({ supervisor: 'city', confirmedFindings: 1, overdueOpen: [] });
    expect(departments.map((d) => d.violations)).toEqual([0, 3]);
  });

  it('weights from the year’s set change the totals and the ranking', () => {
    // all weight on 共享: market 55, civil 100
    const w = { gathering: 0, sharing: 100, application: 0, security: 0 };
    const { departments } = evaluate({ ...input, indicators: { ...DEFAULT_INDICATORS, weights: w } });
    expect(departments.map((d) => [d.departmentCode, d.total, d.rank])).toEqual([
      ['civil', 100, 1],
      ['market', 55, 2],
    ]);
  });
});

describe('evaluationCsv', () => {
  it('a Chinese header row, one row per department, quoted where a cell holds a comma or a quote', () => {
    const csv = evaluationCsv(input.types, evaluate(input).departments);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      '部门代码,部门名称,数据校核年内办结数,数据校核按时办结数,数据校核按时办结率,数据校核当前超期未办结数,目录更新年内办结数,目录更新按时办结数,目录更新按时办结率,目录更新当前超期未办结数,年内违规数,未结整改通知数,年内通报批评数,年度报告按时报送,汇聚得分,共享得分,应用得分,安全得分,总分,排名',
    );
    expect(lines[1]).toBe('civil,县民政局,0,0,—,0,2,2,100.00%,0,0,0,1,—,100.00,100.00,100.00,100.00,100.00,1');
    expect(lines[2]).toBe('market,"县市场监督管理局, ""市场""",3,2,66.67%,2,0,0,—,0,3,1,0,是,46.67,55.00,75.00,50.00,55.50,2');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
  });

  it('names every process type in the header, the sharing and conflict processes too', () => {
    const header = evaluationCsv(['sharing_request', 'sharing_dispute', 'conflict'], []).split('\r\n')[0];
    expect(header).toBe(
      '部门代码,部门名称,共享申请年内办结数,共享申请按时办结数,共享申请按时办结率,共享申请当前超期未办结数,共享争议年内办结数,共享争议按时办结数,共享争议按时办结率,共享争议当前超期未办结数,数据冲突年内办结数,数据冲突按时办结数,数据冲突按时办结率,数据冲突当前超期未办结数,年内违规数,未结整改通知数,年内通报批评数,年度报告按时报送,汇聚得分,共享得分,应用得分,安全得分,总分,排名',
    );
  });
});
