// The wait every step of the sharing, dispute and conflict processes shares: someone's turn
// with a deadline in working days. While it waits it keeps the registry's level current
// (yellow, then red), follows calendar changes by counting the period again, and tells the
// caller once when the deadline passes. Deterministic: workflow code only.
import { condition, proxyActivities, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { Deadline } from '../domain/deadline';
import type { Actor } from '../domain/roles';
import { type DeadlineLevel, deadlineLevel, type IsoDate } from '../domain/working-days';
import { calendarChanged } from './messages';
import { dbActivity, SA_DUE, SA_STAGE } from './options';
import { nowIso, nowMs } from './support';

const { computeDeadline, recordStep } = proxyActivities<Activities>(dbActivity);

export type Step = Parameters<Activities['recordStep']>[0];

/** A period: counted from `from`, `workingDays` long; `deadline` is the count in force. */
export interface Period {
  from: IsoDate;
  workingDays: number;
  deadline: Deadline;
}

/** Call before the workflow's first await: it registers the calendar-change handler. */
export function stageClock() {
  const { workflowId } = workflowInfo();
  let recountsAsked = 0;
  let recountsDone = 0;
  let steps = 0;
  let shown = { stage: '', endsAt: '' };

  setHandler(calendarChanged, () => {
    recountsAsked += 1;
  });

  const step = (
    eventKey: string,
    kind: string,
    actor: Actor | undefined,
    detail: Record<string, unknown>,
    registry?: Step['registry'],
  ): Step => ({
    workflowId,
    eventKey,
    kind,
    actor,
    detail,
    occurredAt: nowIso(),
    registry,
  });

  const nextKey = (prefix: string): string => `${prefix}-${++steps}`;

  async function period(from: IsoDate, workingDays: number): Promise<Period> {
    return { from, workingDays, deadline: await computeDeadline({ from, workingDays }) };
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
  async function waitWithin(p: Period, done: () => boolean, onOverdue: (marked: Step) => Promise<void>): Promise<void> {
    let level: DeadlineLevel = 'normal';
    while (!done()) {
      const d = p.deadline;
      const next = deadlineLevel(nowMs(), Date.parse(d.warningAt), Date.parse(d.endsAt));
      if (next !== level) {
        level = next;
        const marked = step(nextKey(`level-${next}`), `level_${next}`, undefined, { due: d.due }, { level: next });
        await (next === 'overdue' ? onOverdue(marked) : recordStep(marked));
        continue;
      }
      const now = nowMs();
      const wake = [Date.parse(d.warningAt), Date.parse(d.endsAt)].find((t) => t > now);
      await condition(() => done() || recountsAsked > recountsDone, wake === undefined ? undefined : wake - now);
      if (!done() && recountsAsked > recountsDone) {
        const upTo = recountsAsked;
        p.deadline = await computeDeadline({ from: p.from, workingDays: p.workingDays });
        await recordStep(
          step(nextKey('deadline'), 'deadline_set', undefined, { deadline: p.deadline }, { deadline: p.deadline, level: 'normal' }),
        );
        level = 'normal';
        recountsDone = upTo;
      }
    }
  }

  return { step, nextKey, period, show, waitWithin };
}
