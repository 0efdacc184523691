// 第二十三条: the rules the correction workflow's validators ask. Deadlines are literal: a case
// received 2025-09-26 is due 2025-10-16 (10 working days across National Day), ending at 24:00
// Beijing time, i.e. 2025-10-17T00:00:00+08:00.
import { describe, expect, it } from 'vitest';
import {
  approvedExtensionDays,
  type CorrectionState,
  checkExtensionDecision,
  checkExtensionRequest,
  checkVerification,
  decisionNotice,
  type ExtensionRequest,
  levelNotice,
  openStage,
} from '../../domain/correction';
import type { Actor } from '../../domain/roles';

const staff: Actor = { userId: 'u-staff', role: 'department_staff', departmentCode: 'market' };
const head: Actor = { userId: 'u-head', role: 'department_head', departmentCode: 'market' };
const otherHead: Actor = { userId: 'u-other', role: 'department_head', departmentCode: 'civil' };
const reviewer: Actor = { userId: 'u-rev', role: 'authority_reviewer', departmentCode: 'county-data' };

const deadline = {
  due: '2025-10-16',
  endsAt: '2025-10-17T00:00:00+08:00',
  warningAt: '2025-10-15T00:00:00+08:00',
  provisional: false,
  calendarVersion: 'test',
};
const beforeEnd = Date.parse('2025-10-16T23:59:59+08:00');
const atEnd = Date.parse('2025-10-17T00:00:00+08:00');

const extension = (over: Partial<ExtensionRequest>): ExtensionRequest => ({
  id: 1,
  days: 5,
  reason: '需调取档案',
  requestedBy: staff.userId,
  requestedAt: '2025-10-10T10:00:00+08:00',
  status: 'pending',
  ...over,
});

const state = (over: Partial<CorrectionState> = {}): CorrectionState => ({
  correctionId: 'JZ20250926AB12',
  departmentCode: 'market',
  receivedOn: '2025-09-26',
  stage: 'verifying',
  originalDeadline: deadline,
  deadline,
  extensions: [],
  ...over,
});

const code = (e: { code: string } | null) => e?.code ?? null;

describe('checkExtensionRequest', () => {
  it('staff of the department may ask for 1–10 working days with a reason until 24:00 of the due day', () => {
    expect(checkExtensionRequest(state(), staff, { days: 1, reason: '需调取档案' }, beforeEnd)).toBeNull();
    expect(checkExtensionRequest(state(), staff, { days: 10, reason: '需调取档案' }, beforeEnd)).toBeNull();
  });

  it('refuses at or after the end of the due day', () => {
    const refused = checkExtensionRequest(state(), staff, { days: 5, reason: '需调取档案' }, atEnd);
    expect(refused).toEqual({ code: 'EXTENSION_AFTER_DEADLINE', message: '已超过核查期限，不能再申请延期：期限为 2025-10-16' });
  });

  it('refuses another department, a closed case, a second pending request, a blank reason', () => {
    const civilStaff: Actor = { userId: 'u-c', role: 'department_staff', departmentCode: 'civil' };
    expect(code(checkExtensionRequest(state(), civilStaff, { days: 5, reason: '理由' }, beforeEnd))).toBe('FORBIDDEN_DEPARTMENT');
    expect(code(checkExtensionRequest(state(), reviewer, { days: 5, reason: '理由' }, beforeEnd))).toBe('FORBIDDEN_DEPARTMENT');
    expect(code(checkExtensionRequest(state({ stage: 'completed' }), staff, { days: 5, reason: '理由' }, beforeEnd))).toBe(
      'PROCESS_CLOSED',
    );
    const pending = state({ stage: 'extension_pending', extensions: [extension({})] });
    expect(code(checkExtensionRequest(pending, staff, { days: 2, reason: '理由' }, beforeEnd))).toBe('EXTENSION_PENDING');
    expect(code(checkExtensionRequest(state(), staff, { days: 5, reason: '  ' }, beforeEnd))).toBe('REASON_REQUIRED');
  });

  it('one request is 1–10 days, whole days only', () => {
    for (const days of [0, 11, 2.5, -1]) {
      expect(code(checkExtensionRequest(state(), staff, { days, reason: '理由' }, beforeEnd)), String(days)).toBe('EXTENSION_DAYS_RANGE');
    }
  });

  it('approved extensions count against the 10 days in total; refused ones do not', () => {
    const s = state({ extensions: [extension({ days: 6, status: 'approved' }), extension({ id: 2, days: 4, status: 'refused' })] });
    expect(approvedExtensionDays(s)).toBe(6);
    expect(checkExtensionRequest(s, staff, { days: 4, reason: '理由' }, beforeEnd)).toBeNull();
    expect(checkExtensionRequest(s, staff, { days: 5, reason: '理由' }, beforeEnd)).toEqual({
      code: 'EXTENSION_TOTAL_EXCEEDED',
      message: '累计延期不得超过 10 个工作日：已延期 6 个工作日，最多还可申请 4 个',
    });
  });
});

