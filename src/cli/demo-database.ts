import { closeSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface DemoDatabase {
  /** The SQLite file this demo runs on. */
  file: string;
  /** The workspace's name for drafts and the outbox: a second demo's must not mix with the first's. */
  workspace: string;
  /** Set when another demo holds the usual file: the process id of that demo. */
  sharedWith?: number;
  /** Removes what this demo alone owns: its lock, and a second demo's own database. */
  release(): void;
}

const SQLITE_FILES = ['', '-wal', '-shm'];

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else; it still holds the file.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock on `path` (a file holding the owner's pid), or says who holds it. A dead owner's lock is taken over. */
function lock(path: string): { held: true } | { held: false; owner: number } {
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return { held: true };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number(readFileSync(path, 'utf8').trim());
    if (Number.isInteger(owner) && owner > 0 && alive(owner)) return { held: false, owner };
    // A demo that crashed or was killed left its lock: it no longer uses the file.
    rmSync(path, { force: true });
  }
}

/** A second demo that was killed could not remove its database: whoever comes next does. */
function sweepDeadSecondDemos(dir: string): void {
  for (const name of readdirSync(dir)) {
    const pid = /^demo-(\d+)\.db(-wal|-shm)?$/.exec(name)?.[1];
    if (pid && Number(pid) !== process.pid && !alive(Number(pid))) rmSync(join(dir, name), { force: true });
  }
}

/**
 * The database for `support demo` in `dir`. The first demo runs on demo.db (fresh unless `keep`)
 * and holds a lock on it while it runs; a second demo started meanwhile never touches that file,
 * which is open under the first: it gets a fresh database of its own, removed when it quits.
 * `keep` asks for the usual file, so a second demo with it is refused.
 */
export function claimDemoDatabase(dir: string, options: { keep: boolean }): DemoDatabase | { busy: number } {
  sweepDeadSecondDemos(dir);
  const file = join(dir, 'demo.db');
  const lockFile = `${file}.lock`;
  const taken = lock(lockFile);
  if (taken.held) {
    if (!options.keep) for (const suffix of SQLITE_FILES) rmSync(file + suffix, { force: true });
    return { file, workspace: 'demo', release: () => rmSync(lockFile, { force: true }) };
  }
  if (options.keep) return { busy: taken.owner };
  const own = join(dir, `demo-${process.pid}.db`);
  const workspace = `demo-${process.pid}`;
  const remove = () => {
    for (const suffix of SQLITE_FILES) rmSync(own + suffix, { force: true });
    rmSync(join(dir, 'workspace', workspace), { recursive: true, force: true });
  };
  remove();
  return { file: own, workspace, sharedWith: taken.owner, release: remove };
}
