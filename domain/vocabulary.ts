// The process vocabulary: every process type, its stages, the inbox tasks, the findings
// (violations) and the timeline's events, each with the Chinese label an official reads and,
// for types, tasks and findings, the article it comes from.
// The codes are stored in the registry and in workflow histories and search attributes: add
// codes, never rename one. Pages, exports and notices show `*Label(code)`, never the code.
// Pure and import-free: the console compiles it too (web/tsconfig.json).
// The calendar change workflow (SPEC §2) is not a process: it has no registry row, stage or clock.

/** Shown for an empty value. */
const NONE = '—';

/** A code's Chinese name; `unknown` for a code it does not know, so that a page never shows one. */
export const labeller =
  (names: Readonly<Record<string, string>>, unknown: string) =>
  (code: string | null | undefined): string =>
    !code ? NONE : Object.hasOwn(names, code) ? (names[code] as string) : unknown;

const labelsOf = (info: Readonly<Record<string, { label: string }>>): Record<string, string> =>
  Object.fromEntries(Object.entries(info).map(([code, { label }]) => [code, label]));

// ---- process types ----------------------------------------------------------------------

export const PROCESS_TYPES = [
  'correction',
  'catalog_update',
  'rectification',
  'annual_report',
  'sharing_request',
  'sharing_dispute',
  'conflict',
  'finding',
  'penalty_case',
  'catalog_compilation',
  'it_project',
] as const;
export type ProcessType = (typeof PROCESS_TYPES)[number];

export const PROCESS_TYPE_INFO: Record<ProcessType, { label: string; article: string }> = {
  correction: { label: '数据校核', article: '第二十三条' },
  catalog_update: { label: '目录更新', article: '第十八条' },
  rectification: { label: '限期整改', article: '第五十一条' },
  annual_report: { label: '年度报告', article: '第四十六条' },
  sharing_request: { label: '共享申请', article: '第三十一条' },
  sharing_dispute: { label: '共享争议', article: '第三十二条' },
  conflict: { label: '数据冲突', article: '第二十六条' },
  finding: { label: '违规认定', article: '第四十九条' },
  penalty_case: { label: '行政处罚案件', article: '第五十二条、第五十三条' },
  catalog_compilation: { label: '目录清单编制', article: '第十六条' },
  it_project: { label: '政务信息化项目', article: '第四十七条' },
};

export const processTypeLabel = labeller(labelsOf(PROCESS_TYPE_INFO), '未知流程');

// ---- stages -----------------------------------------------------------------------------

export const STAGES = [
  'verifying',
  'extension_pending',
  'overdue',
  'completed',
  'awaiting_application',
  'under_review',
  'returned',
  'approved',
  'rectifying',
  'rectified',
  'criticized',
  'awaiting_acceptance',
  'departments_reporting',
  'authority_compiling',
  'county_submitting',
  'awaiting_sharing_decision',
  'granted',
  'granted_in_part',
  'refused',
  'dispute_coordinating',
  'dispute_referred',
  'upheld',
  'overturned',
  'conflict_negotiating',
  'conflict_coordinating',
  'agreed',
  'decided',
  'finding_provisional',
  'statement_period',
  'awaiting_finding_decision',
  'finding_confirmed',
  'finding_annulled',
  'finding_withdrawn',
  'penalty_filed',
  'penalty_statement',
  'penalty_awaiting_order',
  'penalty_rectifying',
  'penalty_warned',
  'penalty_rectified',
  'penalty_concluded',
  'penalty_fined',
  'penalty_referred',
  'project_approving',
  'project_funding',
  'project_building',
  'project_stopped',
] as const;
export type Stage = (typeof STAGES)[number];