describe('checkExtensionDecision', () => {
  const pending = state({ stage: 'extension_pending', extensions: [extension({})] });

  it('only the head of the providing department decides a pending request', () => {
    expect(checkExtensionDecision(pending, head, { approve: true }, beforeEnd)).toBeNull();
    expect(code(checkExtensionDecision(pending, staff, { approve: true }, beforeEnd))).toBe('NOT_DEPARTMENT_HEAD');
    expect(code(checkExtensionDecision(pending, otherHead, { approve: true }, beforeEnd))).toBe('NOT_DEPARTMENT_HEAD');
    expect(code(checkExtensionDecision(state(), head, { approve: true }, beforeEnd))).toBe('NO_PENDING_EXTENSION');
    expect(code(checkExtensionDecision(state({ stage: 'completed' }), head, { approve: true }, beforeEnd))).toBe('PROCESS_CLOSED');
  });

  it('never on his own request, and not once the deadline has passed (issue 12)', () => {
    const ownRequest = state({ stage: 'extension_pending', extensions: [extension({ requestedBy: head.userId })] });
    expect(checkExtensionDecision(ownRequest, head, { approve: true }, beforeEnd)).toEqual({
      code: 'SELF_APPROVAL',
      message: '不能审批本人提出的延期申请',
    });
    expect(checkExtensionDecision(pending, head, { approve: true }, atEnd)).toEqual({
      code: 'DECISION_AFTER_DEADLINE',
      message: '已超过核查期限，延期申请不能再获批准：期限为 2025-10-16',
    });
    // A history recorded before these rules replays without them.
    expect(checkExtensionDecision(ownRequest, head, { approve: true }, undefined)).toBeNull();
  });

  it('a refusal gives its reason', () => {
    expect(checkExtensionDecision(pending, head, { approve: false }, beforeEnd)).toEqual({
      code: 'REASON_REQUIRED',
      message: '必须说明理由：不同意延期须说明理由',
    });
    expect(checkExtensionDecision(pending, head, { approve: false, reason: '材料已齐' }, beforeEnd)).toBeNull();
  });
});

describe('checkVerification', () => {
  const change = { item: '住所', before: '幸福路 1 号', after: '幸福路 11 号' };

  it('a correction lists what changed; a confirmation lists nothing', () => {
    expect(checkVerification(state(), staff, { outcome: 'corrected', summary: '已更正', changes: [change] })).toBeNull();
    expect(checkVerification(state(), staff, { outcome: 'confirmed', summary: '核查无误', changes: [] })).toBeNull();
    expect(code(checkVerification(state(), staff, { outcome: 'corrected', summary: '已更正', changes: [] }))).toBe(
      'OUTCOME_CHANGES_REQUIRED',
    );
    expect(code(checkVerification(state(), staff, { outcome: 'partially_corrected', summary: '部分更正', changes: [] }))).toBe(
      'OUTCOME_CHANGES_REQUIRED',
    );
    expect(code(checkVerification(state(), staff, { outcome: 'confirmed', summary: '核查无误', changes: [change] }))).toBe(
      'OUTCOME_NO_CHANGES',
    );
    expect(code(checkVerification(state(), staff, { outcome: 'confirmed', summary: ' ', changes: [] }))).toBe('REASON_REQUIRED');
  });

  it('may still be recorded after the deadline (late), never by another department or on a closed case', () => {
    expect(checkVerification(state({ stage: 'overdue' }), staff, { outcome: 'confirmed', summary: '核查无误', changes: [] })).toBeNull();
    expect(code(checkVerification(state(), otherHead, { outcome: 'confirmed', summary: '核查无误', changes: [] }))).toBe(
      'FORBIDDEN_DEPARTMENT',
    );
    expect(code(checkVerification(state({ stage: 'completed' }), staff, { outcome: 'confirmed', summary: '核查无误', changes: [] }))).toBe(
      'PROCESS_CLOSED',
    );
  });
});

describe('openStage', () => {
  it('a pending request first, then overdue from 24:00 of the due day, else verifying', () => {
    expect(openStage(state({ extensions: [extension({})] }), atEnd)).toBe('extension_pending');
    expect(openStage(state(), beforeEnd)).toBe('verifying');
    expect(openStage(state(), atEnd)).toBe('overdue');
  });
});

describe('notices', () => {
  it('name the case, the due day and the article', () => {
    expect(levelNotice('JZ1', 'warning', '2025-10-16')).toEqual({
      kind: 'correction_deadline_warning',
      message: '数据校核 JZ1 将于 2025-10-16 届满，请抓紧核查（第二十三条）',
    });
    expect(levelNotice('JZ1', 'overdue', '2025-10-16')).toEqual({
      kind: 'correction_overdue',
      message: '数据校核 JZ1 已超过 2025-10-16 的核查期限，已记录违规（第四十九条(八)）',
    });
    expect(decisionNotice('JZ1', extension({ status: 'approved' }), '2025-10-23').message).toBe(
      '数据校核 JZ1 的延期申请已获同意，核查期限延至 2025-10-23',
    );
    expect(decisionNotice('JZ1', extension({ status: 'refused', decisionReason: '材料已齐' }), '2025-10-16').message).toBe(
      '数据校核 JZ1 的延期申请未获同意（材料已齐），期限仍为 2025-10-16',
    );
  });
});
