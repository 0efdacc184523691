import { Type } from '@sinclair/typebox';
import { PASSWORD_RULE } from '../../domain/accounts';
import { ROLES, type Role } from '../../domain/roles';

export const RoleName = Type.Unsafe<Role>(Type.String({ enum: [...ROLES] }));

export const Username = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^[A-Za-z0-9._-]+$',
  description: '用户名：字母、数字、点、下划线、连字符',
});
/** The rule itself (classes, username) is domain/accounts.ts passwordProblem; this bounds the input. */
export const Password = Type.String({ minLength: 1, maxLength: PASSWORD_RULE.maxLength });

export const SignIn = Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }), password: Password });

export const PasswordChange = Type.Object({ currentPassword: Password, newPassword: Password });

export const PreviousSignIn = Type.Union([Type.Object({ at: Type.String(), ip: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]);

export const Me = Type.Object({
  userId: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: RoleName,
  departmentCode: Type.Union([Type.String(), Type.Null()]),
  /** the console's session: the password must be changed before anything else */
  mustChangePassword: Type.Boolean(),
  /** the sign-in before this session's (上次登录) */
  previousSignIn: PreviousSignIn,
  /** the session's CSRF token, sent back as the `x-csrf-token` header; null for a token caller */
  csrfToken: Type.Union([Type.String(), Type.Null()]),
});

export const SessionView = Type.Object({
  id: Type.String(),
  createdAt: Type.String(),
  lastSeenAt: Type.String(),
  ip: Type.Union([Type.String(), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  current: Type.Boolean(),
});

export const TokenView = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  username: Type.String(),
  label: Type.String(),
  roles: Type.Union([Type.Array(RoleName), Type.Null()]),
  createdAt: Type.String(),
  expiresAt: Type.Union([Type.String(), Type.Null()]),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
});

export const IdParam = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9a-f-]+$' }) });
/** A token's id is a UUID: anything else is a 400, never a query the database refuses. */
export const TokenIdParam = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const Done = Type.Object({ ok: Type.Literal(true) });
