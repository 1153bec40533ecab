import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CustomerDrawResult } from './lib/customer-draw.js';
import { TSX } from './lib/paths.js';

export type { CustomerDrawResult } from './lib/customer-draw.js';

/** One frame at 60 Hz: the budget "≤ 1 frame after the response". */
export const FRAME_MS = 1000 / 60;

const CHILD = fileURLToPath(new URL('./lib/customer-draw-process.ts', import.meta.url));

/** The customer screen's first draw with its data (lib/customer-draw.ts), measured under React's production build. */
export function customerFirstDraw(runs: number): Promise<CustomerDrawResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX, CHILD, String(runs)], { env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`customer screen bench exited ${code}: ${out.slice(-300)}`));
      else resolve(JSON.parse(line) as CustomerDrawResult);
    });
  });
}
