// Stable English codes with the Chinese text an official reads, and the HTTP status the API
// answers with. Workflows raise them from update validators; the API maps them back.
import {
  boundText,
  DATE_RANGE,
  EXTENSION_DAYS,
  RECTIFICATION_PERIOD_DAYS,
  REPORT_FIGURE,
  RESUBMISSION_PERIOD_DAYS,
  IT_PROJECT_PERIOD_DAYS,
  SHARING_DECISION_DAYS,
} from './bounds';

export const DOMAIN_ERRORS = {
  DATE_OUT_OF_RANGE: { status: 400, message: `日期应在 ${DATE_RANGE.min} 至 ${DATE_RANGE.max} 之间` },
  FORBIDDEN_DEPARTMENT: { status: 403, message: '无权办理其他部门的事项' },
  NOT_DEPARTMENT_HEAD: { status: 403, message: '只有该部门主要负责人可以审批延期' },
  PROCESS_CLOSED: { status: 409, message: '该事项已办结，不能再操作' },
  EXTENSION_AFTER_DEADLINE: { status: 409, message: '已超过核查期限，不能再申请延期' },
  EXTENSION_PENDING: { status: 409, message: '已有待审批的延期申请' },
  NO_PENDING_EXTENSION: { status: 409, message: '没有待审批的延期申请' },
  SELF_APPROVAL: { status: 403, message: '不能审批本人提出的延期申请' },
  DECISION_AFTER_DEADLINE: { status: 409, message: '已超过核查期限，延期申请不能再获批准' },
  EXTENSION_DAYS_RANGE: { status: 400, message: `延期天数应为 ${boundText(EXTENSION_DAYS)}` },
  EXTENSION_TOTAL_EXCEEDED: { status: 422, message: `累计延期不得超过 ${EXTENSION_DAYS.max} 个工作日` },
  REASON_REQUIRED: { status: 422, message: '必须说明理由' },
  APPLICANT_NOT_SUBJECT: {
    status: 403,
    message: '申请人只能就本人（本单位）的数据提出异议；代他人提出的，须注明授权委托书等材料',
  },
  OUTCOME_CHANGES_REQUIRED: { status: 422, message: '已更正或部分更正时必须列明更正内容' },
  OUTCOME_NO_CHANGES: { status: 422, message: '确认数据无误时不应列出更正内容' },
  // 第十五条 to 第十八条, 第三十条: the catalog and its update process.
  NOT_AUTHORITY_REVIEWER: { status: 403, message: '只有县政务数据资源主管部门的审核人员可以审核目录更新申请' },
  APPLICATION_UNDER_REVIEW: { status: 409, message: '目录更新申请正在审核中，审核结束前不能再提交' },
  PROCESS_BUSY: { status: 409, message: '上一项操作尚在办理，请稍后重试' },
  NO_APPLICATION_UNDER_REVIEW: { status: 409, message: '没有待审核的目录更新申请' },
  CATALOG_ENTRY_CONFLICT: { status: 409, message: '目录条目已被其他已批准的申请修改，请基于最新版本重新提交' },
  RESUBMISSION_PERIOD_RANGE: { status: 400, message: `目录更新申请退回后重新提交期限应为 ${boundText(RESUBMISSION_PERIOD_DAYS)}` },
  IT_PROJECT_PERIOD_RANGE: { status: 400, message: `政务信息化项目各环节办理期限应为 ${boundText(IT_PROJECT_PERIOD_DAYS)}` },
  CHANGES_REQUIRED: { status: 400, message: '目录更新申请至少应包含一项新增、变更或撤销' },
  CATALOG_CODE_DUPLICATE: { status: 400, message: '目录代码必须唯一' },
  // 第十六条: a department's compilation of its full 目录清单 (domain/catalog-compilation.ts).
  COMPILATION_ADDS_ONLY: { status: 422, message: '首次编制和新增目录只能新增条目；变更、撤销请通过年度复核或目录更新办理' },
  CATALOG_ALREADY_COMPILED: { status: 409, message: '本部门已有目录条目，不能再次首次编制；请选择年度复核或新增目录' },
  CATALOG_ENTRY_UNKNOWN: { status: 400, message: '本部门目录中没有该条目' },
  SHARING_BASIS_REQUIRED: { status: 400, message: '有条件共享或不予共享的资源必须注明法律、行政法规或国家、市级政策依据（第三十条）' },
  BASE_DATA_MUST_BE_UNCONDITIONAL: { status: 400, message: '基础数据库的基础信息项应当无条件共享（第三十条）' },
  DATA_ITEMS_DUPLICATE: { status: 400, message: '数据项不得重复' },
  NAME_INVALID: { status: 400, message: '名称不合法' },
  // 第四十六条 annual reports
  REPORT_ALREADY_SUBMITTED: { status: 409, message: '年度报告已提交' },
  REPORT_NOT_YET: { status: 409, message: '尚未到该报送环节' },
  FORBIDDEN_ROLE_STEP: { status: 403, message: '当前角色不能办理此环节' },
  REPORT_YEAR_IN_FUTURE: { status: 400, message: '不能开始或报送今年以后年度的年度报告' },
  REPORT_YEAR_OVER: { status: 409, message: '该年度报告的报送期限均已届满，不能再开始' },
  REPORT_FIGURES_INCONSISTENT: { status: 422, message: '年度报告数据前后不一致' },
  REPORT_FIGURE_RANGE: { status: 400, message: `年度报告的数字应为 ${REPORT_FIGURE.min}–${REPORT_FIGURE.max} 之间的整数` },
  // 第五十一条 rectification
  RECTIFICATION_ORDER_EXISTS: { status: 409, message: '该违规记录已下达整改通知，同一违规只能责令整改一次' },
  RECTIFICATION_AFTER_DEADLINE: { status: 409, message: '已超过整改期限，不能再报送整改情况' },
  RECTIFICATION_PERIOD_RANGE: { status: 400, message: `整改期限应为 ${boundText(RECTIFICATION_PERIOD_DAYS)}` },
  RECTIFICATION_REQUIREMENT_REQUIRED: { status: 400, message: '必须写明整改要求' },
  // 第四十五条 the annual evaluation: indicator sets, submissions, the security register
  EVALUATION_WEIGHTS_SUM: { status: 400, message: '各评价维度（汇聚、共享、应用、安全）的权重之和应为 100' },
  EVALUATION_INDICATORS_PUBLISHED: { status: 409, message: '该年度评价指标已发布，不能再修改' },
  EVALUATION_INDICATORS_NOT_FOUND: { status: 404, message: '该年度尚未设定评价指标（适用默认指标），请先设定后再发布' },
  EVALUATION_INDICATORS_NOT_PUBLISHED: { status: 409, message: '该年度评价指标尚未发布，不能报送评价结果' },
  SECURITY_RECORD_IN_FUTURE: { status: 400, message: '风险评估或应急演练的日期不得晚于今天' },
  RECTIFICATION_NOT_APPLICABLE: {
    status: 422,
    message: '该记录不属于第五十一条的整改范围：只有政务部门的第四十九条违规行为可以责令限期改正；主管部门、县政府的时限未履行报其监督主体',
  },
  FINDING_NOT_CONFIRMED: { status: 409, message: '该违规记录尚未认定，认定后才能责令整改' },
  RECTIFICATION_REPORT_NOT_SUBSTANTIVE: { status: 422, message: '整改情况须写明具体的整改措施和结果，不能只填写空白或标点' },
  RECTIFICATION_AWAITING_ACCEPTANCE: { status: 409, message: '整改情况已报送，正待主管部门验收' },
  NO_RECTIFICATION_REPORT: { status: 409, message: '没有待验收的整改情况' },
  NOT_RECTIFICATION_AUTHORITY: { status: 403, message: '只有县政务数据资源主管部门可以验收整改情况' },
  REFERRAL_EXISTS: { status: 409, message: '该整改事项已移送有权机关，不能重复移送' },
  REFERRAL_NOT_ALLOWED: { status: 409, message: '只有已通报批评或情节严重的，才能移送有权机关处分' },
  REFERRAL_DETAILS_REQUIRED: { status: 422, message: '移送处分须写明有权机关、责任人员及其职务和移送理由' },
  // 第四十九条, 第五十条, SPEC §3.6: findings, their statement (陈述申辩) and the supervisor's decision
  // 督办 (SPEC §6): the supervisor urges the party holding an open process's turn
  URGE_NO_HOLDER: { status: 409, message: '该事项当前环节没有可督办的责任主体（已办结，或处于当事人陈述申辩、改正期间）' },
  URGE_NOT_SUPERVISOR: { status: 403, message: '只有责任主体的监督主体可以督办：政务部门由主管部门督办，主管部门由县人民政府督办' },
  URGE_NOT_DUE: { status: 409, message: '只有黄色预警或红色超期的事项可以督办' },
  FINDING_TARGET_NOT_DEPARTMENT: { status: 422, message: '只能对在用的政务部门登记违规行为，主管部门不对本部门或县人民政府登记' },
  FINDING_FACTS_REQUIRED: { status: 422, message: '必须写明违规事实、证据和认定依据' },
  NOT_FINDING_PARTY: { status: 403, message: '只有被认定违规的部门可以提出陈述申辩' },
  NOT_FINDING_DECIDER: { status: 403, message: '只有被认定方的监督主体可以认定或撤销该违规' },
  STATEMENT_NOT_OPEN: { status: 409, message: '该违规尚为暂定，陈述申辩期尚未开始' },
  STATEMENT_ALREADY_FILED: { status: 409, message: '已提出过陈述申辩，不能再次提出' },
  STATEMENT_AFTER_DEADLINE: { status: 422, message: '陈述申辩期已届满，不能再提出陈述申辩' },
  STATEMENT_REQUIRED: { status: 422, message: '请填写陈述申辩的内容' },
  FINDING_ALREADY_DECIDED: { status: 409, message: '该违规已作出认定或已撤销、撤回' },
  FINDING_DECISION_NOT_YET: { status: 422, message: '陈述申辩期届满或当事部门提出陈述申辩之前，不能作出认定' },
  // 第五十二条, 第五十三条: penalty cases against service units, citizens and organisations
  FINE_OUT_OF_RANGE: {
    status: 400,
    message:
      '罚款金额超出法定幅度（第五十二条：1万元以上3万元以下；第五十三条：非经营性行为500元以上1000元以下，经营性行为1万元以上3万元以下）',
  },
  PENALTY_NOT_NOTIFIED: { status: 422, message: '尚未告知当事人，不能作出该决定（须先告知并给予陈述申辩期）' },
  PENALTY_STATEMENT_PERIOD_OPEN: { status: 422, message: '陈述申辩期限尚未届满，不能作出该决定' },
  PENALTY_STATEMENT_PERIOD_OVER: { status: 409, message: '陈述申辩期限已届满' },
  PENALTY_NOT_WARNED: { status: 422, message: '逾期未改正并给予警告后，方可对造成严重后果的作出罚款决定' },
  PENALTY_STAGE: { status: 409, message: '处罚案件不在该环节' },
  PENALTY_BREACH_ITEMS: { status: 400, message: '违法事项不正确：须列明适用于该当事人的第三十八条或第五十条事项，且不得重复' },
  PENALTY_CONDUCT_REQUIRED: { status: 400, message: '公民、法人和其他组织的案件须写明属经营性行为还是非经营性行为（第五十三条）' },
  PENALTY_CONDUCT_NOT_APPLICABLE: { status: 400, message: '服务单位的案件不区分经营性和非经营性行为（第五十二条）' },
  PENALTY_FACTS_REQUIRED: { status: 400, message: '须写明违法事实' },
  PENALTY_CONSEQUENCES_REQUIRED: { status: 422, message: '罚款须写明造成的严重后果' },
  NOTICE_DATE_INVALID: { status: 400, message: '告知日期不得早于立案日期，也不得晚于今天' },
  SERVICE_UNIT_EXISTS: { status: 409, message: '该统一社会信用代码的服务单位已登记' },
  VIOLATOR_EXISTS: { status: 409, message: '该证件号码的当事人已登记' },
  UNKNOWN_SERVICE_UNIT: { status: 400, message: '服务单位未登记' },
  UNKNOWN_VIOLATOR: { status: 400, message: '当事人未登记' },
  PENALTY_PARTY_REQUIRED: { status: 400, message: '须且只能指明一个当事人：服务单位或公民、法人和其他组织' },
  // 第二十六条, 第二十九条 to 第三十二条: sharing requests, disputes, grants, data conflicts
  SHARING_OWN_RESOURCE: { status: 400, message: '不能申请共享本部门提供的资源' },
  SHARING_ITEMS_UNKNOWN: { status: 400, message: '申请的数据项不在该目录条目中' },
  SHARING_PURPOSE_REQUIRED: { status: 400, message: '须说明用途及所履行的行政管理职能（第四十九条(四)(五)）' },
  SHARING_DEADLINE_RANGE: { status: 400, message: `共享申请答复期限应为 ${boundText(SHARING_DECISION_DAYS)}` },
  SHARING_PARTIAL_ITEMS: { status: 422, message: '部分同意须列明同意共享的数据项，且只能是所申请数据项的一部分' },
  NOT_PROVIDER: { status: 403, message: '只有数据提供部门（或主管部门撤销授权时）可以办理' },
  NOT_REQUESTER: { status: 403, message: '只有申请部门可以办理' },
  DISPUTE_NOT_REFUSED: { status: 409, message: '只有不予共享或部分同意的共享申请可以提出异议（第三十二条）' },
  // SPEC §3.7: a partial grant disputed is widened, never narrowed; an ordered grant is revoked by whoever ordered it
  DISPUTE_ITEMS_NARROWER: { status: 422, message: '争议决定同意共享的数据项须包含已经同意的数据项' },
  GRANT_ORDERED_BY_DISPUTE: { status: 403, message: '该授权由共享争议决定作出，只能由作出决定的机关撤销' },
  DISPUTE_EXISTS: { status: 409, message: '该共享申请已提出异议' },
  DISPUTE_STAGE: { status: 409, message: '共享争议不在该环节' },
  GRANT_REVOKED: { status: 403, message: '共享授权已撤销，不能再读取共享数据' },
  GRANT_ALREADY_REVOKED: { status: 409, message: '共享授权已撤销' },
  CONFLICT_DEPARTMENTS: { status: 400, message: '数据冲突须列明至少两个不同的相关部门（第二十六条）' },
  CONFLICT_RESOURCES: { status: 400, message: '须列明不一致的目录资源及其数据项' },
  NOT_CONFLICT_PARTY: { status: 403, message: '只有相关部门可以登记协商意见' },
  CONFLICT_STAGE: { status: 409, message: '数据冲突不在该环节' },
  // 第十八条, 第二十三条: filing a correction, registering a catalog change
  RECEIVED_IN_FUTURE: { status: 400, message: '收到日期不得晚于今天' },
  RECEIVED_ON_NOT_ALLOWED: { status: 400, message: '申请人提交的异议以今天为收到日期，不可指定' },
  UNKNOWN_DEPARTMENT: { status: 400, message: '部门不存在' },
  UNKNOWN_RESOURCE: { status: 400, message: '该部门的目录中没有该资源' },
  UNKNOWN_DATA_ITEM: { status: 400, message: '资源没有该数据项' },
  DEPARTMENT_REQUIRED: { status: 400, message: '主管部门代为登记时须指明部门' },
  CHANGE_DATE_IN_FUTURE: { status: 400, message: '变更日期不得晚于今天' },
  // 第三十一条: the 共享目录 (shared-directory.ts)
  CATALOG_VERSION_UNKNOWN: { status: 400, message: '没有该目录版本' },
  DIRECTORY_ALREADY_PUBLISHED: { status: 409, message: '该目录版本的共享目录已经发布' },
  DEMAND_NOT_MATCHED: { status: 422, message: '该资源不在共享目录中与此需求对应的条目里' },
  DEMAND_ALREADY_REQUESTED: { status: 409, message: '该需求已转为共享申请' },
  // GB 11643-1999 citizen ID numbers, GB 32100-2015 unified social credit codes (identifiers.ts)
  ID_FORMAT: { status: 400, message: '身份证号码格式不正确' },
  ID_BIRTH_DATE: { status: 400, message: '身份证号码中的出生日期无效' },
  ID_CHECK_DIGIT: { status: 400, message: '身份证号码校验位错误' },
  USCC_FORMAT: { status: 400, message: '统一社会信用代码格式不正确' },
  USCC_CHECK_DIGIT: { status: 400, message: '统一社会信用代码校验位错误' },
  // 第五十五条: passports, 港澳台 permits and foreigners' residence cards (identifiers.ts)
  IDENTIFIER_INVALID: { status: 400, message: '证件号码不正确' },
  DOCUMENT_KIND_MISMATCH: { status: 400, message: '证件类型与当事人类型不符' },
  // 第四十七条: IT projects (domain/it-project.ts).
  PROJECT_CATALOG_LIST_REQUIRED: { status: 400, message: '项目申报必须附政务数据资源目录清单（至少一项）' },
  PROJECT_CATALOG_LIST_DUPLICATE: { status: 400, message: '项目目录清单中的目录代码不得重复' },
  PROJECT_CATALOG_ENTRY_UNKNOWN: { status: 422, message: '以下目录条目不在县政务数据资源目录中，请核对代码或标注为新增' },
  PROJECT_CATALOG_ENTRY_EXISTS: { status: 422, message: '以下标注为新增的目录条目已在目录中，请标注为已有' },
  PROJECT_CATALOG_INCOMPLETE: { status: 422, message: '项目目录清单尚未完成，以下目录条目仍未纳入县政务数据资源目录，验收不予通过' },
  PROJECT_NOT_IN_STAGE: { status: 409, message: '该项目当前不在此办理环节' },
  PROJECT_REVIEW_MISSING: { status: 409, message: '项目尚未经主管部门评审评估，不能审批立项' },
  PROJECT_REVIEW_NOT_PASSED: { status: 422, message: '项目未通过主管部门评审评估，不能审批立项' },
  PROJECT_ROLE_REQUIRED: { status: 403, message: '只有本环节的主管部门、发展改革部门或财政部门可以办理' },
} as const;

export type DomainErrorCode = keyof typeof DOMAIN_ERRORS;

export interface DomainError {
  code: DomainErrorCode;
  message: string;
  /** the fields of the filing at fault (dotted paths, e.g. `subject.idNumber`), each with what is wrong */
  fields?: { path: string; message: string }[];
}

export function domainError(code: DomainErrorCode, detail?: string): DomainError {
  const base = DOMAIN_ERRORS[code].message;
  return { code, message: detail ? `${base}：${detail}` : base };
}

export function isDomainErrorCode(code: string | undefined | null): code is DomainErrorCode {
  return !!code && Object.hasOwn(DOMAIN_ERRORS, code);
}
