// The auditor's engine history (SPEC §5): the people a decoded event names, read with Chinese roles.
import { describe, expect, it } from 'vitest';
import { actorsOf, personText } from '../../web/src/history';

/** An update's accepted event as the history route decodes it (payloads replaced by their values). */
const decided = {
  eventId: '12',
  eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED',
  workflowExecutionUpdateAcceptedEventAttributes: {
    acceptedRequest: {
      meta: { updateId: 'u-1', identity: 'api' },
      input: {
        name: 'decideExtension',
        args: [
          {
            encoding: 'json/plain',
            value: {
              actor: { userId: 'head-1', role: 'department_head', departmentCode: 'market' },
              approve: false,
              // the head's own record of who asked, and a role word that is no actor of its own
              extension: { requestedBy: { userId: 'staff-1', role: 'department_staff', departmentCode: 'market' } },
              again: { userId: 'head-1', role: 'department_head', departmentCode: 'market' },
              note: { role: 'department_staff' },
            },
          },
        ],
      },
    },
  },
};

describe('actorsOf', () => {
  it('finds each actor an event carries once, in order, with its role code kept', () => {
    expect(actorsOf(decided)).toEqual([
      { userId: 'head-1', role: 'department_head', departmentCode: 'market' },
      { userId: 'staff-1', role: 'department_staff', departmentCode: 'market' },
    ]);
  });

  it('names no one in an event without actors or with an unknown role', () => {
    expect(actorsOf({ eventId: '1', eventType: 'EVENT_TYPE_TIMER_STARTED' })).toEqual([]);
    expect(actorsOf([{ userId: 'x', role: 'superuser', departmentCode: null }])).toEqual([]);
  });
});

describe('personText', () => {
  it('the role in Chinese, with the department when there is one', () => {
    expect(personText('市场监管局 李局长', 'department_head', '县市场监督管理局')).toBe(
      '市场监管局 李局长（部门主要负责人 · 县市场监督管理局）',
    );
    expect(personText('县审计局 审计员', 'auditor', null)).toBe('县审计局 审计员（审计人员）');
  });
});
