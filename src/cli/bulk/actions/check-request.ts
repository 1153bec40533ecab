import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { patternHint } from '../../../api/schemas/common.js';
import type { Problem } from './spec.js';

export interface RequestField {
  /** The file's column the value came from. */
  column: string;
  /** What a value failing the schema's pattern is not, as a person says it: "an account id (wal_…)". */
  is?: string;
}

function valueAt(value: unknown, path: string[]): unknown {
  let at = value;
  for (const step of path) at = typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[step] : undefined;
  return at;
}

function messageOf(keyword: string, params: Record<string, unknown>, value: unknown, field: RequestField, fallback: string): string {
  switch (keyword) {
    case 'enum':
      return `"${String(value)}" is not one of ${(params['allowedValues'] as unknown[]).join(', ')}`;
    case 'pattern':
      return field.is ? `"${String(value)}" is not ${field.is}` : `"${String(value)}": ${patternHint(String(params['pattern']))}`;
    case 'maxLength':
      return `is longer than ${String(params['limit'])} characters`;
    case 'minLength':
      return 'is empty';
    default:
      return fallback;
  }
}

/**
 * Checks the request a row would send against the contract's own schema (src/api/schemas), so that
 * bulk refuses exactly what the server would: lengths, id patterns and enums are written once, there.
 * Each problem is reported on the column its value came from, one per column. `fields` is keyed by the
 * request's property path ("note", "verification.reference"); array items count as their array.
 */
export function checkRequest(schema: TSchema, request: unknown, fields: Record<string, RequestField>, problem: Problem): boolean {
  const reported = new Set<string>();
  for (const error of Value.Errors(schema, request)) {
    // An empty required column is reported by `required` already, with the column's own words.
    if (error.keyword === 'required') continue;
    const path = error.instancePath.split('/').filter(Boolean);
    const key = path.filter((step) => !/^\d+$/.test(step)).join('.');
    const field = fields[key] ?? { column: key || 'row' };
    if (reported.has(field.column)) continue;
    reported.add(field.column);
    problem(field.column, messageOf(error.keyword, error.params as Record<string, unknown>, valueAt(request, path), field, error.message));
  }
  return reported.size === 0;
}

/** The request without the values a row left empty, which are absent from what is sent. */
export function present<T extends Record<string, unknown>>(request: T): Partial<T> {
  return Object.fromEntries(Object.entries(request).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A string schema's longest value, for help texts: the limit is the contract's, not written again here. */
export const maxLengthOf = (schema: TSchema): number | undefined => (schema as { maxLength?: number }).maxLength;
