import type { Kysely } from 'kysely';
import type { Language } from '../../api/enums.js';
import { LANGUAGES } from '../../api/enums.js';
import { isMacroVariable, MACRO_ERROR_CODES, parseTemplate, type MacroVariable } from '../../api/macros.js';
import type { CreateMacroRequest, Macro, RenderedMacro, UpdateMacroRequest } from '../../api/types.js';
import type { AuthenticatedAgent, ServerContext } from '../context.js';
import { conflict, notFound, ProblemError } from './errors.js';
import { isUniqueViolation } from '../store/constraint.js';
import { newId } from '../store/ids.js';
import { forUpdate } from '../store/locking.js';
import { bodiesOf, findMacro, storedBodies, toMacro, type MacroBodies } from '../store/macros.js';
import type { Database, MacrosTable } from '../store/tables.js';
import { findCustomer } from '../store/wallets.js';
import { MacroContext } from './macro-context.js';
import type { UnitOfWork } from './unit-of-work.js';

export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', zh: 'Chinese', id: 'Indonesian' };

type FieldError = { field: string; message: string };

/**
 * Refuses texts a customer must never receive: blank ones, unknown variables (a typo such as
 * {{customer.nmae}}) and unbalanced braces. Runs on every save, so that a stored macro always renders.
 */
export function validateBodies(bodies: Partial<Record<Language, string | null | undefined>>): void {
  const unknown: FieldError[] = [];
  const malformed: FieldError[] = [];
  const blank: FieldError[] = [];
  for (const language of LANGUAGES) {
    const body = bodies[language];
    if (typeof body !== 'string') continue;
    const field = `bodies.${language}`;
    if (!body.trim()) blank.push({ field, message: 'is blank' });
    for (const problem of parseTemplate(body).problems) {
      (problem.kind === 'unknown_variable' ? unknown : malformed).push({ field, message: problem.message });
    }
  }
  const fail = (code: string, status: number, errors: FieldError[]) => {
    throw new ProblemError(code, `${errors[0]!.field} ${errors[0]!.message}`, { status, errors });
  };
  if (blank.length) fail('validation_failed', 400, blank);
  if (unknown.length) fail(MACRO_ERROR_CODES.unknownVariable, 422, unknown);
  if (malformed.length) fail(MACRO_ERROR_CODES.malformedTemplate, 422, malformed);
}

async function checkUnique(db: Kysely<Database>, values: { name?: string; shortcut?: string }, exceptId: string | null): Promise<void> {
  if (values.shortcut !== undefined) {
    const taken = await db.selectFrom('macros').select(['id', 'name']).where('shortcut', '=', values.shortcut).executeTakeFirst();
    if (taken && taken.id !== exceptId) throw conflict('macro_shortcut_taken', `the shortcut "${values.shortcut}" is taken by the macro "${taken.name}"; choose another`);
  }
  if (values.name !== undefined) {
    const sameName = await db
      .selectFrom('macros')
      .select(['id', 'name'])
      .where((eb) => eb(eb.fn('lower', ['name']), '=', values.name!.toLowerCase()))
      .execute();
    const taken = sameName.find((m) => m.id !== exceptId);
    if (taken) throw conflict('macro_name_taken', `a macro named "${taken.name}" exists already; choose another name`);
  }
}

/** A concurrent save took the name or shortcut between our check and our write: the database refused it. */
function raceLost(error: unknown): never {
  if (isUniqueViolation(error, 'macros_name_lower')) {
    throw conflict('macro_name_taken', 'another macro with this name was saved at the same time; choose another name');
  }
  if (isUniqueViolation(error)) {
    throw conflict('macro_shortcut_taken', 'another macro with this shortcut was saved at the same time; choose another');
  }
  throw error;
}

function cleanName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new ProblemError('validation_failed', 'name is blank', { errors: [{ field: 'name', message: 'is blank' }] });
  return trimmed;
}

async function record(uow: UnitOfWork, change: { action: 'macro.created' | 'macro.updated' | 'macro.deleted'; id: string; before?: Macro; after?: Macro }) {
  // Live views (the reply box's macro picker) refresh their list on these.
  await uow.emit({ type: change.action, conversationId: null, payload: { id: change.id, macro: change.after ?? null } });
  await uow.audit({ action: change.action, targetType: 'macro', targetId: change.id, before: change.before, after: change.after });
}