/** Each type's stages, open ones first and the closing ones last (`completed` closes two types). */
export const STAGES_OF = {
  correction: ['verifying', 'extension_pending', 'overdue', 'completed'],
  catalog_update: ['awaiting_application', 'under_review', 'returned', 'approved'],
  rectification: ['rectifying', 'awaiting_acceptance', 'rectified', 'criticized'],
  annual_report: ['departments_reporting', 'authority_compiling', 'county_submitting', 'completed'],
  sharing_request: ['awaiting_sharing_decision', 'granted', 'granted_in_part', 'refused'],
  sharing_dispute: ['dispute_coordinating', 'dispute_referred', 'upheld', 'overturned'],
  conflict: ['conflict_negotiating', 'conflict_coordinating', 'agreed', 'decided'],
  finding: [
    'finding_provisional',
    'statement_period',
    'awaiting_finding_decision',
    'finding_confirmed',
    'finding_annulled',
    'finding_withdrawn',
  ],
  penalty_case: [
    'penalty_filed',
    'penalty_statement',
    'penalty_awaiting_order',
    'penalty_rectifying',
    'penalty_warned',
    'penalty_rectified',
    'penalty_concluded',
    'penalty_fined',
    'penalty_referred',
  ],
  catalog_compilation: ['under_review', 'returned', 'approved'],
  // 评审评估 is the authority's review (under_review); 验收 closes the project as 已办结 (completed).
  // Two shared codes: one more stage breaks the TypeBox stage union (TS2589), see README.
  it_project: ['under_review', 'project_approving', 'project_funding', 'project_building', 'completed', 'project_stopped'],
} as const satisfies Record<ProcessType, readonly Stage[]>;
export type StageOf<T extends ProcessType> = (typeof STAGES_OF)[T][number];

/** What the API answers before the workflow has written its registry row; never stored. */
export const STARTING = 'starting';

const STAGE_LABELS: Record<Stage | typeof STARTING, string> = {
  starting: '受理中',
  verifying: '核查中',
  extension_pending: '延期待审批',
  overdue: '已超期',
  completed: '已办结',
  awaiting_application: '待提交申请',
  under_review: '审核中',
  returned: '已退回',
  approved: '已批准',
  rectifying: '整改中',
  rectified: '已整改',
  criticized: '通报批评',
  awaiting_acceptance: '整改情况待验收',
  departments_reporting: '部门报送中',
  authority_compiling: '主管部门汇编中',
  county_submitting: '县政府报送中',
  awaiting_sharing_decision: '待提供部门答复',
  granted: '同意共享',
  granted_in_part: '部分同意共享',
  refused: '不同意共享',
  dispute_coordinating: '主管部门协调争议',
  dispute_referred: '报县政府决定',
  upheld: '维持不予共享',
  overturned: '决定共享',
  conflict_negotiating: '部门协商中',
  conflict_coordinating: '主管部门协调冲突',
  agreed: '协商一致',
  decided: '已作出决定',
  finding_provisional: '暂定违规（待重新计算期限）',
  statement_period: '陈述申辩期',
  awaiting_finding_decision: '待作出认定',
  finding_confirmed: '违规已认定',
  finding_annulled: '违规已撤销',
  finding_withdrawn: '违规已撤回',
  penalty_filed: '待告知当事人',
  penalty_statement: '陈述申辩期内',
  penalty_awaiting_order: '待责令限期改正',
  penalty_rectifying: '限期改正中',
  penalty_warned: '已警告待决定罚款',
  penalty_rectified: '已按期改正',
  penalty_concluded: '警告后结案',
  penalty_fined: '已作出罚款决定',
  penalty_referred: '已移送司法机关',
  project_approving: '发展改革部门立项审批中',
  project_funding: '财政部门资金安排中',
  project_building: '建设中（待验收）',
  project_stopped: '未获通过（项目终止）',
};

export const stageLabel = labeller(STAGE_LABELS, '未知环节');

// ---- inbox tasks ------------------------------------------------------------------------

