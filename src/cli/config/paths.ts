import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where support keeps its files. SUPPORT_CONFIG_DIR and SUPPORT_DATA_DIR move them (tests, several
 * desks on one machine); otherwise the XDG folders, as env-paths would pick on Linux.
 */
export function configDir(): string {
  return process.env['SUPPORT_CONFIG_DIR'] || join(process.env['XDG_CONFIG_HOME'] || join(homedir(), '.config'), 'support');
}

export function dataDir(): string {
  return process.env['SUPPORT_DATA_DIR'] || join(process.env['XDG_DATA_HOME'] || join(homedir(), '.local', 'share'), 'support');
}
