// The wait every step of every process shares: someone's turn with a deadline in working days. While it waits it keeps the registry's level current
// (yellow, then red), follows calendar changes by counting the period again, and tells the
// caller once when the deadline passes. Deterministic: workflow code only.
import { condition, patched, proxyActivities, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { Deadline } from '../domain/deadline';
import type { Stage } from '../domain/vocabulary';
import { type DeadlineLevel, deadlineLevel, type IsoDate } from '../domain/working-days';
import { calendarChanged } from './messages';
import { dbActivity, SA_DUE, SA_STAGE } from './options';
import { nowIso, nowMs, type Step, stepsOf } from './support';

const { computeDeadline, recordStep, reviseFindings } = proxyActivities<Activities>(dbActivity);

// SPEC §2: a recount after the deadline passed revisits the findings recorded on the deadline it
// superseded (withdrawn, or provisional → notified). Waits recorded before it replay without.
const REVISE_FINDINGS_PATCH = 'stage-clock-revise-findings';

export type { Step };

/** A period: counted from `from`, `workingDays` long; `deadline` is the count in force. */
export interface Period {
  from: IsoDate;
  workingDays: number;
  /** approved extensions, counted on from the end of the original period (第二十三条) */
  extensionDays: number;
  /** the original period's count, without extensions */
  original: Deadline;
  deadline: Deadline;
  /** calendar changes asked for when it was last counted: a period waited on again is counted again if more came since */
  countedFor: number;
}

export interface WaitHooks {
  /** writes the yellow step it is given; by default as it is */
  onWarning?: (marked: Step) => Promise<void>;
  /** the period was counted again (calendar change or extension): the caller's state follows it */
  onRecount?: () => void;
  /** the stage the caller's process is in once a recount revised its findings (red may be left) */
  stageAfterRevision?: () => Stage;
}

/** Call before the workflow's first await: it registers the calendar-change handler. */
export function stageClock() {
  const { workflowId } = workflowInfo();
  let recountsAsked = 0;
  let recountsDone = 0;
  let steps = 0;
  let shown = { stage: '', endsAt: '' };
  let waitingOn: Period | undefined;

  setHandler(calendarChanged, () => {
    recountsAsked += 1;
  });

  const step = stepsOf(workflowId);

  const nextKey = (prefix: string): string => `${prefix}-${++steps}`;

  /** The original period, then the extensions from its due date: one count, used by every recount. */
  async function count(p: Pick<Period, 'from' | 'workingDays' | 'extensionDays'>): Promise<Pick<Period, 'original' | 'deadline'>> {
    const original = await computeDeadline({ from: p.from, workingDays: p.workingDays });
    const deadline = p.extensionDays > 0 ? await computeDeadline({ from: original.due, workingDays: p.extensionDays }) : original;
    return { original, deadline };
  }

  async function period(from: IsoDate, workingDays: number): Promise<Period> {
    const countedFor = recountsAsked;
    const p = { from, workingDays, extensionDays: 0 };
    return { ...p, ...(await count(p)), countedFor };
  }

  /**
   * 第二十三条: adds an approved extension to the period being waited on; resolves once it is
   * counted, or at once if the wait has ended meanwhile (the process closed: nothing to count for).
   */
  async function extend(p: Period, workingDays: number): Promise<void> {
    p.extensionDays += workingDays;
    const asked = ++recountsAsked;
    await condition(() => recountsDone >= asked || waitingOn !== p);
  }

  function show(stage: string, d: Deadline): void {
    if (shown.stage === stage && shown.endsAt === d.endsAt) return;
    shown = { stage, endsAt: d.endsAt };
    upsertSearchAttributes([
      { key: SA_STAGE, value: stage },
      { key: SA_DUE, value: new Date(d.endsAt) },
    ]);
  }

  /**
   * Waits until `done()`, keeping `p.deadline`'s level in the registry. When the deadline
   * passes, `onOverdue` writes the red step it is given (a violation, a notice) and the wait
   * goes on: a late decision is still taken, and recorded as late.
   */
  async function waitWithin(
    p: Period,
    done: () => boolean,
    onOverdue: (marked: Step) => Promise<void>,
    { onWarning = recordStep, onRecount, stageAfterRevision }: WaitHooks = {},
  ): Promise<void> {
    let level: DeadlineLevel = 'normal';
    /** this wait passed its deadline at least once: findings may stand on it */
    let passed = false;
    const recountDue = () => recountsAsked > recountsDone || recountsAsked > p.countedFor;
    waitingOn = p;
    while (!done()) {
      const d = p.deadline;
      const next = deadlineLevel(nowMs(), Date.parse(d.warningAt), Date.parse(d.endsAt));
      if (next !== level) {
        level = next;
        if (next === 'overdue') passed = true;
        const marked = step(nextKey(`level-${next}`), `level_${next}`, undefined, { due: d.due }, { level: next });
        await (next === 'overdue' ? onOverdue(marked) : onWarning(marked));
        continue;
      }
      const now = nowMs();
      const wake = [Date.parse(d.warningAt), Date.parse(d.endsAt)].find((t) => t > now);
      await condition(() => done() || recountDue(), wake === undefined ? undefined : wake - now);
      if (!done() && recountDue()) {
        const upTo = recountsAsked;
        const superseded = p.deadline;
        Object.assign(p, await count(p), { countedFor: upTo });
        onRecount?.();
        const extended = p.extensionDays > 0 && { originalDue: p.original.due, extensionDays: p.extensionDays };
        await recordStep(
          step(
            nextKey('deadline'),
            'deadline_set',
            undefined,
            { deadline: p.deadline, ...extended },
            { deadline: p.deadline, level: 'normal' },
          ),
        );
        if (passed && patched(REVISE_FINDINGS_PATCH)) {
          const stage = stageAfterRevision?.();
          await reviseFindings({
            workflowId,
            superseded,
            deadline: p.deadline,
            asOf: nowIso(),
            step: step(
              nextKey('findings-revised'),
              'findings_revised',
              undefined,
              { supersededDue: superseded.due, due: p.deadline.due },
              stage && { stage },
            ),
          });
        }
        level = 'normal';
        recountsDone = upTo;
      }
    }
    waitingOn = undefined;
  }

  return { step, nextKey, period, count, extend, show, waitWithin };
}
