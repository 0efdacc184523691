// 第二十三条: data correction. Ten working days from receipt to verify; the department head
// alone may add up to ten more; an overdue finish is a violation of 第四十九条(八).
import { allHandlersFinished, condition, patched, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  approvedExtensionDays,
  checkExtensionDecision,
  checkExtensionRequest,
  checkVerification,
  type CorrectionState,
  type ExtensionRequest,
  decisionNotice,
  levelNotice,
  MAX_EXTENSION_WORKING_DAYS,
  openStage,
  type Outcome,
  pendingExtension,
  VERIFICATION_WORKING_DAYS,
} from '../domain/correction';
import { isPast } from '../domain/deadline';
import type { Actor } from '../domain/roles';
import { type DeadlineLevel, deadlineLevel, type IsoDate } from '../domain/working-days';
import { calendarChanged, decideExtension, getCorrectionState, recordVerification, requestExtension } from './messages';
import { dbActivity } from './options';
import { type Step, stageClock } from './stage-clock';
import { nowIso, nowMs, refuse } from './support';

const { registerProcess, recordStep, recordViolation, finishCorrection, notify } = proxyActivities<Activities>(dbActivity);

// Notices to the outbox arrived after corrections were already running: patched() keeps the
// histories recorded before it replaying as they ran.
const NOTIFY_PATCH = 'correction-notices';
// The shared clock (stage-clock.ts) replaced this workflow's own: histories started before it
// carry no marker and keep counting with legacyWait below.
const CLOCK_PATCH = 'correction-stage-clock';
// A decision on one's own request, or after the deadline, is refused (issue 12): not in histories recorded before.
const DECISION_RULES_PATCH = 'correction-decision-rules';

export interface CorrectionInput {
  /** the correction's id; the person and the details stay in the database */
  correctionId: string;
  departmentCode: string;
  receivedOn: IsoDate;
  filedBy: Actor;
}

export interface CorrectionResult {
  correctionId: string;
  outcome: Outcome;
  due: IsoDate;
  late: boolean;
}

