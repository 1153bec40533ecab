import { DEFAULT_QUEUE_STATUS } from '../api/queue-defaults.js';
import { reportError } from './output/report-error.js';
import { EXIT, type ExitCode } from './output/exit-codes.js';
import { roomForStartUp } from './young-generation.js';

/**
 * Bare `support` on a terminal: the workspace, without loading the command-line parser. The agent
 * and the first queue page are requested before the terminal UI's code loads, so that they arrive
 * while it does and the first frame has data.
 */
export async function openWorkspaceFor(profile: string | undefined, { readOnly = false } = {}): Promise<ExitCode> {
  roomForStartUp();
  try {
    const { authenticatedClient } = await import('./session.js');
    // Read-only (--read-only, SUPPORT_READ_ONLY or the profile): the client sends nothing but reads,
    // so every change the workspace tries is refused with the reason, and nothing reaches the desk.
    const client = authenticatedClient({ ...(profile ? { profile } : {}), ...(readOnly ? { readOnly } : {}) });
    const me = client.me.get();
    const firstPage = client.queue.list({ status: DEFAULT_QUEUE_STATUS, limit: 200 });
    // Settled here so an early failure is not reported as unhandled; the workspace reads the outcome.
    firstPage.catch(() => {});
    const workspace = import('./workspace.js');
    const { agent } = await me;
    const { resolveCredentials } = await import('./config/profiles.js');
    const { openWorkspace } = await workspace;
    await openWorkspace(client, agent, resolveCredentials(profile).profile, firstPage, undefined, readOnly);
    return EXIT.ok;
  } catch (error) {
    return reportError(error);
  }
}
