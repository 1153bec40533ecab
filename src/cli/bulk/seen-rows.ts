import { createHash } from 'node:crypto';

/**
 * The rows read so far, to find duplicates: a 64-bit fingerprint (of the sha256) of each row's
 * canonical text and the line it is on, in one flat open-addressing table of 12 bytes a slot, a
 * quarter to half full: 24 to 48 bytes a row, where a Map of hex digests cost ~165 (921,753 rows:
 * +150 MB). Two different rows share a fingerprint with odds of n²/2⁶⁵ (about one in 37 million for
 * a million rows), and then the file is refused as having a duplicate, never run wrongly.
 */
export class SeenRows {
  /** Per slot: the fingerprint's two halves and the line (0: empty slot; lines start at 1). */
  #slots: Uint32Array;
  #mask: number;
  #count = 0;

  constructor(capacity = 1024) {
    this.#slots = new Uint32Array(capacity * 3);
    this.#mask = capacity - 1;
  }

  /** The line of an earlier row with the same text; else this row is remembered, and undefined. */
  firstLine(canonical: string, line: number): number | undefined {
    const hash = createHash('sha256').update(canonical).digest();
    const high = hash.readUInt32LE(0);
    const low = hash.readUInt32LE(4);
    for (let slot = low & this.#mask; ; slot = (slot + 1) & this.#mask) {
      const at = slot * 3;
      const seenLine = this.#slots[at + 2]!;
      if (seenLine === 0) break;
      if (this.#slots[at] === high && this.#slots[at + 1] === low) return seenLine;
    }
    if ((this.#count + 1) * 2 > this.#mask + 1) this.#grow();
    this.#put(high, low, line);
    this.#count += 1;
    return undefined;
  }

  /** Lets the table go: the second read of the file needs none of it. */
  clear(): void {
    this.#slots = new Uint32Array(3);
    this.#mask = 0;
    this.#count = 0;
  }

  #put(high: number, low: number, line: number): void {
    let slot = low & this.#mask;
    while (this.#slots[slot * 3 + 2] !== 0) slot = (slot + 1) & this.#mask;
    this.#slots[slot * 3] = high;
    this.#slots[slot * 3 + 1] = low;
    this.#slots[slot * 3 + 2] = line;
  }

  #grow(): void {
    const old = this.#slots;
    this.#slots = new Uint32Array(old.length * 2);
    this.#mask = this.#mask * 2 + 1;
    for (let at = 0; at < old.length; at += 3) if (old[at + 2] !== 0) this.#put(old[at]!, old[at + 1]!, old[at + 2]!);
  }
}
