// SPEC §3.6: registering a finding, the party's statement (陈述申辩) and the supervisor's decision.
import { type Static, Type } from '@sinclair/typebox';
import { FINDING_EVIDENCE_ITEM_MAX, FINDING_EVIDENCE_MAX_ITEMS, FINDING_TEXT_MAX } from '../../domain/finding';
import { FINDING_CLASSES, FINDING_STATUSES, PARTY_KINDS, SUPERVISORS } from '../../domain/responsibility';
import { REGISTRABLE_FINDING_KINDS, STAGES_OF } from '../../domain/vocabulary';
import { codes, IsoDate } from './common';

const DepartmentCode = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
const Text = (description: string) => Type.String({ minLength: 1, maxLength: FINDING_TEXT_MAX, description });

export const RegistrableKind = codes(
  REGISTRABLE_FINDING_KINDS,
  '违规情形代码：第四十九条(一)–(七) conduct_49_1…7，第五十条(一)–(五) conduct_50_1…5',
);

export const FindingBody = Type.Object(
  {
    departmentCode: DepartmentCode,
    kind: RegistrableKind,
    facts: Text('违规事实'),
    evidence: Type.Array(Type.String({ minLength: 1, maxLength: FINDING_EVIDENCE_ITEM_MAX }), {
      minItems: 1,
      maxItems: FINDING_EVIDENCE_MAX_ITEMS,
      description: '证据：文书编号、附件名称等',
    }),
    basis: Text('认定依据'),
  },
  { additionalProperties: false },
);
export type FindingBody = Static<typeof FindingBody>;

export const StatementBody = Type.Object({ statement: Text('陈述申辩的内容') }, { additionalProperties: false });

export const DecisionBody = Type.Object(
  { confirm: Type.Boolean({ description: 'true 认定，false 撤销' }), reason: Text('认定或撤销的理由') },
  { additionalProperties: false },
);

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const FindingView = Type.Object({
  id: Type.Integer(),
  caseId: Nullable(Type.String()),
  origin: Type.Union([Type.Literal('registered'), Type.Literal('automatic')]),
  kind: Type.String(),
  kindLabel: Type.String(),
  article: Type.String(),
  departmentCode: Type.String(),
  partyKind: codes(PARTY_KINDS, '责任主体'),
  supervisor: codes(SUPERVISORS, '监督主体'),
  findingClass: codes(FINDING_CLASSES, '类别'),
  status: codes(FINDING_STATUSES, '认定状态'),
  statusLabel: Type.String(),
  /** the process the finding was recorded in (its own for a registered one) */
  sourceWorkflowId: Type.String(),
  /** its finding workflow */
  workflowId: Type.String(),
  stage: Nullable(codes(STAGES_OF.finding, '认定环节')),
  facts: Nullable(Type.String()),
  evidence: Type.Array(Type.String()),
  basis: Nullable(Type.String()),
  notifiedOn: Nullable(IsoDate),
  statementDue: Nullable(IsoDate),
  statement: Nullable(Type.Object({ statement: Type.String(), filedBy: Type.String(), filedAt: Type.String() })),
  decision: Nullable(
    Type.Object({
      confirm: Type.Boolean(),
      reason: Type.String(),
      decidedBy: Nullable(Type.String()),
      byLapse: Type.Boolean(),
      decidedAt: Type.String(),
    }),
  ),
  withdrawal: Nullable(Type.Object({ reason: Type.String(), at: Type.String() })),
  occurredAt: Type.String(),
});
export type FindingView = Static<typeof FindingView>;
