// SPEC §2: a year whose State Council schedule is not loaded yet is not "weekends only". The
// statutory days off of 《全国年节及纪念日放假办法》 (2024 revision, 第二条) are known in advance:
// 元旦 1 January; 春节 除夕 and 正月初一 to 初三; 清明 the day of the solar term; 劳动节 1–2 May;
// 端午 五月初五; 中秋 八月十五; 国庆 1–3 October. Lunar dates and the solar term come from
// lunar-javascript, whose arithmetic is its own (the host time zone cannot shift a day).
// 调休 make-up days and 补休 are the notice's own choice: unknown until it is loaded.
import lunar from 'lunar-javascript';
import { addCalendarDays, type IsoDate } from './working-days';

const { Lunar } = lunar;

export const STATUTORY_HOLIDAYS_BASIS = '《全国年节及纪念日放假办法》（2024年修订）第二条';

export interface StatutoryHoliday {
  date: IsoDate;
  name: string;
}

/** The statutory days off of `year`, in date order. */
export function statutoryHolidays(year: number): StatutoryHoliday[] {
  const lunarDay = (month: number, day: number) => Lunar.fromYmd(year, month, day).getSolar().toYmd();
  const springFestival = lunarDay(1, 1);
  const days: StatutoryHoliday[] = [
    { date: `${year}-01-01`, name: '元旦' },
    ...[-1, 0, 1, 2].map((n) => ({ date: addCalendarDays(springFestival, n), name: '春节' })),
    { date: Lunar.fromYmd(year, 3, 1).getJieQiTable().清明!.toYmd(), name: '清明节' },
    { date: `${year}-05-01`, name: '劳动节' },
    { date: `${year}-05-02`, name: '劳动节' },
    { date: lunarDay(5, 5), name: '端午节' },
    { date: lunarDay(8, 15), name: '中秋节' },
    { date: `${year}-10-01`, name: '国庆节' },
    { date: `${year}-10-02`, name: '国庆节' },
    { date: `${year}-10-03`, name: '国庆节' },
  ];
  return days.sort((a, b) => a.date.localeCompare(b.date));
}
