import { describe, it, expect } from 'vitest';
import { checkCreditCode, checkIdentifier, checkPartyDocument, checkResidentId } from '../../domain/identifiers';
import type { DocumentKind } from '../../domain/vocabulary';

// Independent check-character calculators, written from the standards' definitions of the
// weights (2^k mod 11 and 3^k mod 31) rather than from the module's weight tables.
function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  return '10X98765432'.charAt(sum % 11);
}

const USCC = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += USCC.indexOf(first17.charAt(i)) * (3 ** i % 31);
  return USCC.charAt((31 - (sum % 31)) % 31);
}

const withResidentCheck = (first17: string) => first17 + residentIdCheckChar(first17);
const withCreditCheck = (first17: string) => first17 + creditCodeCheckChar(first17);

/** Some character of the check alphabet other than `c`. */
const otherThan = (c: string, alphabet: string) => (alphabet[0] === c ? alphabet[1]! : alphabet[0]!);

describe('checkResidentId (GB 11643-1999)', () => {
  it('accepts the standard example 11010519491231002X', () => {
    expect(checkResidentId('11010519491231002X')).toEqual({ ok: true });
  });

  it.each([
    '44030420000229123', // born on 29 February of a leap year
    '51010219000101001', // earliest accepted year
    '32010619851231003',
    '11010120251001004',
  ])('accepts %s + its computed check character', (first17) => {
    expect(checkResidentId(withResidentCheck(first17))).toEqual({ ok: true });
  });

  it('each of the 11 check characters occurs and is accepted', () => {
    const seen = new Set<string>();
    for (let seq = 0; seq < 200 && seen.size < 11; seq += 1) {
      const id = withResidentCheck(`11010519800101${String(seq).padStart(3, '0')}`);
      seen.add(id[17]!);
      expect(checkResidentId(id), id).toEqual({ ok: true });
    }
    expect(seen.size).toBe(11);
  });

  it('refuses a wrong check character and names the expected one', () => {
    expect(checkResidentId('110105194912310021')).toEqual({
      ok: false,
      code: 'ID_CHECK_DIGIT',
      message: '身份证号码校验位错误，应为 X',
    });
    const good = withResidentCheck('32010619851231003');
    const bad = good.slice(0, 17) + otherThan(good[17]!, '0123456789X');
    const result = checkResidentId(bad);
    expect(result).toMatchObject({ ok: false, code: 'ID_CHECK_DIGIT' });
    expect(result.ok === false && result.message).toBe(`身份证号码校验位错误，应为 ${good[17]}`);
  });

  it('detects a single mistyped digit and two swapped digits', () => {
    const good = '11010519491231002X';
    expect(checkResidentId('11010519491231003X')).toMatchObject({ ok: false, code: 'ID_CHECK_DIGIT' });
    expect(checkResidentId(`${good.slice(0, 15)}${good[16]}${good[15]}X`)).toMatchObject({ ok: false });
  });

  it('refuses a lower-case x and says X must be upper case', () => {
    const result = checkResidentId('11010519491231002x');
    expect(result).toMatchObject({ ok: false, code: 'ID_FORMAT' });
    expect(result.ok === false && result.message).toContain('大写字母 X');
  });

  it.each([
    ['', 0],
    ['11010519491231002', 17],
    ['11010519491231002X1', 19],
    ['110105491231002', 15], // the old 15-digit number is no longer accepted
  ])('refuses %j for its length', (id, length) => {
    expect(checkResidentId(id)).toEqual({
      ok: false,
      code: 'ID_FORMAT',
      message: `身份证号码应为 18 位，实际为 ${length} 位`,
    });
  });

  it.each([
    '1101051949123100XX', // X only in the last place
    '11010519491231002Y',
    '1101051949123A002X',
    '11010519491231 02X',
    '１１010519491231002X', // full-width digits
  ])('refuses %j for its characters', (id) => {
    expect(checkResidentId(id)).toMatchObject({ ok: false, code: 'ID_FORMAT' });
  });

  it.each([
    ['1101051949133100', '19491331'], // month 13
    ['1101051925022900', '19250229'], // 1925 is not a leap year
    ['1101051900022900', '19000229'], // nor is 1900
    ['1101051990043100', '19900431'],
    ['1101051899123100', '18991231'], // before 1900
    ['1101050000000000', '00000000'],
  ])('refuses %s... for its birth date %s, even with a matching check character', (prefix, birth) => {
    const id = withResidentCheck(`${prefix}1`);
    expect(checkResidentId(id)).toEqual({
      ok: false,
      code: 'ID_BIRTH_DATE',
      message: `身份证号码中的出生日期 ${birth} 无效`,
    });
  });
});