export async function correctionWorkflow(input: CorrectionInput): Promise<CorrectionResult> {
  const clock = stageClock();
  const shared = patched(CLOCK_PATCH);
  const { workflowId } = workflowInfo();
  let state: CorrectionState | undefined;
  let violationRecorded = false;
  /** the request still awaiting the head when the result came: it lapses with the closing step */
  let lapsedAtClose: ExtensionRequest | undefined;
  let finished = false;
  // Old path only: approved extensions and calendar changes ask its loop for a recount.
  let recountsAsked = 0;
  let recountsDone = 0;

  const ready = async (): Promise<CorrectionState> => {
    if (!state) await condition(() => state !== undefined);
    return state!;
  };
  // Stage and due date are searchable in Temporal; only written when they change.
  const showInSearch = (s: CorrectionState): void => clock.show(s.stage, s.deadline);
  const notifies = (): boolean => shared || patched(NOTIFY_PATCH);

  setHandler(getCorrectionState, () => state ?? null);

  setHandler(
    requestExtension,
    async ({ actor, days, reason }) => {
      const s = await ready();
      refuse(checkExtensionRequest(s, actor, { days, reason }, nowMs()));
      const extension = {
        id: s.extensions.length + 1,
        days,
        reason,
        requestedBy: actor.userId,
        requestedAt: nowIso(),
        status: 'pending' as const,
      };
      s.extensions.push(extension);
      s.stage = 'extension_pending';
      showInSearch(s);
      await recordStep({
        ...clock.step(`extension-${extension.id}-requested`, 'extension_requested', actor, { days, reason }, { stage: s.stage }),
        extension,
      });
      return extension;
    },
    { validator: ({ actor, days, reason }) => state && refuse(checkExtensionRequest(state, actor, { days, reason }, nowMs())) },
  );

  setHandler(
    decideExtension,
    async ({ actor, approve, reason }) => {
      const s = await ready();
      // Histories from before the two rules replay without them (the validator is not replayed).
      refuse(checkExtensionDecision(s, actor, { approve, reason }, patched(DECISION_RULES_PATCH) ? nowMs() : undefined));
      const extension = pendingExtension(s)!;
      Object.assign(extension, {
        status: approve ? 'approved' : 'refused',
        decidedBy: actor.userId,
        decidedAt: nowIso(),
        decisionReason: reason,
      });
      s.stage = openStage(s, nowMs());
      showInSearch(s);
      await recordStep({
        ...clock.step(
          `extension-${extension.id}-decided`,
          approve ? 'extension_approved' : 'extension_refused',
          actor,
          { days: extension.days, reason },
          { stage: s.stage },
        ),
        extension,
      });
      if (approve && shared) await clock.extend(p, extension.days);
      else if (approve) {
        const asked = ++recountsAsked;
        await condition(() => recountsDone >= asked);
      }
      if (notifies()) {
        const notice = decisionNotice(s.correctionId, extension, s.deadline.due);
        await notify([
          { workflowId, key: `extension-${extension.id}-decided`, departmentCode: s.departmentCode, role: 'department_staff', ...notice },
        ]);
      }
      return { extension, deadline: s.deadline };
    },
    { validator: ({ actor, approve, reason }) => state && refuse(checkExtensionDecision(state, actor, { approve, reason }, nowMs())) },
  );

  setHandler(
    recordVerification,
    async ({ actor, outcome, summary, changes }) => {
      const s = await ready();
      refuse(checkVerification(s, actor, { outcome, summary, changes }));
      s.result = { outcome, summary, changes, recordedBy: actor.userId, recordedAt: nowIso(), late: isPast(s.deadline, nowMs()) };
      // A request still awaiting the head ends with the process: no decision keeps the deadline.
      lapsedAtClose = pendingExtension(s);
      if (lapsedAtClose) lapsedAtClose.status = 'lapsed';
      s.stage = 'completed';
      // Answer once the result is in the database, so the caller can read it back at once.
      await condition(() => finished);
      return s;
    },
    {
      validator: ({ actor, outcome, summary, changes }) => state && refuse(checkVerification(state, actor, { outcome, summary, changes })),
    },
  );

  if (!shared) {
    setHandler(calendarChanged, () => {
      recountsAsked += 1;
    });
  }

  const p = await clock.period(input.receivedOn, VERIFICATION_WORKING_DAYS);
  const s: CorrectionState = {
    correctionId: input.correctionId,
    departmentCode: input.departmentCode,
    receivedOn: input.receivedOn,
    stage: 'verifying',
    originalDeadline: p.original,
    deadline: p.deadline,
    extensions: [],
  };
  await registerProcess(
    {
      workflowId,
      type: 'correction',
      departmentCode: s.departmentCode,
      subjectId: s.correctionId,
      stage: s.stage,
      deadline: p.deadline,
      startedAt: nowIso(),
    },
    clock.step('filed', 'filed', input.filedBy, { receivedOn: s.receivedOn, deadline: p.deadline }),
  );
  state = s;
  showInSearch(s);

  const violation = () => ({
    workflowId,
    departmentCode: s.departmentCode,
    kind: 'correction_overdue',
    dueDate: s.deadline.due,
    occurredAt: nowIso(),
    // SPEC §2: a finding on a provisional deadline is itself provisional until the year is loaded.
    provisional: s.deadline.provisional,
  });

  /** Writes a level's step with the stage it leaves; red lapses a pending request and is a violation of 第四十九条(八). */
  async function markLevel(next: DeadlineLevel, marked: Step): Promise<void> {
    const pending = next === 'overdue' ? pendingExtension(s) : undefined;
    if (pending) pending.status = 'lapsed';
    s.stage = openStage(s, nowMs());
    const step = {
      ...marked,
      detail: { ...marked.detail, lapsedExtension: pending?.id },
      registry: { ...marked.registry, stage: s.stage },
      extension: pending,
    };
    if (next === 'overdue') {
      await recordViolation(violation(), step);
      violationRecorded = true;
    } else {
      await recordStep(step);
    }
    showInSearch(s);
    if (next !== 'normal' && notifies()) {
      const notice = levelNotice(s.correctionId, next, s.deadline.due);
      const key = marked.eventKey;
      await notify([
        { workflowId, key, departmentCode: s.departmentCode, role: null, ...notice },
        ...(next === 'overdue' ? [{ workflowId, key, departmentCode: null, role: 'authority_reviewer' as const, ...notice }] : []),
      ]);
    }
  }

  /**
   * The clock as it ran before CLOCK_PATCH, kept for the histories started then: counts the
   * deadline again when asked (original period from receipt, approved extensions from its end).
   */
  async function legacyWait(): Promise<void> {
    let level: DeadlineLevel = 'normal';
    let deadlineSteps = 0;
    while (!s.result) {
      const next = deadlineLevel(nowMs(), Date.parse(s.deadline.warningAt), Date.parse(s.deadline.endsAt));
      if (next !== level) {
        level = next;
        await markLevel(
          next,
          clock.step(`level-${next}-${s.deadline.due}`, `level_${next}`, undefined, { due: s.deadline.due }, { level: next }),
        );
      }
      const now = nowMs();
      const wake = [Date.parse(s.deadline.warningAt), Date.parse(s.deadline.endsAt)].find((t) => t > now);
      await condition(() => s.result !== undefined || recountsAsked > recountsDone, wake === undefined ? undefined : wake - now);
      if (s.result || recountsAsked <= recountsDone) continue;
      const upTo = recountsAsked;
      p.extensionDays = approvedExtensionDays(s);
      Object.assign(p, await clock.count(p));
      [s.originalDeadline, s.deadline] = [p.original, p.deadline];
      deadlineSteps += 1;
      const detail = {
        deadline: s.deadline,
        originalDue: p.original.due,
        extensionDays: p.extensionDays,
        maxExtensionDays: MAX_EXTENSION_WORKING_DAYS,
      };
      await recordStep(clock.step(`deadline-${deadlineSteps}`, 'deadline_set', undefined, detail, { deadline: s.deadline }));
      recountsDone = upTo;
    }
  }

  if (shared) {
    await clock.waitWithin(
      p,
      () => s.result !== undefined,
      (marked) => markLevel('overdue', marked),
      {
        onWarning: (marked) => markLevel('warning', marked),
        onRecount: () => {
          [s.originalDeadline, s.deadline] = [p.original, p.deadline];
        },
        // SPEC §2: a recount that withdrew the finding leaves red: the stage follows the new deadline.
        stageAfterRevision: () => {
          s.stage = openStage(s, nowMs());
          showInSearch(s);
          return s.stage;
        },
      },
    );
  } else {
    await legacyWait();
  }

  const result = s.result!;
  const closing = {
    ...clock.step(
      'verified',
      'verified',
      undefined,
      { outcome: result.outcome, late: result.late, due: s.deadline.due, recordedBy: result.recordedBy },
      { stage: 'completed', status: 'closed' },
    ),
    extension: lapsedAtClose,
  };
  if (result.late && !violationRecorded)
    await recordViolation(violation(), clock.step('violation', 'violation_recorded', undefined, { due: s.deadline.due }));
  await finishCorrection(s.correctionId, { outcome: result.outcome, summary: result.summary, changes: result.changes }, closing);
  finished = true;
  showInSearch(s);
  await condition(allHandlersFinished);
  return { correctionId: s.correctionId, outcome: result.outcome, due: s.deadline.due, late: result.late };
}
