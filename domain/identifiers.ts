// 第二十条 / SPEC §3.2: applicants are identified by a resident ID number (natural persons) or a
// unified social credit code (organisations); both carry a check character that must be verified.
// Messages are Simplified Chinese, shown to officials and applicants as they are.
import type { DomainErrorCode } from './errors';
import { DOCUMENT_KIND_LABELS, type DocumentKind } from './vocabulary';
import { isValidIsoDate } from './working-days';

type IdCode = Extract<DomainErrorCode, `ID_${string}` | `USCC_${string}` | 'IDENTIFIER_INVALID' | 'DOCUMENT_KIND_MISMATCH'>;
export type IdCheck = { ok: true } | { ok: false; code: IdCode; message: string };

const OK: IdCheck = { ok: true };
const fail = (code: IdCode, message: string): IdCheck => ({ ok: false, code, message });

// GB 11643-1999: weight of position i (1-based, from the left) is 2^(18-i) mod 11.
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

/** The GB 11643-1999 check character of 17 digits. */
function gb11643CheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK_CHARS[sum % 11]!;
}

/** Resident identity number, GB 11643-1999: 17 digits, then a check character 0-9 or X. */
export function checkResidentId(id: string): IdCheck {
  if (id.length !== 18) return fail('ID_FORMAT', `身份证号码应为 18 位，实际为 ${id.length} 位`);
  // The standard writes X in upper case; a lower-case x is refused so stored numbers stay uniform.
  if (/^\d{17}x$/.test(id)) return fail('ID_FORMAT', '身份证号码末位校验码应为大写字母 X，不能为小写 x');
  if (!/^\d{17}[\dX]$/.test(id)) return fail('ID_FORMAT', '身份证号码前 17 位应为数字，末位应为数字或大写字母 X');

  const birth = id.slice(6, 14);
  const birthIso = `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`;
  // No "not in the future" check: the domain has no clock; the year floor catches typos.
  if (!isValidIsoDate(birthIso) || Number(birth.slice(0, 4)) < 1900) {
    return fail('ID_BIRTH_DATE', `身份证号码中的出生日期 ${birth} 无效`);
  }

  const expected = gb11643CheckChar(id);
  if (id[17] !== expected) return fail('ID_CHECK_DIGIT', `身份证号码校验位错误，应为 ${expected}`);
  return OK;
}

// GB 32100-2015: 31 characters, the digits and the capital letters without I, O, Z, S, V
// (easily mistaken for 1, 0, 2, 5, U). Weight of position i (1-based) is 3^(i-1) mod 31.
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters, the last a check character. */
export function checkCreditCode(code: string): IdCheck {
  if (code.length !== 18) return fail('USCC_FORMAT', `统一社会信用代码应为 18 位，实际为 ${code.length} 位`);
  for (let i = 0; i < 18; i += 1) {
    const c = code[i]!;
    if (USCC_CHARS.includes(c)) continue;
    const where = `第 ${i + 1} 位“${c}”`;
    if (/[a-z]/.test(c)) return fail('USCC_FORMAT', `统一社会信用代码字母应为大写，${where}为小写`);
    if ('IOZSV'.includes(c)) return fail('USCC_FORMAT', `统一社会信用代码不使用字母 I、O、Z、S、V，${where}不合法`);
    return fail('USCC_FORMAT', `统一社会信用代码只能包含数字和大写字母，${where}不合法`);
  }

  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += USCC_CHARS.indexOf(code[i]!) * USCC_WEIGHTS[i]!;
  const expected = USCC_CHARS[(31 - (sum % 31)) % 31]!;
  if (code[17] !== expected) return fail('USCC_CHECK_DIGIT', `统一社会信用代码校验位错误，应为 ${expected}`);
  return OK;
}

// ---- 第五十五条: foreigners and 港澳台 residents are in scope too --------------------------

const invalid = (kind: DocumentKind, why: string): IdCheck => fail('IDENTIFIER_INVALID', `${DOCUMENT_KIND_LABELS[kind]}号码不正确：${why}`);

/** YYYYMMDD from 1900 on, as GB 11643 numbers carry it. */
const isBirthDate = (yyyymmdd: string): boolean =>
  isValidIsoDate(`${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`) && Number(yyyymmdd.slice(0, 4)) >= 1900;

