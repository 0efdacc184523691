// 第四十六条: the yearly reports of year Y, started by a schedule on 1 December (or by an
// administrator). Departments by 31 December, the authority by 15 January, the county
// government to the city by 31 January; reminders before each date; a missed date is recorded.
import {
  allHandlersFinished,
  condition,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  annualReportDates,
  type AnnualReportStage,
  type AnnualReportState,
  calendarDateDeadline,
  checkCitySubmission,
  checkCountyReport,
  checkDepartmentReport,
  checkYearOpenable,
  lateNotices,
  pendingDepartments,
  reminderInstants,
  type SubmissionRecord,
} from '../domain/annual-report';
import { isPast } from '../domain/deadline';
import type { Actor } from '../domain/roles';
import { beijingDate, type IsoDate } from '../domain/working-days';
import { getAnnualReportState, submitCountyReport, submitDepartmentReport, submitToCity } from './messages';
import { dbActivity, SA_DEPARTMENT, SA_DUE, SA_PROCESS_TYPE, SA_STAGE } from './options';
import { nowIso, nowMs, refuse, stepsOf } from './support';

const {
  openAnnualReport,
  registerProcess,
  recordStep,
  saveDepartmentReport,
  remindDepartments,
  recordMissedReports,
  recordPartyStep,
  compileCountyReport,
  recordCitySubmission,
} = proxyActivities<Activities>(dbActivity);

export interface AnnualReportInput {
  /** omitted when the schedule starts it: the Beijing calendar year the workflow starts in */
  year?: number;
}

export type AnnualReportResult =
  | { year: number; duplicateOf: string }
  /** a year after the current one, or one whose dates are all over: nothing opened */
  | { year: number; refused: 'REPORT_YEAR_IN_FUTURE' | 'REPORT_YEAR_OVER' }
  | { year: number; lateOrMissingDepartments: string[]; countyReportLate: boolean; citySubmissionLate: boolean };

