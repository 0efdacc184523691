import { Type } from '@sinclair/typebox';
import { DEPUTY_STATES, TOKEN_MAX_DAYS } from '../../domain/accounts';
import { ADMIN_ROLES } from '../../domain/roles';
import { MAX_BIGINT_ID } from '../../domain/bounds';
import { codes, DepartmentKindCode, IsoDate } from './common';
import { Password, RoleName, Username } from './accounts.schema';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const DepartmentCode = Type.String({
  minLength: 1,
  maxLength: 40,
  pattern: '^[a-z0-9-]+$',
  description: '部门代码：小写字母、数字、连字符',
});
const DisplayName = Type.String({ minLength: 1, maxLength: 60 });

export const Department = Type.Object({ code: Type.String(), name: Type.String(), kind: DepartmentKindCode, active: Type.Boolean() });
export const NewDepartment = Type.Object({ code: DepartmentCode, name: DisplayName, kind: DepartmentKindCode });
export const DepartmentChange = Type.Object(
  { name: Type.Optional(DisplayName), kind: Type.Optional(DepartmentKindCode), active: Type.Optional(Type.Boolean()) },
  { minProperties: 1 },
);

export const UserView = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: RoleName,
  departmentCode: Nullable(Type.String()),
  active: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  lockedUntil: Nullable(Type.String()),
  lastSignInAt: Nullable(Type.String()),
});
export const NewUser = Type.Object({
  username: Username,
  displayName: DisplayName,
  role: RoleName,
  departmentCode: Nullable(DepartmentCode),
  /** the initial password, changed at the first sign-in */
  password: Password,
});
export const UserChange = Type.Object(
  {
    displayName: Type.Optional(DisplayName),
    role: Type.Optional(RoleName),
    departmentCode: Type.Optional(Nullable(DepartmentCode)),
    active: Type.Optional(Type.Boolean()),
  },
  { minProperties: 1 },
);
export const PasswordReset = Type.Object({ password: Password });

export const Deputy = Type.Object({
  id: Type.Integer(),
  departmentCode: Type.String(),
  userId: Type.String(),
  displayName: Type.String(),
  startsOn: Type.String(),
  endsOn: Type.String(),
  state: codes(DEPUTY_STATES, '按北京时间的今天：upcoming 未开始 / acting 生效中 / ended 已结束'),
});
export const NewDeputy = Type.Object({ userId: Type.String({ format: 'uuid' }), startsOn: IsoDate, endsOn: IsoDate });

export const NewToken = Type.Object({
  label: Type.String({ minLength: 1, maxLength: 60 }),
  roles: Type.Array(RoleName, { minItems: 1, uniqueItems: true }),
  expiresInDays: Type.Integer({ minimum: 1, maximum: TOKEN_MAX_DAYS }),
});
export const IssuedToken = Type.Object({
  id: Type.String(),
  /** shown this once: only its hash is kept */
  token: Type.String(),
  expiresAt: Type.String(),
});

export const OperationEntry = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  userId: Nullable(Type.String()),
  userName: Nullable(Type.String({ description: '操作人姓名' })),
  role: Nullable(Type.String()),
  action: Type.String(),
  actionLabel: Type.String({ description: '操作（中文）' }),
  target: Type.String(),
  result: Type.String(),
  resultLabel: Type.String({ description: '结果（中文）' }),
});
export const OperationLogQuery = Type.Object({
  role: Type.Optional(codes(ADMIN_ROLES, '管理员角色代码')),
  from: Type.Optional(Type.String({ format: 'date-time', description: '起始时刻（含）' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: '截止时刻（不含）' })),
  cursor: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_BIGINT_ID, description: '上一页最后一条的 id' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
});
