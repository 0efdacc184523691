// Issue 16: exports that officials open in Excel or WPS never run a cell as a formula.
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../domain/csv';

describe('toCsv', () => {
  it('quotes commas, quotes and line breaks; joins arrays; CRLF lines', () => {
    expect(
      toCsv(
        ['a', 'b', 'c'],
        [
          ['x,y', 'say "hi"', ['p', 'q']],
          [null, 1, 'line\nbreak'],
        ],
      ),
    ).toBe('a,b,c\r\n"x,y","say ""hi""",p;q\r\n,1,"line\nbreak"\r\n');
  });

  it('text that a spreadsheet would run as a formula is prefixed with an apostrophe, full-width forms too', () => {
    expect(toCsv(['名称'], [['=HYPERLINK("http://x","点击")'], ['+1'], ['-1+2'], ['@SUM(A1)'], ['＝１＋１'], ['\t=1']])).toBe(
      '名称\r\n"\'=HYPERLINK(""http://x"",""点击"")"\r\n\'+1\r\n\'-1+2\r\n\'@SUM(A1)\r\n\'＝１＋１\r\n\'\t=1\r\n',
    );
  });

  it('numbers stay numbers, negative ones included; a BOM on request', () => {
    expect(toCsv(['n'], [[-5], [0.25]])).toBe('n\r\n-5\r\n0.25\r\n');
    expect(toCsv(['a'], [], { bom: true })).toBe('\uFEFFa\r\n');
  });
});
