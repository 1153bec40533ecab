/** In how many documents of an index each term occurs, each document's terms counted once: what makes a term selective. */
export class TermCounts {
  readonly #counts = new Map<string, number>();

  of(term: string): number {
    return this.#counts.get(term) ?? 0;
  }

  add(terms: Iterable<string>): void {
    for (const term of new Set(terms)) this.#counts.set(term, this.of(term) + 1);
  }

  remove(terms: Iterable<string>): void {
    for (const term of new Set(terms)) {
      const left = this.of(term) - 1;
      if (left > 0) this.#counts.set(term, left);
      else this.#counts.delete(term);
    }
  }
}
