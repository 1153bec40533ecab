import { EventEmitter } from 'node:events';
import { render } from 'ink';
import type { ReactElement } from 'react';

/** A terminal of a given size: ink-testing-library's is always 100 columns wide with no height. */
class SizedStdout extends EventEmitter {
  frames: string[] = [];
  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    super();
  }
  write = (frame: string) => {
    this.frames.push(frame);
  };
  lastFrame = () => this.frames.at(-1);
}

class TestStdin extends EventEmitter {
  isTTY = true;
  data: string | null = null;
  write = (data: string) => {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  };
  read = () => {
    const { data } = this;
    this.data = null;
    return data;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

/** Renders at `columns` x `rows`, as ink-testing-library does otherwise (debug frames, no Ctrl+C exit). */
export function renderSized(tree: ReactElement, columns: number, rows: number) {
  const stdout = new SizedStdout(columns, rows);
  const stdin = new TestStdin();
  const stderr = new SizedStdout(columns, rows);
  // Ink's streams are typed as Node's; these test doubles implement what Ink reads of them.
  const instance = render(tree, { stdout: stdout as unknown as NodeJS.WriteStream, stderr: stderr as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, debug: true, exitOnCtrlC: false, patchConsole: false });
  return { stdin, lastFrame: stdout.lastFrame, unmount: () => instance.unmount() };
}
