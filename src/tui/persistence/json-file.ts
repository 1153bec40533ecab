import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A small JSON document on disk, written atomically (temp file, then rename) so that a crash mid-write
 * leaves the previous version, never half a file. Mode 0600: drafts and queued replies are private.
 */
export class JsonFile<T> {
  readonly path: string;
  readonly #fallback: () => T;

  constructor(path: string, fallback: () => T) {
    this.path = path;
    this.#fallback = fallback;
  }

  read(): T {
    try {
      return JSON.parse(readFileSync(this.path, 'utf8')) as T;
    } catch {
      return this.#fallback();
    }
  }

  write(value: T): void {
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const temp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(value), { mode: 0o600 });
    renameSync(temp, this.path);
  }
}
