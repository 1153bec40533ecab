import { render } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import type { SupportClient } from '../../src/client/support-client.js';
import { createTui, type TuiOptions } from '../../src/tui/run.js';
import { renderSized } from './sized-render.js';
import { startTestServer, type TestServer } from './test-server.js';

export const ENTER = '\r';
export const ESC = '\u001b';
export const UP = `${ESC}[A`;
export const DOWN = `${ESC}[B`;
export const BACKSPACE = '\u007f';

/**
 * How long a key waits after the one before it: keys a person types arrive apart, and Ink tells Esc
 * alone from the start of an escape sequence by that gap. Pacing, not waiting for a result: results
 * are waited for with `until`.
 */
const KEY_GAP_MS = 25;

export interface Workspace {
  tui: ReturnType<typeof createTui>;
  frame: () => string;
  /** Waits (vi.waitFor) until the last frame satisfies the predicate, and returns that frame. */
  until: (predicate: (frame: string) => boolean, timeoutMs?: number) => Promise<string>;
  press: (keys: string) => Promise<void>;
  unmount: () => void;
}

export interface OpenOptions extends Partial<TuiOptions> {
  /** A terminal of this size (ink-testing-library's is 100 columns with no height). */
  size?: { columns: number; rows: number };
  /** Waits for the queue's first row before returning (default true). */
  waitForQueue?: boolean;
  /** What `until` predicates see: the frame as drawn, or flattened (borders and line breaks as single spaces) for text that wraps. */
  flatten?: boolean;
}

/** A frame with borders and line breaks as single spaces: text reads whole wherever the box wrapped it. */
export const flattened = (frame: string) => frame.replace(/[\s│]+/g, ' ');

/** Renders the workspace for a signed-in client, as `support` does, in a test terminal. */
export async function renderWorkspace(client: SupportClient, options: OpenOptions = {}): Promise<Workspace> {
  const { size, waitForQueue = true, flatten = false, ...tuiOptions } = options;
  const me = await client.me.get();
  const tui = createTui({ client, agent: me.agent, profile: 'test', ...tuiOptions });
  const ui = size ? renderSized(tui.element, size.columns, size.rows) : render(tui.element);
  const frame = () => ui.lastFrame() ?? '';
  const until = (predicate: (frame: string) => boolean, timeoutMs = 5000) =>
    vi.waitFor(
      () => {
        const shown = flatten ? flattened(frame()) : frame();
        if (!predicate(shown)) throw new Error(`the frame is not there yet; last frame:\n${shown}`);
        return shown;
      },
      { timeout: timeoutMs, interval: 20 },
    );
  const press = async (keys: string) => {
    ui.stdin.write(keys);
    await new Promise((resolve) => setTimeout(resolve, KEY_GAP_MS));
  };
  const workspace = { tui, frame, until, press, unmount: () => ui.unmount() };
  if (waitForQueue) await until((f) => f.includes('(1/'));
  return workspace;
}

/**
 * One server (the demo desk unless told otherwise) for a describe block, a signed-in agent, and
 * `open()` for workspaces that are unmounted after each test.
 */
export function workspaceSuite(setup: { demo?: boolean; email?: string } = {}) {
  let started: { server: TestServer; client: SupportClient } | undefined;
  const mounted: Workspace[] = [];
  const ready = () => {
    if (!started) throw new Error('the suite server is not started yet: use it inside a test');
    return started;
  };
  beforeAll(async () => {
    const server = await startTestServer({ demo: setup.demo ?? true });
    started = { server, client: await server.login(setup.email) };
  });
  afterEach(() => {
    for (const w of mounted.splice(0)) w.unmount();
  });
  afterAll(() => started?.server.close());
  return {
    get server() {
      return ready().server;
    },
    get client() {
      return ready().client;
    },
    /** A workspace for the suite's agent (or another client), unmounted after the test. */
    async open(options: OpenOptions & { client?: SupportClient } = {}): Promise<Workspace> {
      const { client = ready().client, ...rest } = options;
      const workspace = await renderWorkspace(client, rest);
      mounted.push(workspace);
      return workspace;
    },
  };
}

/** Waits (vi.waitFor) until `check` returns a truthy value, and returns it; on timeout the error shows `describe()`. */
export function waitFor<T>(check: () => T, options: { timeoutMs?: number; describe?: () => string } = {}): Promise<NonNullable<T>> {
  return vi.waitFor(
    () => {
      const value = check();
      if (!value) throw new Error(`timed out waiting${options.describe ? `; last seen:\n${options.describe()}` : ''}`);
      return value;
    },
    { timeout: options.timeoutMs ?? 5000, interval: 20 },
  );
}
