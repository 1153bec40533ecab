/**
 * ISO 4217 currencies with the number of decimals used in practice. Wallets in Indonesia and Japan
 * never show fractions, so IDR and JPY have 0 here even where ISO lists 2 for IDR.
 */
export const CURRENCY_DECIMALS = {
  IDR: 0,
  JPY: 0,
  KRW: 0,
  VND: 0,
  CNY: 2,
  USD: 2,
  EUR: 2,
  SGD: 2,
  MYR: 2,
  PHP: 2,
  THB: 2,
  HKD: 2,
  GBP: 2,
  AUD: 2,
} as const;

export type Currency = keyof typeof CURRENCY_DECIMALS;

export const CURRENCIES = Object.keys(CURRENCY_DECIMALS) as Currency[];

export function isCurrency(code: string): code is Currency {
  return Object.hasOwn(CURRENCY_DECIMALS, code);
}

export function currencyDecimals(currency: Currency): number {
  return CURRENCY_DECIMALS[currency];
}
