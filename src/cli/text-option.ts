import { usageError } from './output/cli-error.js';

/** The text of a -m style option: "-" reads stdin. Blank text is a usage error naming the option. */
export async function textOption(value: string, option: string): Promise<string> {
  const text = value === '-' ? await (await import('./read-stdin.js')).readStdin() : value;
  if (!text.trim()) throw usageError(`${option} is empty`);
  return text.replace(/\s+$/, '');
}