describe('checkCreditCode (GB 32100-2015)', () => {
  it('accepts 91350100M000100Y43', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3'); // verified by the independent calculator
    expect(checkCreditCode('91350100M000100Y43')).toEqual({ ok: true });
  });

  it.each([
    '91110108551385082', // enterprise
    '11100000000013127', // government body
    '52330100MJ8812345', // social organisation
    '92440300MA5DABCDE', // individual business, letters in the organisation code
  ])('accepts %s + its computed check character', (first17) => {
    expect(checkCreditCode(withCreditCheck(first17))).toEqual({ ok: true });
  });

  it('accepts a letter as check character', () => {
    const letters = new Set<string>();
    for (let seq = 0; seq < 500; seq += 1) {
      const code = withCreditCheck(`91350100M${String(seq).padStart(8, '0')}`);
      if (/[A-Z]/.test(code[17]!)) letters.add(code[17]!);
      expect(checkCreditCode(code), code).toEqual({ ok: true });
    }
    expect(letters.size).toBeGreaterThan(5);
  });

  it('refuses a wrong check character and names the expected one', () => {
    expect(checkCreditCode('91350100M000100Y42')).toEqual({
      ok: false,
      code: 'USCC_CHECK_DIGIT',
      message: '统一社会信用代码校验位错误，应为 3',
    });
  });

  it('detects a single mistyped character', () => {
    expect(checkCreditCode('91350100M000101Y43')).toMatchObject({ ok: false, code: 'USCC_CHECK_DIGIT' });
  });

  it.each([
    ['', 0],
    ['91350100M000100Y4', 17],
    ['91350100M000100Y433', 19],
  ])('refuses %j for its length', (code, length) => {
    expect(checkCreditCode(code)).toEqual({
      ok: false,
      code: 'USCC_FORMAT',
      message: `统一社会信用代码应为 18 位，实际为 ${length} 位`,
    });
  });

  it.each(['I', 'O', 'Z', 'S', 'V'])('refuses the forbidden letter %s and says where it is', (letter) => {
    const code = `91350100M${letter}00100Y43`;
    expect(checkCreditCode(code)).toEqual({
      ok: false,
      code: 'USCC_FORMAT',
      message: `统一社会信用代码不使用字母 I、O、Z、S、V，第 10 位“${letter}”不合法`,
    });
  });

  it('refuses lower-case letters', () => {
    expect(checkCreditCode('91350100m000100Y43')).toEqual({
      ok: false,
      code: 'USCC_FORMAT',
      message: '统一社会信用代码字母应为大写，第 9 位“m”为小写',
    });
  });

  it.each(['91350100M000100Y4-', '91350100M 00100Y43', '91350100Ｍ000100Y43'])('refuses other characters in %j', (code) => {
    expect(checkCreditCode(code)).toMatchObject({ ok: false, code: 'USCC_FORMAT' });
  });

  it('is not a resident ID and vice versa', () => {
    expect(checkResidentId('91350100M000100Y43')).toMatchObject({ ok: false, code: 'ID_FORMAT' });
    expect(checkCreditCode('11010519491231002X')).toMatchObject({ ok: false, code: 'USCC_CHECK_DIGIT' });
  });
});

