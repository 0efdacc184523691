// 第二十条 / SPEC §3.2: applicants are identified by a resident ID number (natural persons) or a
// unified social credit code (organisations); both carry a check character that must be verified.
// Messages are Simplified Chinese, shown to officials and applicants as they are.
import type { DomainErrorCode } from './errors';
import { isValidIsoDate } from './working-days';

type IdCode = Extract<DomainErrorCode, `ID_${string}` | `USCC_${string}`>;
export type IdCheck = { ok: true } | { ok: false; code: IdCode; message: string };

const OK: IdCheck = { ok: true };
const fail = (code: IdCode, message: string): IdCheck => ({ ok: false, code, message });

// GB 11643-1999: weight of position i (1-based, from the left) is 2^(18-i) mod 11.
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

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

  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(id[i]) * ID_WEIGHTS[i]!;
  const expected = ID_CHECK_CHARS[sum % 11]!;
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
