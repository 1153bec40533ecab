import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { ApiMethod } from '../state/custom-action.js';
import type { EffectContext } from './context.js';
import { messageOf } from './errors.js';

/**
 * Runs a custom action's shell command through sh. With `terminal`, the command gets the terminal
 * (stdin, stdout, stderr: the caller has suspended the workspace); without one (no TTY) it runs with
 * nothing attached. Resolves with the exit code, null when a signal ended it.
 */
export function spawnShell(command: string, env: Record<string, string>, terminal: boolean): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', command], { stdio: terminal ? 'inherit' : 'ignore', env: { ...process.env, ...env } });
    child.once('error', () => resolve(127));
    child.once('exit', (code) => resolve(code));
  });
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