/** An 18-digit GB 11643 number whose first characters must be `prefix`: residence permits, the 2023 permanent residence card. */
function checkGb11643Like(kind: DocumentKind, id: string, prefixOk: boolean, prefixRule: string): IdCheck {
  if (!/^\d{17}[\dX]$/.test(id)) return invalid(kind, '应为 17 位数字加 1 位校验码（数字或大写字母 X）');
  if (!prefixOk) return invalid(kind, prefixRule);
  if (!isBirthDate(id.slice(6, 14))) return invalid(kind, `出生日期 ${id.slice(6, 14)} 无效`);
  const expected = gb11643CheckChar(id);
  if (id[17] !== expected) return invalid(kind, `校验位错误，应为 ${expected}`);
  return OK;
}

// 港澳台居民居住证 (国办发〔2018〕81号): a GB 11643 number whose address code is 810000 (香港),
// 820000 (澳门) or 830000 (台湾).
const HMT_PREFIXES = ['810000', '820000', '830000'];

/**
 * 外国人永久居留身份证. The 2023 card: 18 characters, beginning with 9, then the issuing
 * province (2), nationality (3), birth date (8), sequence (3) and a GB 11643 check character.
 * The 2017 card still in use: 15 characters, the ISO 3166 nationality (3 capital letters), then
 * 12 digits whose positions 6-11 are the birth date YYMMDD; its check digit's algorithm is not
 * published, so only its form and date are checked.
 */
function checkPermanentResidence(id: string): IdCheck {
  const kind = 'foreign_permanent_residence';
  if (id.length === 15) {
    if (!/^[A-Z]{3}\d{12}$/.test(id)) return invalid(kind, '15 位旧版证件应为 3 位大写国籍字母加 12 位数字');
    const yymmdd = id.slice(5, 11);
    // Either century may be meant: the date is valid if it exists in one of them.
    if (!isBirthDate(`19${yymmdd}`) && !isBirthDate(`20${yymmdd}`)) return invalid(kind, `出生日期 ${yymmdd} 无效`);
    return OK;
  }
  if (id.length !== 18) return invalid(kind, `应为 18 位（2023 版）或 15 位（旧版），实际为 ${id.length} 位`);
  return checkGb11643Like(kind, id, id.startsWith('9'), '2023 版证件号码应以 9 开头');
}

// Document numbers as issued (公安部出入境管理局 formats); each rule with its Chinese reason.
const FORMS: Partial<Record<DocumentKind, { pattern: RegExp; rule: string }>> = {
  // ICAO Doc 9303: the machine-readable document number is at most 9 letters and digits;
  // foreign passports vary, so only that form (and at least 5 characters) is required.
  passport: { pattern: /^(?=.*\d)[A-Z0-9]{5,9}$/, rule: '应为 5 至 9 位大写字母和数字，且含数字' },
  // H (香港) or M (澳门) and 8 digits; the booklet before 2013 added a 2-digit renewal count.
  hk_macao_permit: { pattern: /^[HM]\d{8}(\d{2})?$/, rule: '应为字母 H 或 M 加 8 位数字（旧版加 10 位数字）' },
  // 8 digits on the 2015 card; the earlier booklet carried 10.
  taiwan_permit: { pattern: /^(\d{8}|\d{10})$/, rule: '应为 8 位数字（旧版 10 位数字）' },
};

/** Any identity document (第五十五条), by kind: its form and, where it carries one, its check character. */
export function checkIdentifier(kind: DocumentKind, id: string): IdCheck {
  switch (kind) {
    case 'resident_id':
      return checkResidentId(id);
    case 'credit_code':
      return checkCreditCode(id);
    case 'hmt_residence_permit':
      return checkGb11643Like(kind, id, HMT_PREFIXES.includes(id.slice(0, 6)), '应以 810000（香港）、820000（澳门）或 830000（台湾）开头');
    case 'foreign_permanent_residence':
      return checkPermanentResidence(id);
    default: {
      const form = FORMS[kind]!;
      return form.pattern.test(id) ? OK : invalid(kind, form.rule);
    }
  }
}

/** The document a party names: when none is named, a person's resident ID (as before 第五十五条 was read in) or an organisation's credit code. */
export const partyDocumentKind = (isPerson: boolean, named: DocumentKind | undefined): DocumentKind =>
  named ?? (isPerson ? 'resident_id' : 'credit_code');

/** A party's document: a person names one of PERSON_DOCUMENT_KINDS, an organisation its credit code. */
export function checkPartyDocument(isPerson: boolean, named: DocumentKind | undefined, id: string): IdCheck {
  const kind = partyDocumentKind(isPerson, named);
  if (isPerson === (kind === 'credit_code')) {
    const why = isPerson ? '公民应使用个人证件，不能使用统一社会信用代码' : '法人和其他组织应使用统一社会信用代码';
    return fail('DOCUMENT_KIND_MISMATCH', why);
  }
  return checkIdentifier(kind, id);
}
