import { join } from 'node:path';
import chalk from 'chalk';
import { render, type RenderOptions } from 'ink';
import type { Agent, QueuePage } from '../api/types.js';
import type { SupportClient } from '../client/support-client.js';
import { createActions } from './effects/actions.js';
import { App } from './view/app.js';
import { readQueueViews } from '../api/queue-views.js';
import { applyKeymapOverrides, COMMANDS } from './input/keymap.js';
import { readCustomActions } from './input/custom-actions.js';
import { withViewCommands } from './input/view-commands.js';
import { DraftStore } from './persistence/drafts.js';
import { OutboxStore } from './persistence/outbox.js';
import { initialState } from './state/types.js';
import { Store } from './state/store.js';

export interface TuiOptions {
  client: SupportClient;
  agent: Agent;
  profile: string;
  /** Where drafts and the outbox are kept (one folder per profile); without it nothing is saved. */
  storageDir?: string;
  /** The `keymap` object of the config file, checked entry by entry. */
  keymapOverrides?: unknown;
  /** The `views` list of the config file, checked entry by entry (src/api/queue-views.ts). */
  views?: unknown;
  /** The `actions` list of the config file: user-defined keys, checked entry by entry (input/custom-actions.ts). */
  actions?: unknown;
  /** For tests and benchmarks: other streams, a render callback. */
  render?: Partial<RenderOptions>;
  retryBaseMs?: number;
  /** The first page of the default queue, already requested while this module loaded. */
  firstPage?: Promise<QueuePage>;
  /** That page, when it had arrived by the first render: the first frame shows it. */
  initialPage?: QueuePage;
  /**
   * Where the workspace opens (support call): a customer's screen, with the call logged at once, or the
   * lookup with a query typed in. The queue otherwise.
   */
  start?: { customerId: string; logCall: boolean } | { lookup: string };
  /** --read-only (or the profile's setting): the client refuses writes; dangerous custom actions are hidden. */
  readOnly?: boolean;
  /** Called once the first frame is drawn: for settings that would slow the start. */
  onFirstFrame?: () => void;
}

export function createTui(options: TuiOptions) {
  const views = readQueueViews(options.views, options.profile);
  // Keys of views that are not defined stay free for the user's remapping.
  const keymap = applyKeymapOverrides(options.keymapOverrides, withViewCommands(COMMANDS, views.views));
  const custom = readCustomActions(options.actions, options.profile, keymap.commands, { readOnly: options.readOnly ?? false });
  const problems = [...keymap.problems, ...views.problems, ...custom.problems];
  const store = new Store({ ...initialState(options.agent, options.profile, custom.commands, problems, options.initialPage), views: views.views, customActions: custom.actions });
  const drafts = options.storageDir ? new DraftStore(join(options.storageDir, 'drafts.json')) : undefined;
  const outbox = options.storageDir ? new OutboxStore(join(options.storageDir, 'outbox.json')) : undefined;
  const actions = createActions(store, options.client, {
    onOutboxChange: (entries) => outbox?.save(entries),
    ...(options.retryBaseMs !== undefined ? { retryBaseMs: options.retryBaseMs } : {}),
    ...(options.firstPage ? { firstPage: options.firstPage } : {}),
    ...(options.initialPage ? { initialPage: options.initialPage } : {}),
  });
  if (drafts || outbox) {
    const restored = drafts?.load() ?? { drafts: {}, kinds: {} };
    actions.restore({ drafts: restored.drafts, composeKind: restored.kinds, outbox: outbox?.load() ?? [] });
  }
  if (options.start && 'customerId' in options.start) {
    actions.openCustomer(options.start.customerId);
    if (options.start.logCall) void actions.startCall(options.start.customerId);
  } else if (options.start) actions.openLookup(options.start.lookup);
  let saved = store.getState().drafts;
  let savedKinds = store.getState().composeKind;
  store.subscribe(() => {
    const { drafts: current, composeKind } = store.getState();
    if (current !== saved || composeKind !== savedKinds) {
      saved = current;
      savedKinds = composeKind;
      drafts?.save({ drafts: current, kinds: composeKind });
    }
  });
  const flush = () => drafts?.flush();
  return { store, actions, flush, element: <App store={store} actions={actions} onExit={flush} /> };
}

function settledWithin<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  const timeout = new Promise<undefined>((resolve) => {
    setTimeout(() => resolve(undefined), ms).unref();
  });
  return Promise.race([promise.catch(() => undefined), timeout]);
}

/** Opens the workspace on the alternate screen and resolves when the agent quits. */
export async function runTui(options: TuiOptions): Promise<void> {
  // chalk follows FORCE_COLOR and the terminal by itself; NO_COLOR is ours to honour.
  if (process.env['NO_COLOR'] && !process.env['FORCE_COLOR']) chalk.level = 0;
  // The first page usually arrived while this code loaded: then the first frame shows the queue itself.
  const initialPage = options.firstPage ? await settledWithin(options.firstPage, 200) : undefined;
  const { element, flush } = createTui({ ...options, ...(initialPage ? { initialPage } : {}) });
  // Whatever ends the process, the last keystrokes of a draft reach the disk.
  process.once('exit', flush);
  const instance = render(element, {
    alternateScreen: true,
    exitOnCtrlC: false,
    interactive: Boolean(process.stdout.isTTY),
    patchConsole: true,
    ...options.render,
  });
  options.onFirstFrame?.();
  // Killed, hung up or crashed: leave the alternate screen and restore the terminal before going, so
  // the shell gets its screen back as it was.
  const stop = (code: number) => () => {
    flush();
    instance.unmount();
    void instance.waitUntilExit().finally(() => process.exit(code));
  };
  const onTerm = stop(143);
  const onHup = stop(129);
  const onCrash = (error: unknown) => {
    flush();
    instance.unmount();
    process.stderr.write(`support: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  };
  process.once('SIGTERM', onTerm);
  process.once('SIGHUP', onHup);
  process.once('uncaughtException', onCrash);
  try {
    await instance.waitUntilExit();
  } finally {
    flush();
    process.removeListener('exit', flush);
    process.removeListener('SIGTERM', onTerm);
    process.removeListener('SIGHUP', onHup);
    process.removeListener('uncaughtException', onCrash);
  }
}