export async function annualReportWorkflow(input: AnnualReportInput = {}): Promise<AnnualReportResult> {
  const { workflowId } = workflowInfo();
  const year = input.year ?? Number(beijingDate(nowMs()).slice(0, 4));
  const dates = annualReportDates(year);
  let state: AnnualReportState | undefined;

  const ready = async (): Promise<AnnualReportState> => {
    if (!state) await condition(() => state !== undefined);
    return state!;
  };
  const step = stepsOf(workflowId);
  const late = (due: IsoDate) => isPast(calendarDateDeadline(due), nowMs());
  const record = (actor: Actor): SubmissionRecord => ({ by: actor.userId, at: nowIso(), late: false });

  setHandler(getAnnualReportState, () => state ?? null);

  setHandler(
    submitDepartmentReport,
    async ({ actor, content }) => {
      const s = await ready();
      refuse(checkDepartmentReport(s, actor, content));
      const submitted = { ...record(actor), late: late(dates.departmentsDue) };
      s.submitted[actor.departmentCode!] = submitted;
      await saveDepartmentReport(
        {
          year,
          departmentCode: actor.departmentCode!,
          content,
          submittedBy: actor.userId,
          submittedAt: submitted.at,
          late: submitted.late,
        },
        step(`department-${actor.departmentCode}`, 'department_report_submitted', actor, { late: submitted.late }),
      );
      return submitted;
    },
    { validator: ({ actor, content }) => state && refuse(checkDepartmentReport(state, actor, content)) },
  );

  setHandler(
    submitCountyReport,
    async ({ actor, summary }) => {
      const s = await ready();
      refuse(checkCountyReport(s, actor));
      const submitted = { ...record(actor), late: late(dates.authorityDue) };
      s.countyReport = submitted;
      return compileCountyReport(
        { workflowId, year, summary, submittedBy: actor.userId, submittedAt: submitted.at, late: submitted.late },
        step('county-report', 'county_report_submitted', actor, { late: submitted.late }),
      );
    },
    { validator: ({ actor }) => state && refuse(checkCountyReport(state, actor)) },
  );

  setHandler(
    submitToCity,
    async ({ actor, note }) => {
      const s = await ready();
      refuse(checkCitySubmission(s, actor));
      const submitted = { ...record(actor), late: late(dates.countyDue) };
      s.citySubmission = submitted;
      await recordCitySubmission(
        { year, by: actor.userId, at: submitted.at, late: submitted.late, note },
        step('city-submission', 'city_submission', actor, { late: submitted.late, note }),
      );
      return submitted;
    },
    { validator: ({ actor }) => state && refuse(checkCitySubmission(state, actor)) },
  );

  // No year after the current Beijing year, nor one whose dates are all over, is opened
  // (runs started before this check keep their old path).
  if (patched('annual-report-openable-year')) {
    const refused = checkYearOpenable(year, beijingDate(nowMs()));
    if (refused) return { year, refused: refused.code as 'REPORT_YEAR_IN_FUTURE' | 'REPORT_YEAR_OVER' };
  }
  const opened = await openAnnualReport({ workflowId, year, dueDate: dates.departmentsDue });
  if (opened.duplicateOf) return { year, duplicateOf: opened.duplicateOf };
  const authorityCode = opened.authorityCode ?? 'county-data';
  const s: AnnualReportState = {
    year,
    stage: 'departments_reporting',
    deadline: calendarDateDeadline(dates.departmentsDue),
    authorityCode,
    departments: opened.departments,
    submitted: {},
  };
  await registerProcess(
    {
      workflowId,
      type: 'annual_report',
      departmentCode: authorityCode,
      subjectId: String(year),
      stage: s.stage,
      deadline: s.deadline,
      startedAt: nowIso(),
    },
    step('opened', 'annual_report_opened', undefined, { year, departments: s.departments, dates }),
  );
  state = s;
  upsertSearchAttributes([
    { key: SA_PROCESS_TYPE, value: 'annual_report' },
    { key: SA_DEPARTMENT, value: authorityCode },
  ]);
  // A year opened after some of its dates (a system installed in late December or January, see
  // worker.ts ensureCurrentYearOpen): a reminder due before the opening is not sent, and a date
  // that had passed before the opening charges no one, as no one could file in a system that
  // did not exist. Reports filed after their date still read late.
  const openedAt = nowMs();
  const sparePast = patched('annual-report-opened-late');
  const beforeOpening = (instant: string) => sparePast && Date.parse(instant) <= openedAt;

  /** Resolves true as soon as `done()` holds, false when `at` (an ISO instant) comes first. */
  const until = async (at: string, done: () => boolean): Promise<boolean> => {
    const ms = Date.parse(at) - nowMs();
    return ms > 0 ? condition(done, ms) : done();
  };

  /**
   * One reporting step: a deadline on the board, reminders before it, and what happens when it
   * passes without the report. Resolves when the report is in, or (if `waitAfterDeadline` is
   * false) as soon as the deadline has passed.
   */
  async function phase(
    stage: AnnualReportStage,
    due: IsoDate,
    p: { done: () => boolean; remind: (key: string) => Promise<unknown>; missed: () => Promise<unknown>; waitAfterDeadline: boolean },
  ) {
    s.stage = stage;
    s.deadline = calendarDateDeadline(due);
    await recordStep(
      step(`stage-${stage}`, `stage_${stage}`, undefined, { deadline: s.deadline }, { stage, deadline: s.deadline, level: 'normal' }),
    );
    upsertSearchAttributes([
      { key: SA_STAGE, value: stage },
      { key: SA_DUE, value: new Date(s.deadline.endsAt) },
    ]);
    for (const [i, at] of reminderInstants(due).entries()) {
      if (beforeOpening(at)) continue;
      if (await until(at, p.done)) return;
      await p.remind(`${stage}-reminder-${i + 1}`);
    }
    if (await until(s.deadline.endsAt, p.done)) return;
    if (!beforeOpening(s.deadline.endsAt)) await p.missed();
    if (p.waitAfterDeadline) await condition(p.done);
  }

  const partyNotice = (role: 'authority_reviewer' | 'county_government', kind: string, message: string) => ({
    departmentCode: null,
    role,
    kind,
    message,
  });

  await phase('departments_reporting', dates.departmentsDue, {
    done: () => pendingDepartments(s).length === 0,
    remind: (key) => remindDepartments({ workflowId, year, key, due: dates.departmentsDue }),
    missed: () =>
      recordMissedReports(
        { workflowId, year, due: dates.departmentsDue, occurredAt: nowIso(), authorityCode: opened.authorityCode ?? undefined },
        step('departments-missed', 'annual_reports_missed', undefined, { due: dates.departmentsDue }, { level: 'overdue' }),
      ),
    // Late departments may still report; the authority's own period starts regardless.
    waitAfterDeadline: false,
  });

  await phase('authority_compiling', dates.authorityDue, {
    done: () => s.countyReport !== undefined,
    remind: (key) =>
      recordPartyStep({
        step: step(key, 'reminder', undefined, {}),
        notice: partyNotice(
          'authority_reviewer',
          'county_report_reminder',
          `请于 ${dates.authorityDue} 前向县人民政府提交 ${year} 年度县级报告（第四十六条）`,
        ),
      }),
    missed: () =>
      recordPartyStep({
        step: step('county-report-late', 'county_report_late', undefined, { due: dates.authorityDue }, { level: 'overdue' }),
        violation: { departmentCode: authorityCode, kind: 'county_report_late', dueDate: dates.authorityDue },
        // the authority and its supervisor, the county government, each told who supervises
        notices: lateNotices('county_report_late', year, dates.authorityDue),
      }),
    waitAfterDeadline: true,
  });

  const countyCode = opened.countyCode ?? authorityCode;
  await phase('county_submitting', dates.countyDue, {
    done: () => s.citySubmission !== undefined,
    remind: (key) =>
      recordPartyStep({
        step: step(key, 'reminder', undefined, {}),
        notice: partyNotice(
          'county_government',
          'city_submission_reminder',
          `请于 ${dates.countyDue} 前向市人民政府报送 ${year} 年度报告（第四十六条）`,
        ),
      }),
    missed: () =>
      recordPartyStep({
        step: step('city-submission-late', 'city_submission_late', undefined, { due: dates.countyDue }, { level: 'overdue' }),
        violation: { departmentCode: countyCode, kind: 'city_submission_late', dueDate: dates.countyDue },
        // the county government (supervised by the city) and the authority, each told who supervises
        notices: lateNotices('city_submission_late', year, dates.countyDue),
      }),
    waitAfterDeadline: true,
  });

  s.stage = 'completed';
  await recordStep(step('completed', 'annual_report_completed', undefined, {}, { stage: 'completed', status: 'closed' }));
  upsertSearchAttributes([{ key: SA_STAGE, value: 'completed' }]);
  await condition(allHandlersFinished);
  return {
    year,
    lateOrMissingDepartments: s.departments.filter((d) => !s.submitted[d] || s.submitted[d]!.late),
    countyReportLate: s.countyReport!.late,
    citySubmissionLate: s.citySubmission!.late,
  };
}
