import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { ApiMethod } from '../state/custom-action.js';
import type { EffectContext } from './context.js';
import { messageOf } from './errors.js';

/** Runs a custom action's shell command through sh with nothing attached (no terminal to give it). */
export function spawnShell(command: string, env: Record<string, string>): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', command], { stdio: 'ignore', env: { ...process.env, ...env } });
    child.once('error', () => resolve(127));
    child.once('exit', (code) => resolve(code));
  });
}

const ignore = () => {};

/**
 * Runs a custom action's shell command with the terminal (the caller has suspended the workspace)
 * and returns its exit code, null when a signal ended it. The event loop waits for it, as system(3)
 * does: a Node process whose loop runs keeps reading its stdin even while paused, and took the
 * lines typed for the command (tests/e2e/views-and-actions.test.ts). Ctrl+C and Ctrl+\ in the command
 * reach the whole foreground group; like system(3) the workspace ignores them meanwhile, so they
 * stop the command only.
 */
export function runShellInTerminal(command: string, env: Record<string, string>): number | null {
  process.on('SIGINT', ignore).on('SIGQUIT', ignore);
  try {
    const done = spawnSync('/bin/sh', ['-c', command], { stdio: 'inherit', env: { ...process.env, ...env } });
    return done.error ? 127 : done.status;
  } finally {
    // A signal that came during the command reaches the listeners later, from the event loop; until it
    // has, ours must stay, or Ink's exit handler (signal-exit), alone, ends the workspace with it. A
    // second for the signal to arrive, then two turns of the loop (each polls for it) before letting go.
    setTimeout(() => setImmediate(() => setImmediate(() => process.off('SIGINT', ignore).off('SIGQUIT', ignore))), 1000);
  }
}

/** A custom action's API call: sent as written (with an idempotency key on a POST), answered in the status bar. */
export function createCustomActionEffects(ctx: EffectContext, afterChange: () => void) {
  async function callApi(method: ApiMethod, path: string, body: unknown, title: string): Promise<void> {
    try {
      const answer = await ctx.client.request<unknown>(method, path.replace(/^\/+/, ''), {
        ...(body !== undefined ? { json: body } : {}),
        ...(method === 'POST' ? { headers: { 'idempotency-key': randomUUID() }, idempotent: true } : {}),
      });
      ctx.flash(`✓ ${title}: ${method} ${path} answered ${answer.status}`);
      if (method !== 'GET') afterChange();
    } catch (error) {
      ctx.flash(`${title}: ${messageOf(error)}`, 'error');
    }
  }
  return { callApi };
}
