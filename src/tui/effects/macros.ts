import { MACRO_ERROR_CODES } from '../../api/macros.js';
import { isApiError } from '../../client/errors.js';
import type { MacroPreview } from '../state/types.js';
import type { Connection } from './connection.js';
import type { EffectContext } from './context.js';
import { messageOf } from './errors.js';

/**
 * Why a macro cannot be filled, in the workspace's words: each variable's reason, and whether the
 * agent can choose its value here (the server's detail tells API callers which parameter to pass).
 */
export function unfillable(error: unknown): Pick<MacroPreview, 'error' | 'choose'> {
  const fields = isApiError(error) && error.code === MACRO_ERROR_CODES.unfillableVariable ? (error.problem?.errors ?? []) : [];
  if (!fields.length) return { error: messageOf(error) };
  const names = fields.map((f) => f.field);
  // A transaction brings its wallet along, so it is asked for first.
  const choose = names.includes('{{transaction.id}}') ? 'transaction' : names.includes('{{account.id}}') ? 'account' : undefined;
  return { error: `cannot fill ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`, ...(choose ? { choose } : {}) };
}

/** The desk's macros for the picker, and each one filled for the open conversation before it goes in. */
export function createMacroEffects(ctx: EffectContext, connection: Connection) {
  const { store, client } = ctx;
  let previewGeneration = 0;

  async function loadMacros(): Promise<void> {
    if (store.getState().macros.status === 'ready' || store.getState().macros.status === 'loading') return;
    store.update(() => ({ macros: { status: 'loading' } }));
    try {
      const data = await client.macros.listAll();
      store.update(() => ({ macros: { status: 'ready', data } }));
    } catch (error) {
      store.update(() => ({ macros: { status: 'error', error: messageOf(error) } }));
      connection.reached(false, error);
    }
  }

  /** Fills the macro for the open conversation, for the picker to show before anything is inserted. */
  async function previewMacro(conversationId: number, macroId: string): Promise<void> {
    const generation = ++previewGeneration;
    const setPreview = (preview: MacroPreview) =>
      store.update((s) => (s.overlay?.kind === 'macros' && generation === previewGeneration ? { overlay: { ...s.overlay, preview } } : {}));
    setPreview({ macroId, status: 'loading' });
    try {
      const rendered = await client.macros.render(macroId, { conversationId });
      setPreview({ macroId, status: 'ready', text: rendered.text, notice: rendered.notice });
    } catch (error) {
      setPreview({ macroId, status: 'error', ...unfillable(error) });
    }
  }

  return { loadMacros, previewMacro };
}
