import { describe, expect, it } from 'vitest';
import { currencySymbol, minorToText, normaliseMoneyText, textToMinor, tidyMoneyText } from '../../../renderer/components/moneyText';

describe('MoneyInput text → minor units', () => {
  it('reads major units into integer minor units for a two-decimal currency', () => {
    expect(textToMinor('129.90', 'CNY')).toBe(12990);
    expect(textToMinor('129.9', 'CNY')).toBe(12990);
    expect(textToMinor('129', 'CNY')).toBe(12900);
    expect(textToMinor('0.01', 'CNY')).toBe(1);
    expect(textToMinor('0', 'CNY')).toBe(0);
    expect(textToMinor('1,299.95', 'USD')).toBe(129995);
    expect(textToMinor(' 249.95 ', 'USD')).toBe(24995);
  });

  it('never goes through a float: amounts that are inexact in binary come out exact', () => {
    expect(textToMinor('0.29', 'CNY')).toBe(29); // 0.29 * 100 = 28.999999999999996 as a float
    expect(textToMinor('1.005', 'CNY')).toBeNull();
    expect(textToMinor('4.35', 'EUR')).toBe(435); // 4.35 * 100 = 434.99999999999994
    expect(textToMinor('90071992547409.92', 'CNY')).toBeNull(); // beyond a safe integer of minor units
  });

  it('follows the currency’s decimals: none for yen', () => {
    expect(textToMinor('1200', 'JPY')).toBe(1200);
    expect(textToMinor('1,200', 'JPY')).toBe(1200);
    expect(textToMinor('1200.5', 'JPY')).toBeNull();
  });

  it('accepts what a Chinese keyboard types: full-width digits and point, the yuan sign and 元', () => {
    expect(normaliseMoneyText('１２９．９０')).toBe('129.90');
    expect(textToMinor('１２９．９０', 'CNY')).toBe(12990);
    expect(textToMinor('¥88', 'CNY')).toBe(8800);
    expect(textToMinor('￥1，288', 'CNY')).toBe(128800);
    expect(textToMinor('88元', 'CNY')).toBe(8800);
    expect(textToMinor('88。5', 'CNY')).toBe(8850);
  });

  it('rejects anything that is not an amount of zero or more', () => {
    for (const bad of ['', 'abc', '12a', '-5', '1.2.3', '12.345', '.5', '1e3', 'NaN', 'Infinity', '--1']) {
      expect(textToMinor(bad, 'CNY'), bad).toBeNull();
    }
  });
});

describe('MoneyInput minor units → text', () => {
  it('shows major units with the currency’s decimals and no grouping', () => {
    expect(minorToText(12990, 'CNY')).toBe('129.90');
    expect(minorToText(5, 'CNY')).toBe('0.05');
    expect(minorToText(0, 'USD')).toBe('0.00');
    expect(minorToText(123456789, 'USD')).toBe('1234567.89');
    expect(minorToText(1200, 'JPY')).toBe('1200');
    expect(minorToText(-1920, 'EUR')).toBe('-19.20');
  });

  it('round-trips every amount exactly', () => {
    for (const minor of [0, 1, 9, 10, 99, 100, 101, 29, 435, 24995, 100000000000]) {
      expect(textToMinor(minorToText(minor, 'CNY'), 'CNY')).toBe(minor);
    }
  });

  it('tidies a valid entry on blur and leaves a wrong one as typed', () => {
    expect(tidyMoneyText('12.5', 'CNY')).toBe('12.50');
    expect(tidyMoneyText('1,299', 'CNY')).toBe('1299.00');
    expect(tidyMoneyText('１２', 'CNY')).toBe('12.00');
    expect(tidyMoneyText('abc', 'CNY')).toBe('abc');
    expect(tidyMoneyText('12.345', 'CNY')).toBe('12.345');
  });

  it('labels the input with the currency symbol of the clerk’s language', () => {
    expect(currencySymbol('CNY', 'zh-CN')).toBe('¥');
    expect(currencySymbol('USD', 'en')).toBe('$');
    expect(currencySymbol('EUR', 'en')).toBe('€');
  });
});
