// How the registers and a penalty case read over HTTP: with the registry's deadline and level.
import { beijingIso } from '../../domain/deadline';
import { BREACH_INFO, type DutyChecklist, fineRangeOf, fineRangeText, penaltyArticle, SERVICE_UNIT_DUTIES } from '../../domain/penalty';
import type { FoundPenaltyCase, ServiceUnitRow, ViolatorRow } from '../../db/repositories/penalties.repo';
import { clockView } from './clock';

const iso = (d: Date | null): string | null => (d ? beijingIso(d.getTime()) : null);

export const serviceUnitView = (u: ServiceUnitRow) => ({
  id: u.id,
  name: u.name,
  creditCode: u.creditCode,
  services: u.services,
  duties: u.duties,
  unmetDuties: SERVICE_UNIT_DUTIES.filter((d) => !(u.duties as DutyChecklist)[d]),
  checkedOn: u.checkedOn,
  recordedBy: u.recordedBy,
  recordedAt: beijingIso(u.recordedAt.getTime()),
});

export const violatorView = (v: ViolatorRow) => ({
  id: v.id,
  kind: v.kind,
  name: v.name,
  documentKind: v.documentKind,
  identifier: v.identifier,
  recordedBy: v.recordedBy,
  recordedAt: beijingIso(v.recordedAt.getTime()),
});

export function penaltyCaseView({ penaltyCase: c, process, serviceUnit, violator }: FoundPenaltyCase) {
  const range = fineRangeOf(c.partyType, c.conduct);
  const by = c.decidedBy ?? '';
  const party = serviceUnit
    ? { id: serviceUnit.id, name: serviceUnit.name, kind: 'service_unit', identifier: serviceUnit.creditCode }
    : { id: violator!.id, name: violator!.name, kind: violator!.kind, identifier: violator!.identifier };
  return {
    id: c.id,
    workflowId: c.workflowId,
    partyType: c.partyType,
    party,
    conduct: c.conduct,
    article: penaltyArticle(c.partyType),
    breaches: c.breaches.map((b) => ({ code: b, ...BREACH_INFO[b] })),
    facts: c.facts,
    evidence: c.evidence,
    fineRange: { minYuan: range.min, maxYuan: range.max, article: range.article, text: fineRangeText(range) },
    stage: c.stage,
    ...clockView(process),
    openedBy: c.openedBy,
    openedAt: beijingIso(c.openedAt.getTime()),
    notice: c.notifiedOn ? { notifiedOn: c.notifiedOn, content: c.noticeContent ?? '', statementDue: c.statementDue } : null,
    statements: c.statements,
    order:
      c.orderedOn && c.requirement && c.periodWorkingDays
        ? { requirement: c.requirement, periodWorkingDays: c.periodWorkingDays, orderedOn: c.orderedOn, due: c.rectificationDue }
        : null,
    rectification: c.rectificationReport ? { report: c.rectificationReport, by, at: iso(c.rectifiedAt) ?? '' } : null,
    warnedAt: iso(c.warnedAt),
    fine: c.fineYuan !== null ? { amountYuan: c.fineYuan, consequences: c.consequences ?? '', by, at: iso(c.finedAt) ?? '' } : null,
    conclusion: c.conclusion ? { reason: c.conclusion, by, at: iso(c.closedAt) ?? '' } : null,
    referral: c.referredTo ? { organ: c.referredTo, reason: c.referralReason ?? '', by, at: iso(c.referredAt) ?? '' } : null,
    closedAt: iso(c.closedAt),
  };
}