// 第五十五条. Check characters below are worked out by hand with the GB 11643 weights
// 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 and the check alphabet 1 0 X 9 8 7 6 5 4 3 2 (by sum mod 11).
describe('checkIdentifier: every document kind (第二十条, 第五十五条)', () => {
  const refusedAs = (kind: DocumentKind, id: string, label: string) => {
    const r = checkIdentifier(kind, id);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('IDENTIFIER_INVALID');
    expect(r.message).toContain(label);
  };

  describe('港澳台居民居住证', () => {
    it.each([
      // 8·7+1·9+0+0+0+0+1·2+9·1+9·6+4·3+0·7+8·9+2·10+3·5+0+0+2·2 = 253; 253 mod 11 = 0 → '1'
      '810000199408230021',
      // 8·7+2·9+0+0+0+0+2·2+0+0+1·3+0+3·9+1·10+5·5+1·8+2·4+3·2 = 165; 165 mod 11 = 0 → '1'
      '820000200103151231',
      // 56+27+0+0+0+0+2+9+48+15+7+9+10+5+32+20+12 = 252; 252 mod 11 = 10 → '2'
      '830000198511114562',
    ])('accepts %s', (id) => {
      expect(checkIdentifier('hmt_residence_permit', id)).toEqual({ ok: true });
    });

    it('refuses a wrong check digit, naming the kind and the right digit', () => {
      refusedAs('hmt_residence_permit', '810000199408230022', '港澳台居民居住证号码不正确');
      expect(checkIdentifier('hmt_residence_permit', '810000199408230022')).toMatchObject({ message: expect.stringContaining('应为 1') });
    });
    it('refuses a mainland address code (a resident ID is not a residence permit)', () => {
      refusedAs('hmt_residence_permit', '11010519491231002X', '810000');
    });
    it('refuses 17 characters and an impossible birth date', () => {
      refusedAs('hmt_residence_permit', '81000019940823002', '港澳台居民居住证');
      refusedAs('hmt_residence_permit', '810000199402300021', '出生日期');
    });
  });

  describe('外国人永久居留身份证', () => {
    it.each([
      // 2023 card, 9 + 31 (上海) + 840 + 19800101 + 001: 63+27+10+40+32+0+2+9+48+0+0+9+0+5+0+0+2 = 247;
      // 247 mod 11 = 5 → '7'
      '931840198001010017',
      // 9 + 11 (北京) + 156 + 20000229 + 008: 63+9+10+5+40+24+4+0+0+0+0+18+20+45+0+0+16 = 254;
      // 254 mod 11 = 1 → '0'
      '911156200002290080',
      // the 2017 card: USA, 31, born 1980-01-01 (800101), 2 sequence digits, sex, check
      'USA318001010011',
    ])('accepts %s', (id) => {
      expect(checkIdentifier('foreign_permanent_residence', id)).toEqual({ ok: true });
    });

    it('refuses a 2023 card with a wrong check digit, one not beginning with 9, and a bad old card', () => {
      refusedAs('foreign_permanent_residence', '931840198001010018', '校验位错误，应为 7');
      // a valid resident ID (11010519491231002X) has the right digit but not the leading 9
      refusedAs('foreign_permanent_residence', '11010519491231002X', '以 9 开头');
      refusedAs('foreign_permanent_residence', 'usa318001010011', '外国人永久居留身份证');
      refusedAs('foreign_permanent_residence', 'USA318013010011', '出生日期');
      refusedAs('foreign_permanent_residence', 'USA31800101001', '实际为 14 位');
    });
  });

  describe('护照 and the 港澳台 travel permits', () => {
    it.each([
      ['passport', 'E12345678'], // 中国普通护照 (2012)
      ['passport', 'EA1234567'],
      ['passport', 'C03005988'], // a foreign passport: 9 letters and digits
      ['hk_macao_permit', 'H12345678'],
      ['hk_macao_permit', 'M1234567801'], // the booklet with a 2-digit renewal count
      ['taiwan_permit', '01234567'],
      ['taiwan_permit', '0123456789'],
    ] as const)('%s %s is accepted', (kind, id) => {
      expect(checkIdentifier(kind, id)).toEqual({ ok: true });
    });

    it.each([
      ['passport', 'e12345678', '护照'], // lower case
      ['passport', 'ABCDEFGHI', '护照'], // no digit
      ['passport', 'E123', '护照'], // under 5
      ['passport', 'E1234567890', '护照'], // over 9
      ['hk_macao_permit', 'K12345678', '港澳居民来往内地通行证'],
      ['hk_macao_permit', 'H1234567', '港澳居民来往内地通行证'],
      ['taiwan_permit', '1234567', '台湾居民来往大陆通行证'],
      ['taiwan_permit', 'T1234567', '台湾居民来往大陆通行证'],
    ] as const)('%s %s is refused naming %s', (kind, id, label) => {
      refusedAs(kind, id, label);
    });
  });

  describe('the party names a fitting document', () => {
    it('a person without a kind is checked as a resident ID, an organisation as a credit code', () => {
      expect(checkPartyDocument(true, undefined, '11010519491231002X')).toEqual({ ok: true });
      expect(checkPartyDocument(true, undefined, 'E12345678')).toMatchObject({ ok: false, code: 'ID_FORMAT' });
      expect(checkPartyDocument(true, 'passport', 'E12345678')).toEqual({ ok: true });
    });
    it('a person cannot be named by a credit code, nor an organisation by a passport', () => {
      expect(checkPartyDocument(true, 'credit_code', '91350100M000100Y43')).toMatchObject({ ok: false, code: 'DOCUMENT_KIND_MISMATCH' });
      expect(checkPartyDocument(false, 'passport', 'E12345678')).toMatchObject({ ok: false, code: 'DOCUMENT_KIND_MISMATCH' });
    });
  });
});
