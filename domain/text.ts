// Text a person typed, as the system stores it: Unicode NFC, and none of the characters that
// PostgreSQL cannot store (NUL), that hide or reorder what a reader sees (bidi overrides and
// isolates, the trick behind "Trojan Source"), or that no form produces (other C0/C1 controls).
// Tab and line breaks are ordinary in free text.

export type TextProblem = 'control_character' | 'bidi_control' | 'name_layout';

// C0 controls except \t \n \r, DEL, and the C1 block.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point of this rule
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
// LRE RLE PDF LRO RLO, LRI RLI FSI PDI, and the invisible marks LRM RLM ALM.
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;

/** Why `s` cannot be stored as text, or null when it can. */
export function textProblem(s: string): TextProblem | null {
  if (CONTROL.test(s)) return 'control_character';
  if (BIDI.test(s)) return 'bidi_control';
  return null;
}

export const TEXT_PROBLEM_MESSAGES: Record<TextProblem, string> = {
  control_character: '含有不允许的控制字符（如 NUL）',
  bidi_control: '含有改变文字显示方向的控制字符',
  name_layout: '名称不得含有换行、制表符或不可见字符',
};

// A name (of a catalog entry, a data item) is one line a reader compares by eye: besides what
// no text may hold, it holds no tab or line break and none of the invisible characters that
// make two equal-looking names differ (zero-width space/joiners, word joiner, BOM, soft hyphen,
// line and paragraph separators). Issue 14 item 7.
const NAME_LAYOUT = /[\t\n\r\u00AD\u200B-\u200D\u2028\u2029\u2060\uFEFF]/u;

/** Why `s` cannot be a name, or null when it can. */
export function nameProblem(s: string): TextProblem | null {
  return textProblem(s) ?? (NAME_LAYOUT.test(s) ? 'name_layout' : null);
}

/** Text in its one stored form (NFC), so that equal-looking names compare equal. */
export const normalizeText = (s: string): string => s.normalize('NFC');