export async function createMacro(uow: UnitOfWork, input: CreateMacroRequest): Promise<Macro> {
  const { trx, actor: agent, now } = uow;
  const name = cleanName(input.name);
  validateBodies(input.bodies);
  try {
    await checkUnique(trx, { name, shortcut: input.shortcut }, null);
    const row: MacrosTable = {
      id: newId('mac'),
      name,
      shortcut: input.shortcut,
      category: input.category ?? null,
      bodies: storedBodies(input.bodies),
      created_by: agent.id,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('macros').values(row).execute();
    const macro = toMacro(row);
    await record(uow, { action: 'macro.created', id: row.id, after: macro });
    return macro;
  } catch (error) {
    return raceLost(error);
  }
}

export async function updateMacro(uow: UnitOfWork, ref: string, input: UpdateMacroRequest): Promise<Macro> {
  const { trx, ctx, now } = uow;
  if (Object.keys(input).length === 0) {
    throw new ProblemError('validation_failed', 'nothing to change: send one or more of name, shortcut, category, bodies');
  }
  if (input.bodies && 'en' in input.bodies && typeof input.bodies.en !== 'string') {
    throw new ProblemError('validation_failed', 'bodies.en cannot be removed: English is the text every customer can fall back to', {
      errors: [{ field: 'bodies.en', message: 'cannot be removed' }],
    });
  }
  const name = input.name === undefined ? undefined : cleanName(input.name);
  try {
    const current = await forUpdate(trx.selectFrom('macros').selectAll().where(ref.startsWith('mac_') ? 'id' : 'shortcut', '=', ref), ctx.engine).executeTakeFirst();
    if (!current) throw notFound(`macro ${ref}`);
    const bodies: Partial<Record<Language, string | null>> = { ...bodiesOf(current), ...input.bodies };
    validateBodies(bodies);
    await checkUnique(trx, { ...(name !== undefined ? { name } : {}), ...(input.shortcut !== undefined ? { shortcut: input.shortcut } : {}) }, current.id);
    const next: MacrosTable = {
      ...current,
      name: name ?? current.name,
      shortcut: input.shortcut ?? current.shortcut,
      category: input.category === undefined ? current.category : input.category,
      bodies: storedBodies(bodies),
      updated_at: now,
    };
    await trx
      .updateTable('macros')
      .set({ name: next.name, shortcut: next.shortcut, category: next.category, bodies: next.bodies, updated_at: now })
      .where('id', '=', current.id)
      .execute();
    const macro = toMacro(next);
    await record(uow, { action: 'macro.updated', id: current.id, before: toMacro(current), after: macro });
    return macro;
  } catch (error) {
    return raceLost(error);
  }
}

export async function deleteMacro(uow: UnitOfWork, ref: string): Promise<void> {
  const { trx, ctx } = uow;
  const current = await forUpdate(trx.selectFrom('macros').selectAll().where(ref.startsWith('mac_') ? 'id' : 'shortcut', '=', ref), ctx.engine).executeTakeFirst();
  if (!current) throw notFound(`macro ${ref}`);
  await trx.deleteFrom('macros').where('id', '=', current.id).execute();
  await record(uow, { action: 'macro.deleted', id: current.id, before: toMacro(current) });
}

/**
 * A macro filled in for one conversation, in the customer's language (or `language`), falling back to
 * English and saying so. Any variable that is unknown or has no value here is an error naming it:
 * nothing half-filled ever comes back.
 */
export async function renderMacro(
  ctx: Pick<ServerContext, 'db'>,
  agent: AuthenticatedAgent,
  ref: string,
  params: { conversationId: number; transactionId?: string | undefined; accountId?: string | undefined; language?: Language | undefined },
): Promise<RenderedMacro> {
  const row = await findMacro(ctx.db, ref);
  if (!row) throw notFound(`macro ${ref}`);
  const conversation = await ctx.db
    .selectFrom('conversations')
    .select(['id', 'customer_id', 'subject'])
    .where('id', '=', params.conversationId)
    .executeTakeFirst();
  if (!conversation) throw notFound(`conversation ${params.conversationId}`);
  const customer = await findCustomer(ctx.db, conversation.customer_id);
  if (!customer) throw notFound(`customer ${conversation.customer_id}`);

  const bodies: MacroBodies = bodiesOf(row);
  const requested = params.language ?? (customer.language as Language);
  const language: Language = typeof bodies[requested] === 'string' ? requested : 'en';
  const fallback = language !== requested;
  const { parts, problems } = parseTemplate(bodies[language]!);

  // Saving refuses these; a macro stored another way (an old version, a direct write) is still stopped here.
  const unknown = problems.filter((p) => p.kind === 'unknown_variable');
  if (unknown.length) {
    throw new ProblemError(MACRO_ERROR_CODES.unknownVariable, `macro "${row.shortcut}" uses ${unknown.map((p) => `{{${p.name}}}`).join(', ')}, which ${unknown.length === 1 ? 'is not a known variable' : 'are not known variables'}; an admin must fix the macro`, {
      status: 422,
      errors: unknown.map((p) => ({ field: `{{${p.name}}}`, message: p.message })),
    });
  }
  if (problems.length) {
    throw new ProblemError(MACRO_ERROR_CODES.malformedTemplate, `macro "${row.shortcut}" (${language}) ${problems[0]!.message}; an admin must fix the macro`, { status: 422 });
  }

  const context = await MacroContext.open(ctx.db, conversation, customer, agent, params);
  const used = [...new Set(parts.flatMap((p) => ('variable' in p ? [p.variable] : [])))].filter(isMacroVariable) as MacroVariable[];
  const resolved = new Map(await Promise.all(used.map(async (name) => [name, await context.resolve(name)] as const)));
  const missing = used.flatMap((name) => {
    const r = resolved.get(name)!;
    return 'problem' in r ? [{ field: `{{${name}}}`, message: r.problem, remedy: r.remedy }] : [];
  });
  if (missing.length) {
    // The detail tells an API caller what to pass; each field error gives only the reason.
    const first = missing[0]!;
    throw new ProblemError(MACRO_ERROR_CODES.unfillableVariable, `cannot fill ${missing.map((m) => m.field).join(', ')}: ${first.message}${first.remedy ? `; ${first.remedy}` : ''}`, {
      status: 422,
      errors: missing.map(({ field, message }) => ({ field, message })),
    });
  }
  const value = (name: string) => {
    const r = resolved.get(name as MacroVariable)!;
    return 'value' in r ? r.value : '';
  };
  return {
    macro: { id: row.id, name: row.name, shortcut: row.shortcut },
    conversationId: conversation.id,
    language,
    requestedLanguage: requested,
    fallback,
    notice: fallback ? `this macro has no ${LANGUAGE_NAMES[requested]} text; the English text is used` : null,
    text: parts.map((p) => ('variable' in p ? value(p.variable) : p.text)).join(''),
    variables: used.map((name) => {
      const r = resolved.get(name)!;
      return { name, value: value(name), source: 'source' in r ? r.source : '' };
    }),
  };
}
