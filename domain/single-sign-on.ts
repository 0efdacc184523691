// 统一身份认证 (issue 17): who an OpenID Connect sign-in may sign in as. The county's platform
// vouches for a person; the security administrator decides what they may do here (三权分立,
// GB/T 22239-2019 8.1.4.2). So SSO never creates an account nor changes one: the claims must
// name an existing active user and agree with the department and role the security
// administrator gave them, and no administrator signs in through it.
import { ADMIN_ROLES, ROLES, type Role } from './roles';

/** Which claims say who the person is, and how the platform's role values read as ours. */
export interface ClaimMapping {
  /** the claim holding our user name (e.g. preferred_username) */
  usernameClaim: string;
  /** the claim holding the department code; unset: not compared */
  departmentClaim?: string;
  /** the claim holding the role; unset: not compared */
  roleClaim?: string;
  /** the platform's role values → our roles; a value not listed must be one of our role codes */
  roleMap?: Record<string, Role>;
}

/** Why a sign-in through 统一身份认证 is refused; the console shows the message. */
export const SSO_REFUSALS = {
  SSO_PROVIDER_REFUSED: '统一身份认证平台未完成认证（已取消或被拒绝），请重新登录',
  SSO_PROVIDER_FAILED: '暂时无法与统一身份认证平台完成认证，请稍后重试或使用用户名和密码登录',
  SSO_USERNAME_MISSING: '统一身份认证平台未提供用户名，无法登录，请联系安全管理员',
  SSO_UNKNOWN_USER: '该统一身份认证账号在本系统中没有对应的用户，请联系安全管理员开通',
  SSO_ACCOUNT_DISABLED: '账号已停用，请联系安全管理员',
  SSO_ADMIN_REFUSED: '系统管理员、安全管理员和审计管理员不能通过统一身份认证登录，请使用用户名和密码登录',
  SSO_CLAIMS_MISMATCH: '统一身份认证平台提供的部门或角色与本系统登记的不一致，请联系安全管理员核对',
} as const;
export type SsoRefusal = keyof typeof SSO_REFUSALS;

export const isSsoRefusal = (code: string): code is SsoRefusal => Object.hasOwn(SSO_REFUSALS, code);

const claimText = (claims: Record<string, unknown>, name: string): string | null => {
  const value = claims[name];
  return typeof value === 'string' && value.trim() ? value.trim() : null;
};

/** The user name the claims give, or null. */
export const claimedUsername = (claims: Record<string, unknown>, mapping: ClaimMapping): string | null =>
  claimText(claims, mapping.usernameClaim);

/** The role a platform value stands for: through the map, else the value when it is one of our roles. */
function mappedRole(value: string, mapping: ClaimMapping): Role | null {
  const mapped = mapping.roleMap?.[value] ?? value;
  return (ROLES as readonly string[]).includes(mapped) ? (mapped as Role) : null;
}

/** Whether the claims may sign in as `account` (the local user of the claimed name, null if none). */
export function ssoRefusal(
  claims: Record<string, unknown>,
  mapping: ClaimMapping,
  account: { active: boolean; role: Role; departmentCode: string | null } | null,
): SsoRefusal | null {
  if (!account) return 'SSO_UNKNOWN_USER';
  if (!account.active) return 'SSO_ACCOUNT_DISABLED';
  const claimedRole = mapping.roleClaim ? claimText(claims, mapping.roleClaim) : null;
  const role = claimedRole === null ? null : mappedRole(claimedRole, mapping);
  // an administrator, by our record or by the platform's word, uses the password (and its lockout)
  if (ADMIN_ROLES.includes(account.role) || (role && ADMIN_ROLES.includes(role))) return 'SSO_ADMIN_REFUSED';
  if (mapping.roleClaim && role !== account.role) return 'SSO_CLAIMS_MISMATCH';
  if (mapping.departmentClaim && claimText(claims, mapping.departmentClaim) !== account.departmentCode) return 'SSO_CLAIMS_MISMATCH';
  return null;
}
