// Demo departments, users, tokens and catalog entries for local runs and tests only:
// `npm start` sets SEED_DEMO=true; production never does. Every demo user signs in with the
// same well-known password, printed at start-up, and must change it at the first sign-in;
// tests seed their own password without the forced change.
import type { Role } from '../domain/roles';
import type { Db } from './client';
import { recordBaseline } from './repositories/catalog.repo';
import { and, eq, isNull } from 'drizzle-orm';
import { hashPassword } from './passwords';
import { hashToken } from './repositories/identity.repo';
import { apiTokens, catalogEntries, departments, users } from './schema';

export const DEMO_DEPARTMENTS = [
  { code: 'county-data', name: '县大数据发展局', kind: 'authority' as const },
  { code: 'county-gov', name: '县人民政府', kind: 'county_government' as const },
  { code: 'market', name: '县市场监督管理局', kind: 'department' as const },
  { code: 'civil', name: '县民政局', kind: 'department' as const },
  // 第四十七条: 政务部门 in law, but seeded as 'project_approval' so that they act in IT projects
  // only and are not (yet) counted among the departments that file annual reports, hold a
  // catalog or are evaluated; SPEC §3.8 names them only as approvers. A reading, see README.
  { code: 'dev-reform', name: '县发展改革委员会', kind: 'project_approval' as const },
  { code: 'finance', name: '县财政局', kind: 'project_approval' as const },
];

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  departmentCode: string | null;
  /** well known on purpose: demo only */
  token: string;
  /** the applicant's verified identity (SPEC §7) */
  identityNumber?: string;
}

const user = (username: string, displayName: string, role: Role, departmentCode: string | null): DemoUser => ({
  username,
  displayName,
  role,
  departmentCode,
  token: `demo-${username}`,
});

export const DEMO_USERS: DemoUser[] = [
  user('market-staff', '市场监管局 张科员', 'department_staff', 'market'),
  user('market-head', '市场监管局 李局长', 'department_head', 'market'),
  user('civil-staff', '民政局 王科员', 'department_staff', 'civil'),
  user('civil-head', '民政局 赵局长', 'department_head', 'civil'),
  user('reviewer', '大数据发展局 审核员', 'authority_reviewer', 'county-data'),
  user('county', '县政府 办公室', 'county_government', 'county-gov'),
  user('dev-reform-staff', '县发展改革委 项目审批科', 'development_reform', 'dev-reform'),
  user('finance-staff', '县财政局 预算科', 'finance', 'finance'),
  user('auditor', '县审计局 审计员', 'auditor', null),
  // 张三 as the identity platform verified him: he files about his own data, or as an agent with an authorisation.
  { ...user('applicant', '申请人 张三', 'applicant', null), identityNumber: '11010519491231002X' },
  user('admin', '系统管理员', 'system_admin', null),
  user('security-admin', '安全管理员', 'security_admin', null),
  user('audit-admin', '审计管理员', 'audit_admin', null),
];

const meta = {
  encodingFormat: 'JSON（UTF-8）',
  sharingType: 'unconditional' as const,
  sharingBasis: null,
  sharingMethod: '共享交换平台接口',
  updateFrequency: '实时',
  securityLevel: '内部',
  usageRequirements: '仅用于履行行政管理职能',
  updateCycle: '每日',
  baseDatabase: null,
};

/** 第十五条: catalog version 1 of the demo county. */
export const DEMO_CATALOG = [
  {
    ...meta,
    code: 'MKT-001',
    name: '市场主体登记信息',
    departmentCode: 'market',
    dataItems: ['统一社会信用代码', '名称', '法定代表人', '住所', '经营范围'],
    summary: '本县市场主体的设立、变更、注销登记信息',
    baseDatabase: 'legal_person' as const,
  },
  {
    ...meta,
    code: 'MKT-002',
    name: '行政处罚信息',
    departmentCode: 'market',
    dataItems: ['统一社会信用代码', '处罚决定书文号', '处罚类别', '处罚日期'],
    summary: '市场监管领域行政处罚决定',
    sharingType: 'conditional' as const,
    sharingBasis: '《优化营商环境条例》第五十三条',
    updateFrequency: '每周',
    updateCycle: '每周',
  },
  {
    ...meta,
    code: 'CIV-001',
    name: '婚姻登记信息',
    departmentCode: 'civil',
    dataItems: ['姓名', '公民身份号码', '登记日期', '登记类别'],
    summary: '结婚、离婚登记信息',
    sharingType: 'conditional' as const,
    sharingBasis: '《婚姻登记条例》第二条',
    securityLevel: '敏感',
  },
];

/** The demo users' initial password (`npm start`): public on purpose, changed at the first sign-in. */
export const DEMO_PASSWORD = 'Yunyang#2026';

// One argon2id hash per password and process: every seeded user shares it.
const hashes = new Map<string, Promise<string>>();
const hashOnce = (password: string) => hashes.get(password) ?? hashes.set(password, hashPassword(password)).get(password)!;

export interface SeedOptions {
  password?: string;
  /** the first sign-in must choose a new password; default true */
  mustChangePassword?: boolean;
}

/** Idempotent: a second start finds the rows and leaves them alone. */
export async function seedDemo(db: Db, opts: SeedOptions = {}): Promise<void> {
  const passwordHash = await hashOnce(opts.password ?? DEMO_PASSWORD);
  const mustChangePassword = opts.mustChangePassword ?? true;
  await db.transaction(async (tx) => {
    await tx.insert(departments).values(DEMO_DEPARTMENTS).onConflictDoNothing();
    for (const u of DEMO_USERS) {
      const { token, ...profile } = u;
      const [row] = await tx
        .insert(users)
        .values({ ...profile, passwordHash, mustChangePassword })
        .onConflictDoNothing()
        .returning({ id: users.id });
      if (row) await tx.insert(apiTokens).values({ tokenHash: hashToken(token), userId: row.id, label: '演示令牌' });
      // a demo database seeded before applicants carried their identity gets it now
      else if (u.identityNumber)
        await tx
          .update(users)
          .set({ identityNumber: u.identityNumber })
          .where(and(eq(users.username, u.username), isNull(users.identityNumber)));
    }
    await tx.insert(catalogEntries).values(DEMO_CATALOG).onConflictDoNothing();
  });
  await recordBaseline(db, new Date().toISOString());
}
