import { describe, expect, it } from 'vitest';
import { evaluate, evaluationCsv, type EvaluationInput, onTimeRate, percent, reportOnTime } from '../../domain/evaluation';

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

const input: EvaluationInput = {
  year: 2025,
  today: '2026-01-10',
  types: ['correction', 'catalog_update'],
  departments: [
    { code: 'civil', name: '县民政局' },
    { code: 'market', name: '县市场监督管理局, "市场"' },
  ],
  closed: [
    { departmentCode: 'market', type: 'correction', closed: 3, late: 1 },
    { departmentCode: 'civil', type: 'catalog_update', closed: 2, late: 0 },
  ],
  overdue: [{ departmentCode: 'market', type: 'correction', n: 2 }],
  violations: [{ departmentCode: 'market', n: 4 }],
  openRectifications: [{ departmentCode: 'market', n: 1 }],
  criticized: [{ departmentCode: 'civil', n: 1 }],
  reports: [{ departmentCode: 'market', dueDate: '2025-12-31', submittedOn: '2025-12-30', late: false }],
};

describe('evaluate', () => {
  it('one row per department, every type with its counts, zeros where nothing happened', () => {
    const [civil, market] = evaluate(input);
    expect(market).toEqual({
      departmentCode: 'market',
      departmentName: '县市场监督管理局, "市场"',
      processes: [
        { type: 'correction', closed: 3, onTime: 2, onTimeRate: 0.6667, overdueOpen: 2 },
        { type: 'catalog_update', closed: 0, onTime: 0, onTimeRate: null, overdueOpen: 0 },
      ],
      violations: 4,
      openRectifications: 1,
      criticized: 0,
      annualReportOnTime: true,
    });
    expect(civil).toMatchObject({
      processes: [{ closed: 0 }, { closed: 2, onTime: 2, onTimeRate: 1 }],
      violations: 0,
      criticized: 1,
      annualReportOnTime: null,
    });
  });
});

describe('evaluationCsv', () => {
  it('a Chinese header row, one row per department, quoted where a cell holds a comma or a quote', () => {
    const csv = evaluationCsv(input.types, evaluate(input));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      '部门代码,部门名称,数据校核年内办结数,数据校核按时办结数,数据校核按时办结率,数据校核当前超期未办结数,目录更新年内办结数,目录更新按时办结数,目录更新按时办结率,目录更新当前超期未办结数,年内违规数,未结整改通知数,年内通报批评数,年度报告按时报送',
    );
    expect(lines[1]).toBe('civil,县民政局,0,0,—,0,2,2,100.00%,0,0,0,1,—');
    expect(lines[2]).toBe('market,"县市场监督管理局, ""市场""",3,2,66.67%,2,0,0,—,0,4,1,0,是');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
  });

  it('names every process type in the header, the sharing and conflict processes too', () => {
    const header = evaluationCsv(['sharing_request', 'sharing_dispute', 'conflict'], []).split('\r\n')[0];
    expect(header).toBe(
      '部门代码,部门名称,共享申请年内办结数,共享申请按时办结数,共享申请按时办结率,共享申请当前超期未办结数,共享争议年内办结数,共享争议按时办结数,共享争议按时办结率,共享争议当前超期未办结数,数据冲突年内办结数,数据冲突按时办结数,数据冲突按时办结率,数据冲突当前超期未办结数,年内违规数,未结整改通知数,年内通报批评数,年度报告按时报送',
    );
  });
});
