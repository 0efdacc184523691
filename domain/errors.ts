// Stable English codes with the Chinese text an official reads, and the HTTP status the API
// answers with. Workflows raise them from update validators; the API maps them back.
export const DOMAIN_ERRORS = {
  FORBIDDEN_DEPARTMENT: { status: 403, message: '无权办理其他部门的事项' },
  NOT_DEPARTMENT_HEAD: { status: 403, message: '只有该部门主要负责人可以审批延期' },
  PROCESS_CLOSED: { status: 409, message: '该事项已办结，不能再操作' },
  EXTENSION_AFTER_DEADLINE: { status: 409, message: '已超过核查期限，不能再申请延期' },
  EXTENSION_PENDING: { status: 409, message: '已有待审批的延期申请' },
  NO_PENDING_EXTENSION: { status: 409, message: '没有待审批的延期申请' },
  EXTENSION_DAYS_RANGE: { status: 422, message: '延期天数应为 1–10 个工作日' },
  EXTENSION_TOTAL_EXCEEDED: { status: 422, message: '累计延期不得超过 10 个工作日' },
  REASON_REQUIRED: { status: 422, message: '必须说明理由' },
  OUTCOME_CHANGES_REQUIRED: { status: 422, message: '已更正或部分更正时必须列明更正内容' },
  OUTCOME_NO_CHANGES: { status: 422, message: '确认数据无误时不应列出更正内容' },
} as const;

export type DomainErrorCode = keyof typeof DOMAIN_ERRORS;

export interface DomainError {
  code: DomainErrorCode;
  message: string;
}

export function domainError(code: DomainErrorCode, detail?: string): DomainError {
  const base = DOMAIN_ERRORS[code].message;
  return { code, message: detail ? `${base}：${detail}` : base };
}

export function isDomainErrorCode(code: string | undefined | null): code is DomainErrorCode {
  return !!code && Object.hasOwn(DOMAIN_ERRORS, code);
}
