// The part of lunar-javascript (6tail, CommonJS, untyped) that domain/statutory-holidays.ts uses.
declare module 'lunar-javascript' {
  interface Solar {
    toYmd(): string;
  }
  interface Lunar {
    getSolar(): Solar;
    next(days: number): Lunar;
    getJieQiTable(): Record<string, Solar>;
  }
  const lunar: { Lunar: { fromYmd(year: number, month: number, day: number): Lunar } };
  export default lunar;
}
