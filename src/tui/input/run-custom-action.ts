import { queueView, selectedIndex } from '../state/queue-view.js';
import { fillTemplate, shellQuote, type ActionValues, type CustomAction } from '../state/custom-action.js';
import type { TuiState } from '../state/types.js';
import type { CommandContext } from './command-context.js';
import { openMacroPicker } from './macro-picker.js';

/** The template variables as the screen has them: the open or selected conversation, its customer, who we are. */
export function actionValues(state: TuiState): ActionValues {
  const values: ActionValues = { 'agent.email': state.agent.email, 'agent.id': state.agent.id, profile: state.profile };
  const screen = state.screen;
  let conversationId: number | undefined;
  let customerId: string | undefined;
  if (screen.name === 'conversation') {
    conversationId = screen.id;
    customerId = state.conversations[screen.id]?.data?.customer.id ?? state.queue.data?.find((c) => c.id === screen.id)?.customer.id;
  } else if (screen.name === 'customer') {
    customerId = screen.id;
    if (screen.back.name === 'conversation') conversationId = screen.back.id;
  } else if (screen.name === 'queue') {
    const view = queueView(state);
    const row = view.rows[selectedIndex(state, view)];
    conversationId = row?.id;
    customerId = row?.customer.id;
  }
  if (conversationId !== undefined) values['conversation.id'] = String(conversationId);
  if (customerId !== undefined) values['customer.id'] = customerId;
  return values;
}

/** What is missing for an action's templates here, said the way an agent reads it. */
const NOT_HERE = (action: CustomAction) => `“${action.title}” needs a conversation or customer on screen for its {{…}} values`;

/** Runs an action whose question (if any) was answered: the command, the macro picker, the API call, or the shell command with the workspace suspended. */
export function performCustomAction(ctx: CommandContext, action: CustomAction, values: ActionValues, runCommand: (id: string) => void): void {
  const run = action.run;
  if (run.kind === 'command') return runCommand(run.command);
  if (run.kind === 'macro') {
    const id = values['conversation.id'];
    if (id !== undefined) openMacroPicker(ctx, Number(id), run.shortcut);
    return;
  }
  if (run.kind === 'api') {
    const path = fillTemplate(run.path, values, encodeURIComponent);
    const body = run.body === undefined ? undefined : fillBody(run.body, values);
    if (path === undefined || body === null) return ctx.actions.flash(NOT_HERE(action), 'error');
    void ctx.actions.callApi(run.method, path, body, action.title);
    return;
  }
  const command = fillTemplate(run.command, values, shellQuote);
  if (command === undefined) return ctx.actions.flash(NOT_HERE(action), 'error');
  // Also as environment variables, for scripts that would rather read them than be given them.
  const env = Object.fromEntries(Object.entries(values).map(([k, v]) => [`SUPPORT_${k.replace('.', '_').toUpperCase()}`, v]));
  void ctx.runInTerminal(command, env).then((code) => {
    if (code === 0) ctx.actions.flash(`✓ ${action.title}`);
    else ctx.actions.flash(`${action.title}: the command ${code === null ? 'was stopped by a signal' : `exited with ${code}`}`, 'error');
  });
}

/** An API body with its string values filled in; null when a variable has no value here. */
function fillBody(body: unknown, values: ActionValues): unknown {
  if (typeof body === 'string') return fillTemplate(body, values) ?? null;
  if (Array.isArray(body)) {
    const items = body.map((b) => fillBody(b, values));
    return items.includes(null) ? null : items;
  }
  if (typeof body === 'object' && body !== null) {
    const entries = Object.entries(body).map(([k, v]) => [k, fillBody(v, values)] as const);
    return entries.some(([, v]) => v === null) ? null : Object.fromEntries(entries);
  }
  return body;
}

/** A custom action's key: its question first when it has one (with a warning when it is dangerous), then the action. */
export function startCustomAction(ctx: CommandContext, id: string, runCommand: (id: string) => void): void {
  const state = ctx.store.getState();
  const action = state.customActions.find((a) => a.id === id);
  if (!action) return;
  const values = actionValues(state);
  if (action.run.kind === 'macro' && values['conversation.id'] === undefined) return ctx.actions.flash(NOT_HERE(action), 'error');
  if (action.confirm === undefined && !action.dangerous) return performCustomAction(ctx, action, values, runCommand);
  const question = fillTemplate(action.confirm ?? `${action.title}?`, values);
  if (question === undefined) return ctx.actions.flash(NOT_HERE(action), 'error');
  ctx.store.update(() => ({ overlay: { kind: 'confirmAction', actionId: action.id, question, dangerous: action.dangerous, values } }));
}
