import { InvalidArgumentError } from 'commander';
import { CATEGORIES, type Category } from '../api/enums.js';
import { completes } from './completion/hints.js';

/** Commander argument parsers that reject bad values with a clear message (exit 2). */
export function positiveInt(max: number) {
  return (value: string): number => {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError('must be a whole number.');
    const n = Number(value);
    if (n < 1 || n > max) throw new InvalidArgumentError(`must be between 1 and ${max}.`);
    return n;
  };
}

export const conversationId = completes({ live: 'conversation' }, (value: string): number => {
  const digits = value.replace(/^#/, '');
  if (!/^\d{1,9}$/.test(digits) || Number(digits) < 1) {
    throw new InvalidArgumentError(`"${value}" is not a conversation id (a number such as 42).`);
  }
  return Number(digits);
});

/** cus_ and its letters and digits, as the API's ids are: checked before any request is made. */
export function incidentId(value: string): number {
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1) throw new InvalidArgumentError(`"${value}" is not an incident id (a number such as 3).`);
  return Number(value);
}

export function customerId(value: string): string {
  if (!/^cus_[0-9A-Za-z]{6,32}$/.test(value)) throw new InvalidArgumentError(`"${value}" is not a customer id (such as cus_8fK2mQ7xLp); support customer complaints takes a phone number or email too.`);
  return value;
}

export function oneOf<T extends string>(values: readonly T[]) {
  return completes({ values }, (value: string): T => {
    if (!(values as readonly string[]).includes(value)) throw new InvalidArgumentError(`must be one of: ${values.join(', ')}.`);
    return value as T;
  });
}

export function port(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new InvalidArgumentError('must be a port number (0-65535).');
  return Number(value);
}

/** A score from 0 to 1, written as a decimal (0.6). */
export function fraction(value: string): number {
  const n = Number(value);
  if (!/^(0|1|0?\.\d+|1\.0*)$/.test(value) || !(n >= 0 && n <= 1)) throw new InvalidArgumentError('must be a number from 0 to 1, e.g. 0.6.');
  return n;
}

/** Categories separated by commas, each once. */
export const categoryList = completes({ values: CATEGORIES, list: true }, (value: string): Category[] => {
  const names = value.split(',').map((v) => v.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(CATEGORIES as readonly string[]).includes(n));
  if (!names.length || unknown.length) throw new InvalidArgumentError(`must be categories separated by commas, from ${CATEGORIES.join(', ')}${unknown.length ? ` (not ${unknown.join(', ')})` : ''}.`);
  return [...new Set(names)] as Category[];
});
