// What an official reads in a notice (issue 15). Workflows write their notices with codes and
// ISO dates: a workflow cannot read the registry, and its recorded histories must replay
// unchanged. The outbox renders each text once, as it writes it: dates in Chinese, department
// codes as department names, catalog codes with their names. Pure: the console shares `cnDay`.

/** 'YYYY-MM-DD' (or an instant's day as written) → 2026年12月10日, no leading zeros. */
export function cnDay(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}

/** The registry's names for the codes a notice holds. */
export interface NoticeNames {
  departments: ReadonlyMap<string, string>;
  /** catalog entry code → its name (第十五条) */
  resources: ReadonlyMap<string, string>;
}

// A token is a whole run of code characters: MKT-001 in GX-1（MKT-001）, never `market` inside
// `supermarket` or `county-data-2`. A department code may follow the word 部门, which its name
// replaces too (部门 market → 县市场监督管理局).
const TOKEN = /(部门 )?([A-Za-z0-9][A-Za-z0-9_-]*)/g;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The tokens of these texts that may be codes (not dates), to look their names up. */
export function noticeCodes(texts: readonly string[]): string[] {
  const codes = new Set<string>();
  for (const text of texts) for (const [, , token] of text.matchAll(TOKEN)) if (!ISO_DAY.test(token!)) codes.add(token!);
  return [...codes];
}

/** The text for people: ISO days in Chinese, known department and catalog codes by name; other tokens as written. Rendering twice changes nothing. */
export function renderNotice(text: string, names: NoticeNames): string {
  return text.replace(TOKEN, (whole, word: string | undefined, token: string, at: number) => {
    const prefix = word ?? '';
    if (ISO_DAY.test(token)) return prefix + cnDay(token);
    const department = names.departments.get(token);
    if (department) return department;
    const resource = names.resources.get(token);
    const before = text.slice(0, at + prefix.length);
    // Named already (a text rendered before is rendered again the same): as written.
    if (!resource || before.endsWith(`${resource}（`) || before.endsWith(`${resource} `)) return whole;
    // Already in brackets (共享申请 GX-1（MKT-001）): the name joins the code inside them.
    const bracketed = before.endsWith('（') && text[at + whole.length] === '）';
    return prefix + (bracketed ? `${resource} ${token}` : `${resource}（${token}）`);
  });
}
