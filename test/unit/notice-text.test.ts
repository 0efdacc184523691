import { describe, expect, it } from 'vitest';
import { cnDay, noticeCodes, renderNotice } from '../../domain/notice-text';

const names = {
  departments: new Map([
    ['market', '县市场监督管理局'],
    ['civil', '县民政局'],
    ['county-data', '县大数据发展局'],
  ]),
  resources: new Map([['MKT-001', '市场主体登记信息']]),
};

describe('cnDay', () => {
  it('a day without leading zeros, also of an instant', () => {
    expect(cnDay('2026-12-10')).toBe('2026年12月10日');
    expect(cnDay('2025-01-05')).toBe('2025年1月5日');
    expect(cnDay('2025-10-05T00:00:00+08:00')).toBe('2025年10月5日');
  });
});

describe('renderNotice', () => {
  it('names the departments and the resource, and writes the date in Chinese', () => {
    expect(renderNotice('部门 market 申请共享 MKT-001，请于 2026-12-10 前作出决定', names)).toBe(
      '县市场监督管理局 申请共享 市场主体登记信息（MKT-001），请于 2026年12月10日 前作出决定',
    );
  });

  it('a code already in brackets keeps one pair; lists of departments are named each', () => {
    expect(renderNotice('共享申请 GX-7（MKT-001）：同意共享 名称', names)).toBe('共享申请 GX-7（市场主体登记信息 MKT-001）：同意共享 名称');
    expect(renderNotice('数据冲突 CT-1：请与 civil、county-data 协商，于 2025-10-09 前登记本部门意见', names)).toBe(
      '数据冲突 CT-1：请与 县民政局、县大数据发展局 协商，于 2025年10月9日 前登记本部门意见',
    );
  });

  it('matches whole tokens only: ids holding a code, unknown codes, instants and the word 部门 alone stay', () => {
    expect(renderNotice('整改通知 market-7 与 supermarket 及 county-data-2', names)).toBe(
      '整改通知 market-7 与 supermarket 及 county-data-2',
    );
    expect(renderNotice('部门 police 已于 2025-12-20T10:00:00+08:00 报送（本部门 2025 年度）', names)).toBe(
      '部门 police 已于 2025-12-20T10:00:00+08:00 报送（本部门 2025 年度）',
    );
  });

  it('a text rendered once reads the same rendered again (rows written before names were rendered are read through it)', () => {
    for (const raw of ['部门 market 申请共享 MKT-001，请于 2026-12-10 前作出决定', '共享申请 GX-7（MKT-001）：同意共享 名称']) {
      const once = renderNotice(raw, names);
      expect(renderNotice(once, names)).toBe(once);
    }
  });

  it('the codes to look up: tokens that are not days, once each', () => {
    expect(noticeCodes(['部门 market 申请共享 MKT-001，请于 2026-12-10 前', '请与 market、civil 协商'])).toEqual([
      'market',
      'MKT-001',
      'civil',
    ]);
  });
});
