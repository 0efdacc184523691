import { describe, expect, it } from 'vitest';
import { REPORT_ARTICLE } from '../../domain/annual-report';
import { CONFLICT_ARTICLE } from '../../domain/conflict';
import { VIOLATION_ARTICLE } from '../../domain/correction';
import { RECTIFICATION_ARTICLE } from '../../domain/rectification';
import { DECISION_OVERDUE, SHARING_VIOLATION_ARTICLE } from '../../domain/sharing';
import {
  EVENT_KINDS,
  eventLabel,
  FINDING_INFO,
  FINDING_KINDS,
  findingKindOf,
  findingLabel,
  PROCESS_TYPE_INFO,
  PROCESS_TYPES,
  processTypeLabel,
  STAGES,
  STAGES_OF,
  STARTING,
  STORED_FINDING_PATTERN,
  stageLabel,
  TASK_INFO,
  TASK_KINDS,
  taskLabel,
} from '../../domain/vocabulary';

/** A label an official can read: Chinese, and never a code. */
const readable = /^[\u4e00-\u9fff（）、 0-9]+$/;
/** One article, or several a process covers alike (第五十二条、第五十三条). */
const article = /^第[一二三四五六七八九十]+条(\([一二三四五六七八九十]+\))?(、第[一二三四五六七八九十]+条)*$/;
/** A finding's duty: the article with its clause or item, and where the period is the authority's, said so. */
const duty = /^第[一二三四五六七八九十]+条(第[一二三四五六七八九十]+款)?(\([一二三四五六七八九十]+\))?(（[\u4e00-\u9fff]+）)?$/;

describe('the vocabulary', () => {
  it('names every process type, stage, task, finding and event in Chinese; types, tasks and findings with their article', () => {
    for (const t of PROCESS_TYPES) {
      expect(processTypeLabel(t)).toMatch(readable);
      expect(PROCESS_TYPE_INFO[t].article).toMatch(article);
    }
    for (const s of [...STAGES, STARTING]) expect(stageLabel(s), s).toMatch(readable);
    for (const k of TASK_KINDS) {
      expect(taskLabel(k), k).toMatch(readable);
      expect(TASK_INFO[k].article).toMatch(article);
    }
    for (const k of EVENT_KINDS) expect(eventLabel(k), k).toMatch(readable);
    for (const k of FINDING_KINDS) {
      expect(findingLabel(k.startsWith('catalog_re') ? `${k}_1` : k), k).toMatch(readable);
      expect(FINDING_INFO[k].article).toMatch(duty);
    }
  });

  it('gives no two stages the same label', () => {
    const labels = STAGES.map(stageLabel);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('lists each stage under some type, and each type has at least one open and one closing stage', () => {
    expect(new Set(Object.values(STAGES_OF).flat())).toEqual(new Set(STAGES));
    for (const t of PROCESS_TYPES) expect(STAGES_OF[t].length).toBeGreaterThanOrEqual(3);
  });

  it('never shows a code: an unknown one reads as Chinese, an empty one as a dash', () => {
    expect(processTypeLabel('calendar_change')).toBe('未知流程');
    expect(stageLabel('waiting_forever')).toBe('未知环节');
    expect(taskLabel('approve_everything')).toBe('未知待办');
    expect(findingLabel('late_lunch')).toBe('未知违规情形');
    expect(eventLabel('stage_lunch')).toBe('其他事项');
    expect(stageLabel('toString')).toBe('未知环节');
    expect(stageLabel(null)).toBe('—');
    expect(processTypeLabel(undefined)).toBe('—');
    expect(stageLabel(STARTING)).toBe('受理中');
  });

  it('cites the articles the workflows record', () => {
    expect(FINDING_INFO.correction_overdue.article).toBe(VIOLATION_ARTICLE);
    expect(FINDING_INFO.catalog_submission_overdue.article).toBe(VIOLATION_ARTICLE);
    expect(FINDING_INFO.sharing_decision_overdue.article).toBe(SHARING_VIOLATION_ARTICLE);
    // 第四十六条: the department's report is its first clause; the county report and the city submission its second.
    expect(FINDING_INFO.annual_report_missed.article).toBe(`${REPORT_ARTICLE}第一款`);
    expect(FINDING_INFO.county_report_late.article).toBe(`${REPORT_ARTICLE}第二款`);
    // 第十八条第二款 is the authority's review; 第四十九条(八) covers only late 申请更新 and late 校核.
    expect(FINDING_INFO.catalog_review_overdue.article).toBe('第十八条第二款');
    expect(PROCESS_TYPE_INFO.conflict.article).toBe(CONFLICT_ARTICLE);
    expect(PROCESS_TYPE_INFO.rectification.article).toBe(RECTIFICATION_ARTICLE);
    expect(PROCESS_TYPE_INFO.correction.article).toBe('第二十三条');
    expect(PROCESS_TYPE_INFO.catalog_update.article).toBe('第十八条');
    expect(findingKindOf(DECISION_OVERDUE)).toBe('sharing_decision_overdue');
  });
});

describe('stored finding kinds', () => {
  it('reads the per-application and per-department suffixes', () => {
    expect(findingKindOf('catalog_review_overdue_2')).toBe('catalog_review_overdue');
    expect(findingKindOf('annual_report_missed:market')).toBe('annual_report_missed');
    expect(findingKindOf('correction_overdue')).toBe('correction_overdue');
    expect(findingKindOf('catalog_review_overdue')).toBeNull();
    expect(findingKindOf('catalog_review_overdue_0')).toBeNull();
    expect(findingKindOf('correction_overdue_2')).toBeNull();
    expect(findingKindOf('annual_report_missed')).toBeNull();
    expect(findingLabel('catalog_review_overdue_2')).toBe('目录更新第 2 次申请超期审核');
    expect(findingLabel('annual_report_missed:market')).toBe('年度管理情况未按时提交');
    expect(findingLabel('catalog_resubmission_overdue_2')).toBe('目录更新第 2 次申请逾期重新提交');
  });

  it('checks the same set as the database constraint', () => {
    const stored = new RegExp(STORED_FINDING_PATTERN);
    for (const k of ['correction_overdue', 'catalog_review_overdue_12', 'annual_report_missed:civil', 'city_submission_late'])
      expect(stored.test(k), k).toBe(true);
    for (const k of ['dispute_overdue', 'catalog_review_overdue', 'correction_overdue_1', 'annual_report_missed:'])
      expect(stored.test(k), k).toBe(false);
  });
});
