import { describe, expect, it } from 'vitest';
import { changeArrow, changeDirection, countTickFormatter, hasData, METHOD_COLORS, moneyTickFormatter, openHours, PALETTE, percentTickFormatter, SERIES } from '../../../renderer/features/reports/chartKit';

describe('chart axes: one tick formatter for money, in ¥ with thousands separators', () => {
  it('writes minor units as whole yuan with separators, decimals only when the tick has them', () => {
    const en = moneyTickFormatter('en', 'CNY');
    expect(en(0)).toBe('¥0');
    expect(en(1_200_000)).toBe('¥12,000');
    expect(en(125_050)).toBe('¥1,250.5');
    expect(en(123_456_789)).toBe('¥1,234,567.89');
    expect(en(-300_000)).toBe('-¥3,000');
    const zh = moneyTickFormatter('zh-CN', 'CNY');
    expect(zh(1_200_000)).toBe('¥12,000');
    expect(zh(-300_000)).toBe('-¥3,000');
  });

  it('follows the currency’s decimals (yen has none)', () => {
    expect(moneyTickFormatter('en', 'JPY')(1_234_567)).toBe('¥1,234,567');
    expect(moneyTickFormatter('en', 'USD')(1_234_567)).toBe('$12,345.67');
  });

  it('writes percentages and counts with separators too', () => {
    expect(percentTickFormatter('en')(12.5)).toBe('12.5%');
    expect(percentTickFormatter('en')(1200)).toBe('1,200%');
    expect(percentTickFormatter('zh-CN')(0)).toBe('0%');
    expect(countTickFormatter('en')(12000)).toBe('12,000');
  });
});

describe('a change and its arrow', () => {
  it('gives a rise ▲, a fall ▼, and a change of zero neither arrow nor direction', () => {
    expect([changeDirection(1), changeArrow(1)]).toEqual(['up', '▲']);
    expect([changeDirection(-1), changeArrow(-1)]).toEqual(['down', '▼']);
    expect([changeDirection(0), changeArrow(0)]).toEqual(['flat', '']);
    expect([changeDirection(-0), changeArrow(-0)]).toEqual(['flat', '']);
  });
});

describe('no data yet', () => {
  it('is true only when some row has a figure other than zero or undefined in the fields asked', () => {
    const months = Array.from({ length: 9 }, (_, i) => ({ month: `2026-0${i + 1}`, endMrr: 0, arpu: null as number | null, note: 'x' }));
    expect(hasData(months, ['endMrr', 'arpu'])).toBe(false);
    expect(hasData([], ['endMrr'])).toBe(false);
    expect(hasData([...months, { month: '2026-10', endMrr: 0, arpu: 5, note: '' }], ['endMrr', 'arpu'])).toBe(true);
    expect(hasData([{ month: '2026-10', endMrr: -100, arpu: null, note: '' }], ['endMrr'])).toBe(true);
    expect(hasData([{ month: '2026-10', endMrr: 0, arpu: 7, note: '' }], ['endMrr'])).toBe(false);
  });
});

describe('opening hours on the attendance chart', () => {
  it('draws from the opening hour to the last hour open', () => {
    expect(openHours({ opens: '06:00', closes: '22:00' })).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21]);
    expect(openHours({ opens: '06:30', closes: '21:30' })).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21]);
    expect(openHours({ opens: '09:00', closes: '10:00' })).toEqual([9]);
    expect(openHours({ opens: '00:00', closes: '24:00' })).toHaveLength(24);
    expect(openHours({ opens: '00:00', closes: '24:00' })[23]).toBe(23);
  });
});

describe('one colour per meaning', () => {
  it('never gives two meanings drawn on one chart the same colour', () => {
    const charts: (keyof typeof SERIES)[][] = [
      ['new', 'expansion', 'reactivation', 'resumed', 'contraction', 'paused', 'churned', 'mrr'],
      ['invoiced', 'recognised', 'collected', 'deferred'],
      ['collected', 'refunds', 'expenses', 'running'],
      ['forecast', 'withChurn'],
      ['new', 'reactivation', 'churned', 'members'],
      ['churned', 'contraction'],
    ];
    for (const chart of charts) expect(new Set(chart.map((k) => SERIES[k])).size, chart.join()).toBe(chart.length);
    // Members and money are different meanings: the members line is not the MRR blue.
    expect(SERIES.members).not.toBe(SERIES.mrr);
    // The money received is one green wherever it is drawn; plans never take a loss colour.
    expect(PALETTE).not.toContain(SERIES.churned);
    expect(PALETTE).not.toContain(SERIES.refunds);
    expect(new Set(Object.values(METHOD_COLORS)).size).toBe(Object.keys(METHOD_COLORS).length);
  });
});
