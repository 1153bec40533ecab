import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const BIN = fileURLToPath(new URL('../../../bin/support.js', import.meta.url));
export const SERVER_SCRIPT = fileURLToPath(new URL('./server-process.ts', import.meta.url));
export const TSX = fileURLToPath(new URL('../../../node_modules/tsx/dist/cli.mjs', import.meta.url));
