// 第二十三条: data correction. Ten working days from receipt to verify; the department head
// alone may add up to ten more; an overdue finish is a violation of 第四十九条(八).
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
  approvedExtensionDays,
  checkExtensionDecision,
  checkExtensionRequest,
  checkVerification,
  type CorrectionState,
  decisionNotice,
  levelNotice,
  MAX_EXTENSION_WORKING_DAYS,
  openStage,
  type Outcome,
  pendingExtension,
  VERIFICATION_WORKING_DAYS,
  VIOLATION_ARTICLE,
} from '../domain/correction';
import { isPast } from '../domain/deadline';
import type { Actor } from '../domain/roles';
import { type DeadlineLevel, deadlineLevel, type IsoDate } from '../domain/working-days';
import { calendarChanged, decideExtension, getCorrectionState, recordVerification, requestExtension } from './messages';
import { dbActivity, SA_DUE, SA_STAGE } from './options';
import { nowIso, nowMs, refuse } from './support';

const { computeDeadline, registerProcess, recordStep, recordViolation, finishCorrection, notify } = proxyActivities<Activities>(dbActivity);

// Notices to the outbox arrived after corrections were already running: patched() keeps the
// histories recorded before it replaying as they ran.
const NOTIFY_PATCH = 'correction-notices';

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
  const { workflowId } = workflowInfo();
  let state: CorrectionState | undefined;
  let level: DeadlineLevel = 'normal';
  let violationRecorded = false;
  // Approved extensions and calendar changes ask for a recount; the main loop does it, so
  // deadlines are only ever counted in one place.
  let recountsAsked = 0;
  let recountsDone = 0;
  let deadlineSteps = 0;
  let finished = false;
  let shown = { stage: '', endsAt: '' };

  const ready = async (): Promise<CorrectionState> => {
    if (!state) await condition(() => state !== undefined);
    return state!;
  };
  const step = (eventKey: string, kind: string, actor: Actor | undefined, detail: Record<string, unknown>, registry?: object) => ({
    workflowId,
    eventKey,
    kind,
    actor,
    detail,
    occurredAt: nowIso(),
    registry,
  });
  // Stage and due date are searchable in Temporal; only written when they change.
  const showInSearch = (s: CorrectionState): void => {
    if (shown.stage === s.stage && shown.endsAt === s.deadline.endsAt) return;
    shown = { stage: s.stage, endsAt: s.deadline.endsAt };
    upsertSearchAttributes([
      { key: SA_STAGE, value: s.stage },
      { key: SA_DUE, value: new Date(s.deadline.endsAt) },
    ]);
  };

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
      await recordStep(step(`extension-${extension.id}-requested`, 'extension_requested', actor, { days, reason }, { stage: s.stage }));
      return extension;
    },
    { validator: ({ actor, days, reason }) => state && refuse(checkExtensionRequest(state, actor, { days, reason }, nowMs())) },
  );

  setHandler(
    decideExtension,
    async ({ actor, approve, reason }) => {
      const s = await ready();
      refuse(checkExtensionDecision(s, actor, { approve, reason }));
      const extension = pendingExtension(s)!;
      Object.assign(extension, {
        status: approve ? 'approved' : 'refused',
        decidedBy: actor.userId,
        decidedAt: nowIso(),
        decisionReason: reason,
      });
      s.stage = openStage(s, nowMs());
      showInSearch(s);
      await recordStep(
        step(
          `extension-${extension.id}-decided`,
          approve ? 'extension_approved' : 'extension_refused',
          actor,
          { days: extension.days, reason },
          { stage: s.stage },
        ),
      );
      if (approve) {
        const asked = ++recountsAsked;
        await condition(() => recountsDone >= asked);
      }
      if (patched(NOTIFY_PATCH)) {
        const notice = decisionNotice(s.correctionId, extension, s.deadline.due);
        await notify([
          { workflowId, key: `extension-${extension.id}-decided`, departmentCode: s.departmentCode, role: 'department_staff', ...notice },
        ]);
      }
      return { extension, deadline: s.deadline };
    },
    { validator: ({ actor, approve, reason }) => state && refuse(checkExtensionDecision(state, actor, { approve, reason })) },
  );

  setHandler(
    recordVerification,
    async ({ actor, outcome, summary, changes }) => {
      const s = await ready();
      refuse(checkVerification(s, actor, { outcome, summary, changes }));
      s.result = { outcome, summary, changes, recordedBy: actor.userId, recordedAt: nowIso(), late: isPast(s.deadline, nowMs()) };
      // A request still awaiting the head ends with the process: no decision keeps the deadline.
      const pending = pendingExtension(s);
      if (pending) pending.status = 'lapsed';
      s.stage = 'completed';
      // Answer once the result is in the database, so the caller can read it back at once.
      await condition(() => finished);
      return s;
    },
    {
      validator: ({ actor, outcome, summary, changes }) => state && refuse(checkVerification(state, actor, { outcome, summary, changes })),
    },
  );

  setHandler(calendarChanged, () => {
    recountsAsked += 1;
  });

  const original = await computeDeadline({ from: input.receivedOn, workingDays: VERIFICATION_WORKING_DAYS });
  const s: CorrectionState = {
    correctionId: input.correctionId,
    departmentCode: input.departmentCode,
    receivedOn: input.receivedOn,
    stage: 'verifying',
    originalDeadline: original,
    deadline: original,
    extensions: [],
  };
  await registerProcess(
    {
      workflowId,
      type: 'correction',
      departmentCode: s.departmentCode,
      subjectId: s.correctionId,
      stage: s.stage,
      deadline: original,
      startedAt: nowIso(),
    },
    step('filed', 'filed', input.filedBy, { receivedOn: s.receivedOn, deadline: original }),
  );
  state = s;
  showInSearch(s);

  /** Counts the deadline again: original period from receipt, then approved extensions from its end. */
  async function recount(): Promise<void> {
    const upTo = recountsAsked;
    const base = await computeDeadline({ from: s.receivedOn, workingDays: VERIFICATION_WORKING_DAYS });
    const extra = approvedExtensionDays(s);
    const current = extra > 0 ? await computeDeadline({ from: base.due, workingDays: extra }) : base;
    s.originalDeadline = base;
    s.deadline = current;
    deadlineSteps += 1;
    await recordStep(
      step(
        `deadline-${deadlineSteps}`,
        'deadline_set',
        undefined,
        { deadline: current, originalDue: base.due, extensionDays: extra, maxExtensionDays: MAX_EXTENSION_WORKING_DAYS },
        { deadline: current },
      ),
    );
    recountsDone = upTo;
  }

  /** Turns the level yellow or red when its time comes; red is a violation of 第四十九条(八). */
  async function updateLevel(): Promise<void> {
    const next = deadlineLevel(nowMs(), Date.parse(s.deadline.warningAt), Date.parse(s.deadline.endsAt));
    if (next === level) return;
    level = next;
    const pending = next === 'overdue' ? pendingExtension(s) : undefined;
    if (pending) pending.status = 'lapsed';
    s.stage = openStage(s, nowMs());
    const marked = step(
      `level-${next}-${s.deadline.due}`,
      `level_${next}`,
      undefined,
      { due: s.deadline.due, lapsedExtension: pending?.id },
      { level: next, stage: s.stage },
    );
    if (next === 'overdue') {
      await recordViolation(violation(), marked);
      violationRecorded = true;
    } else {
      await recordStep(marked);
    }
    showInSearch(s);
    if (next !== 'normal' && patched(NOTIFY_PATCH)) {
      const notice = levelNotice(s.correctionId, next, s.deadline.due);
      const key = `level-${next}-${s.deadline.due}`;
      await notify([
        { workflowId, key, departmentCode: s.departmentCode, role: null, ...notice },
        ...(next === 'overdue' ? [{ workflowId, key, departmentCode: null, role: 'authority_reviewer' as const, ...notice }] : []),
      ]);
    }
  }

  const violation = () => ({
    workflowId,
    departmentCode: s.departmentCode,
    article: VIOLATION_ARTICLE,
    kind: 'correction_overdue',
    dueDate: s.deadline.due,
    occurredAt: nowIso(),
  });

  while (!s.result) {
    await updateLevel();
    const now = nowMs();
    const next = [Date.parse(s.deadline.warningAt), Date.parse(s.deadline.endsAt)].find((t) => t > now);
    await condition(() => s.result !== undefined || recountsAsked > recountsDone, next === undefined ? undefined : next - now);
    if (!s.result && recountsAsked > recountsDone) await recount();
  }

  const { result } = s;
  const closing = step(
    'verified',
    'verified',
    undefined,
    { outcome: result.outcome, late: result.late, due: s.deadline.due, recordedBy: result.recordedBy },
    { stage: 'completed', status: 'closed' },
  );
  if (result.late && !violationRecorded)
    await recordViolation(violation(), step('violation', 'violation_recorded', undefined, { due: s.deadline.due }));
  await finishCorrection(s.correctionId, { outcome: result.outcome, summary: result.summary, changes: result.changes }, closing);
  finished = true;
  showInSearch(s);
  await condition(allHandlersFinished);
  return { correctionId: s.correctionId, outcome: result.outcome, due: s.deadline.due, late: result.late };
}