/** What the inbox asks its reader to do (`follow`: an applicant's own open processes). */
export const TASK_KINDS = [
  'verify',
  'decide_extension',
  'supervise_overdue',
  'submit_catalog_application',
  'review_catalog_application',
  'report_rectification',
  'accept_rectification',
  'submit_county_report',
  'submit_annual_report_to_city',
  'decide_sharing_request',
  'record_conflict_position',
  'coordinate_sharing_dispute',
  'decide_sharing_dispute',
  'decide_conflict',
  'file_finding_statement',
  'decide_finding',
  'record_penalty_notice',
  'order_penalty_rectification',
  'record_penalty_rectification',
  'decide_penalty',
  'follow',
  'approve_it_project',
  'fund_it_project',
  'accept_it_project',
  'review_catalog_compilation',
  'review_it_project',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const TASK_INFO: Record<TaskKind, { label: string; article: string }> = {
  verify: { label: '核查并登记结果', article: '第二十三条' },
  decide_extension: { label: '审批延期申请', article: '第二十三条' },
  supervise_overdue: { label: '督办超期事项', article: '第四十五条' },
  submit_catalog_application: { label: '提交目录更新申请', article: '第十八条' },
  review_catalog_application: { label: '审核目录更新申请', article: '第十八条' },
  review_catalog_compilation: { label: '审核目录清单编制', article: '第十六条' },
  review_it_project: { label: '评审评估政务信息化项目', article: '第四十七条' },
  approve_it_project: { label: '审批政务信息化项目立项', article: '第四十七条' },
  fund_it_project: { label: '安排政务信息化项目资金', article: '第四十七条' },
  accept_it_project: { label: '验收政务信息化项目', article: '第四十七条' },
  report_rectification: { label: '报送整改情况', article: '第五十一条' },
  accept_rectification: { label: '验收整改情况', article: '第五十一条' },
  submit_county_report: { label: '报送县级年度报告', article: '第四十六条' },
  submit_annual_report_to_city: { label: '向市政府报送年度报告', article: '第四十六条' },
  decide_sharing_request: { label: '答复共享申请', article: '第三十一条' },
  record_conflict_position: { label: '提出数据冲突意见', article: '第二十六条' },
  coordinate_sharing_dispute: { label: '协调共享争议', article: '第三十二条' },
  decide_sharing_dispute: { label: '决定共享争议', article: '第三十二条' },
  decide_conflict: { label: '决定数据冲突', article: '第二十六条' },
  file_finding_statement: { label: '对违规告知提出陈述申辩', article: '第四十九条' },
  decide_finding: { label: '认定或撤销违规', article: '第四十九条' },
  record_penalty_notice: { label: '告知当事人', article: '第五十二条、第五十三条' },
  order_penalty_rectification: { label: '责令限期改正', article: '第五十二条、第五十三条' },
  record_penalty_rectification: { label: '登记当事人改正情况', article: '第五十二条、第五十三条' },
  decide_penalty: { label: '决定罚款或结案', article: '第五十二条、第五十三条' },
  follow: { label: '查看办理进度', article: '第二十三条' },
};

export const taskLabel = labeller(labelsOf(TASK_INFO), '未知待办');

// ---- findings (violations) ----------------------------------------------------------------

/** The kinds the authority registers by hand (SPEC §3.6): conduct, not a missed deadline. */
export const REGISTRABLE_FINDING_KINDS = [
  'conduct_49_1',
  'conduct_49_2',
  'conduct_49_3',
  'conduct_49_4',
  'conduct_49_5',
  'conduct_49_6',
  'conduct_49_7',
  'conduct_50_1',
  'conduct_50_2',
  'conduct_50_3',
  'conduct_50_4',
  'conduct_50_5',
] as const;
/** The kinds of finding a process records; each names its duty and its party (domain/responsibility.ts). */
export const FINDING_KINDS = [
  'correction_overdue',
  'catalog_submission_overdue',
  'catalog_resubmission_overdue',
  'catalog_review_overdue',
  'sharing_decision_overdue',
  'annual_report_missed',
  'county_report_late',
  'city_submission_late',
  'compilation_review_overdue',
  // Registered by the authority (SPEC §3.6): a 政务部门's conduct under 第四十九条(一)–(七), 第五十条(一)–(五).
  ...REGISTRABLE_FINDING_KINDS,
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/**
 * The duty each finding breaches (article, clause, item), its class and the party charged with
 * it (SPEC §6). `timeliness`: a period the regulation or the authority set, not a 第四十九条
 * conduct; the 5-day sharing decision and the resubmission period are the authority's settings.
 */
export const FINDING_INFO: Record<
  FindingKind,
  { label: string; article: string; findingClass: 'violation' | 'timeliness'; party: 'department' | 'authority' | 'county_government' }
> = {
  correction_overdue: { label: '超过规定时间校核政务数据', article: '第四十九条(八)', findingClass: 'violation', party: 'department' },
  catalog_submission_overdue: {
    label: '超过规定时间申请更新政务数据资源目录',
    article: '第四十九条(八)',
    findingClass: 'violation',
    party: 'department',
  },
  catalog_resubmission_overdue: {
    label: '目录更新申请退回后逾期重新提交',
    article: '第十八条第一款（主管部门设定的重新提交期限）',
    findingClass: 'timeliness',
    party: 'department',
  },
  catalog_review_overdue: { label: '目录更新申请超期审核', article: '第十八条第二款', findingClass: 'timeliness', party: 'authority' },
  sharing_decision_overdue: {
    label: '共享申请超期未答复',
    article: '第三十条（主管部门设定的答复期限）',
    findingClass: 'timeliness',
    party: 'department',
  },
  annual_report_missed: { label: '年度管理情况未按时提交', article: '第四十六条第一款', findingClass: 'timeliness', party: 'department' },
  county_report_late: { label: '县级年度报告逾期提交县政府', article: '第四十六条第二款', findingClass: 'timeliness', party: 'authority' },
  city_submission_late: {
    label: '年度报告逾期报送市政府',
    article: '第四十六条第二款',
    findingClass: 'timeliness',
    party: 'county_government',
  },
  compilation_review_overdue: {
    label: '目录清单超期审核',
    article: '第十六条（审核期限参照第十八条第二款）',
    findingClass: 'timeliness',
    party: 'authority',
  },
  conduct_49_1: {
    label: '瞒报、漏报本部门政务数据资源目录清单',
    article: '第四十九条(一)',
    findingClass: 'violation',
    party: 'department',
  },
  conduct_49_2: {
    label: '拒绝、推诿或者妨碍政务数据资源存储到城市大数据资源中心',
    article: '第四十九条(二)',
    findingClass: 'violation',
    party: 'department',
  },
  conduct_49_3: {
    label: '重复采集、多头采集可共享获取的政务数据资源',
    article: '第四十九条(三)',
    findingClass: 'violation',
    party: 'department',
  },
  conduct_49_4: {
    label: '从共享系统获取与履职无关的政务数据资源',
    article: '第四十九条(四)',
    findingClass: 'violation',
    party: 'department',
  },
  conduct_49_5: {
    label: '将共享获取的政务数据资源用于与履职无关的目的',
    article: '第四十九条(五)',
    findingClass: 'violation',
    party: 'department',
  },
  conduct_49_6: {
    label: '要求公民、法人和其他组织提供可从共享系统获取的政务数据资源',
    article: '第四十九条(六)',
    findingClass: 'violation',
    party: 'department',
  },
  conduct_49_7: {
    label: '通过共享系统之外的其他形式共享政务数据资源',
    article: '第四十九条(七)',
    findingClass: 'violation',
    party: 'department',
  },
  conduct_50_1: {
    label: '侵入政务网络、干扰平台正常功能或者破坏、窃取政务数据资源',
    article: '第五十条(一)',
    findingClass: 'violation',
    party: 'department',
  },
  conduct_50_2: {
    label: '以获取的政务数据资源汇聚形成可能涉密或重要敏感信息',
    article: '第五十条(二)',
    findingClass: 'violation',
    party: 'department',
  },
  conduct_50_3: {
    label: '以获取的政务数据资源侵犯商业秘密或者个人隐私',
    article: '第五十条(三)',
    findingClass: 'violation',
    party: 'department',
  },
  conduct_50_4: {
    label: '未经许可扩散或者非授权使用共享获取的政务数据资源',
    article: '第五十条(四)',
    findingClass: 'violation',
    party: 'department',
  },
  conduct_50_5: { label: '法律法规禁止的其他行为', article: '第五十条(五)', findingClass: 'violation', party: 'department' },
};

export type RegistrableFindingKind = (typeof REGISTRABLE_FINDING_KINDS)[number];

/**
 * Stored kinds keep a process's findings apart under the (workflow, kind) unique index:
 * `catalog_review_overdue_<n>` and `catalog_resubmission_overdue_<n>` per application,
 * `annual_report_missed:<department>` per department.
 */
const STORED_SUFFIX: Partial<Record<FindingKind, string>> = {
  catalog_review_overdue: '_[1-9][0-9]*',
  catalog_resubmission_overdue: '_[1-9][0-9]*',
  compilation_review_overdue: '_[1-9][0-9]*',
  annual_report_missed: ':.+',
};
const storedPattern = (k: FindingKind): string => `${k}${STORED_SUFFIX[k] ?? ''}`;

/** Every stored kind, as a regular expression that JavaScript and PostgreSQL (`~`) read alike. */
export const STORED_FINDING_PATTERN = `^(${FINDING_KINDS.map(storedPattern).join('|')})$`;

/** The kind of a stored finding, or null when it is none of FINDING_KINDS. */
export const findingKindOf = (stored: string): FindingKind | null =>
  FINDING_KINDS.find((k) => new RegExp(`^${storedPattern(k)}$`).test(stored)) ?? null;

/** A stored finding's label; the nth catalog application names its number. */
export function findingLabel(stored: string | null | undefined): string {
  if (!stored) return NONE;
  const kind = findingKindOf(stored);
  if (kind === null) return '未知违规情形';
  if (kind === 'catalog_review_overdue') return `目录更新第 ${stored.split('_').pop()} 次申请超期审核`;
  if (kind === 'catalog_resubmission_overdue') return `目录更新第 ${stored.split('_').pop()} 次申请逾期重新提交`;
  if (kind === 'compilation_review_overdue') return `目录清单第 ${stored.split('_').pop()} 次报送超期审核`;
  return FINDING_INFO[kind].label;
}

// ---- timeline events ----------------------------------------------------------------------

/** The steps a process's timeline records (process_events.kind). */
export const EVENT_KINDS = [
  'filed',
  'deadline_set',
  'extension_requested',
  'extension_approved',
  'extension_refused',
  'verified',
  'violation_recorded',
  'findings_revised',
  'correction_overdue',
  'change_registered',
  'application_submitted',
  'application_approved',
  'application_returned',
  'approval_refused',
  'rectification_ordered',
  'rectification_reported',
  'criticized',
  'rectification_accepted',
  'rectification_rejected',
  'referred_for_sanction',
  'reminder',
  'annual_report_opened',
  'stage_authority_compiling',
  'stage_county_submitting',
  'department_report_submitted',
  'annual_reports_missed',
  'county_report_submitted',
  'county_report_late',
  'city_submission',
  'city_submission_late',
  'annual_report_completed',
  'sharing_requested',
  'sharing_granted',
  'sharing_granted_in_part',
  'sharing_refused',
  'dispute_filed',
  'dispute_referred',
  'dispute_upheld',
  'dispute_overturned',
  'conflict_opened',
  'position_recorded',
  'conflict_escalated',
  'conflict_agreed',
  'conflict_decided',
  'penalty_case_filed',
  'penalty_notified',
  'penalty_statement_recorded',
  'penalty_statement_period_ended',
  'penalty_rectification_ordered',
  'penalty_rectified',
  'penalty_warned',
  'penalty_fined',
  'penalty_concluded',
  'penalty_referred',
  'level_warning',
  'level_overdue',
  'finding_held_provisional',
  'finding_notified',
  'statement_filed',
  'statement_period_ended',
  'finding_confirmed',
  'finding_annulled',
  'finding_withdrawn',
  'compilation_submitted',
  'compilation_approved',
  'compilation_returned',
  'supervision_urged',
  'project_filed',
  'project_reviewed',
  'project_approved',
  'project_not_approved',
  'project_funded',
  'project_not_funded',
  'project_acceptance_refused',
  'project_accepted',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

const EVENT_LABELS: Record<EventKind, string> = {
  filed: '受理登记',
  deadline_set: '确定期限',
  extension_requested: '申请延期',
  extension_approved: '批准延期',
  extension_refused: '不同意延期',
  verified: '登记核查结果',
  violation_recorded: '记录违规',
  findings_revised: '重算期限后修订认定',
  correction_overdue: '超期',
  change_registered: '登记目录变更',
  application_submitted: '提交目录更新申请',
  application_approved: '批准目录更新',
  application_returned: '退回目录更新申请',
  approval_refused: '批准被拒绝',
  rectification_ordered: '下达整改通知',
  rectification_reported: '报送整改情况',
  criticized: '通报批评',
  rectification_accepted: '整改验收通过',
  rectification_rejected: '整改情况未通过验收',
  referred_for_sanction: '移送有权机关处分',
  reminder: '提醒',
  annual_report_opened: '开始年度报告',
  stage_authority_compiling: '转入主管部门汇编',
  stage_county_submitting: '转入县政府报送',
  department_report_submitted: '部门报送年度报告',
  annual_reports_missed: '部门未按时报送',
  county_report_submitted: '报送县级报告',
  county_report_late: '县级报告逾期',
  city_submission: '报送市政府',
  city_submission_late: '报送市政府逾期',
  annual_report_completed: '年度报告办结',
  sharing_requested: '提出共享申请',
  sharing_granted: '同意共享',
  sharing_granted_in_part: '部分同意共享',
  sharing_refused: '不同意共享',
  dispute_filed: '提出共享争议',
  dispute_referred: '报请县政府决定',
  dispute_upheld: '维持不予共享',
  dispute_overturned: '决定共享',
  conflict_opened: '登记数据冲突',
  position_recorded: '提出协商意见',
  conflict_escalated: '提请主管部门协调',
  conflict_agreed: '协商一致',
  conflict_decided: '主管部门作出决定',
  penalty_case_filed: '登记违法行为',
  penalty_notified: '告知当事人',
  penalty_statement_recorded: '登记陈述申辩',
  penalty_statement_period_ended: '陈述申辩期届满',
  penalty_rectification_ordered: '责令限期改正',
  penalty_rectified: '当事人按期改正',
  penalty_warned: '逾期未改正给予警告',
  penalty_fined: '作出罚款决定',
  penalty_concluded: '警告后结案',
  penalty_referred: '移送司法机关',
  level_warning: '转为黄色预警',
  level_overdue: '转为红色超期',
  finding_held_provisional: '暂定违规（待重新计算期限）',
  finding_notified: '告知违规并开始陈述申辩期',
  statement_filed: '提出陈述申辩',
  statement_period_ended: '陈述申辩期届满',
  finding_confirmed: '认定违规',
  finding_annulled: '撤销违规',
  finding_withdrawn: '撤回违规（重新计算后未超期）',
  compilation_submitted: '报送目录清单',
  compilation_approved: '批准目录清单',
  compilation_returned: '退回目录清单',
  supervision_urged: '督办',
  project_filed: '申报政务信息化项目',
  project_reviewed: '主管部门评审评估',
  project_approved: '发展改革部门批准立项',
  project_not_approved: '发展改革部门不予立项',
  project_funded: '财政部门纳入预算',
  project_not_funded: '财政部门不予纳入预算',
  project_acceptance_refused: '验收不通过（目录清单未完成）',
  project_accepted: '项目通过验收',
};

export const eventLabel = labeller(EVENT_LABELS, '其他事项');

// ---- identity documents (第二十条, 第五十五条; rules in identifiers.ts) ------------------------

/** The identity documents an applicant or party may be named by (第二十条, 第五十五条). */
export const DOCUMENT_KINDS = [
  'resident_id',
  'passport',
  'hk_macao_permit',
  'taiwan_permit',
  'hmt_residence_permit',
  'foreign_permanent_residence',
  'credit_code',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
/** The kinds a natural person may hold (a credit code names an organisation). */
export const PERSON_DOCUMENT_KINDS = DOCUMENT_KINDS.filter((k) => k !== 'credit_code');

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  resident_id: '居民身份证',
  passport: '护照',
  hk_macao_permit: '港澳居民来往内地通行证',
  taiwan_permit: '台湾居民来往大陆通行证',
  hmt_residence_permit: '港澳台居民居住证',
  foreign_permanent_residence: '外国人永久居留身份证',
  credit_code: '统一社会信用代码',
};

export const documentKindLabel = labeller(DOCUMENT_KIND_LABELS, '其他证件');

// ---- roles (SPEC §1) ----------------------------------------------------------------------

/** Each role's Chinese name, for the API's messages and the console. */
export const ROLE_LABELS: Readonly<Record<string, string>> = {
  department_staff: '部门工作人员',
  department_head: '部门主要负责人',
  authority_reviewer: '主管部门审核人员',
  county_government: '县人民政府',
  auditor: '审计人员',
  applicant: '申请人',
  system_admin: '系统管理员',
  security_admin: '安全管理员',
  audit_admin: '审计管理员',
  development_reform: '发展改革部门',
  finance: '财政部门',
};

export const roleLabel = labeller(ROLE_LABELS, '未知角色');

/** SPEC §1: each kind of department in words (domain/roles.ts DEPARTMENT_KINDS). */
export const DEPARTMENT_KIND_LABELS: Readonly<Record<string, string>> = {
  department: '政务部门',
  authority: '政务数据资源主管部门',
  county_government: '县人民政府',
  project_approval: '项目审批部门（发展改革、财政）',
};

export const departmentKindLabel = labeller(DEPARTMENT_KIND_LABELS, '未知类别');

/** SPEC §7, 第七条: where a deputy's appointment stands today (domain/accounts.ts deputyState). */
export const deputyStateLabel = labeller({ upcoming: '未开始', acting: '生效中', ended: '已结束' }, '未知状态');
