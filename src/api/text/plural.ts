/** "1 macro", "2 macros": a count with its noun in the right number (English, regular plurals unless given). */
export function plural(count: number, noun: string, many = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : many}`;
}
