import { join } from 'node:path';
import type { Agent, QueuePage } from '../api/types.js';
import type { SupportClient } from '../client/support-client.js';
import type { TuiOptions } from '../tui/run.js';
import { dataDir } from './config/paths.js';
import { readActionsConfig, readKeymapOverrides, readTheme, readViewsConfig } from './config/profiles.js';
import { keepYoungGenerationSmall } from './young-generation.js';

/** Opens the terminal workspace for a profile: its drafts and outbox live in the data folder. */
export async function openWorkspace(client: SupportClient, agent: Agent, profile: string, firstPage?: Promise<QueuePage>, start?: TuiOptions['start'], readOnly = false): Promise<void> {
  // Read by the workspace's theme module when it loads, just below.
  const theme = readTheme();
  if (theme && !process.env['SUPPORT_THEME']) process.env['SUPPORT_THEME'] = theme;
  const { runTui } = await import('../tui/run.js');
  await runTui({
    client,
    agent,
    profile,
    ...(firstPage ? { firstPage } : {}),
    ...(start ? { start } : {}),
    storageDir: join(dataDir(), 'workspace', profile.replace(/[^\w.-]/g, '_')),
    keymapOverrides: readKeymapOverrides(),
    views: readViewsConfig(),
    actions: readActionsConfig(),
    readOnly,
    // Not before: while the code loads and the first frame renders, a small young generation means
    // many more collections (the first frame came some 30 ms later).
    onFirstFrame: keepYoungGenerationSmall,
  });
}
