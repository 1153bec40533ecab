import { render, type RenderOptions } from 'ink';
import type { Agent } from '../api/types.js';
import type { SupportClient } from '../client/support-client.js';
import { createActions } from './actions.js';
import { App } from './app.js';
import { buildKeymap } from './keymap.js';
import { initialState, Store } from './store.js';

export interface TuiOptions {
  client: SupportClient;
  agent: Agent;
  profile: string;
  /** For tests and benchmarks: other streams, a render callback. */
  render?: Partial<RenderOptions>;
}

export function createTui(options: TuiOptions) {
  const store = new Store(initialState(options.agent, options.profile));
  const actions = createActions(store, options.client);
  const keymap = buildKeymap();
  return { store, actions, element: <App store={store} actions={actions} keymap={keymap} /> };
}

/** Opens the workspace on the alternate screen and resolves when the agent quits. */
export async function runTui(options: TuiOptions): Promise<void> {
  const { element } = createTui(options);
  const instance = render(element, {
    alternateScreen: true,
    exitOnCtrlC: false,
    interactive: Boolean(process.stdout.isTTY),
    patchConsole: true,
    ...options.render,
  });
  await instance.waitUntilExit();
}
