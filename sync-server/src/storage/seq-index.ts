/**
 * Documents in the order of their last change, for `_changes`: an append-only pair of
 * arrays searched by binary search. A document's older entries are left in place and
 * skipped (its current sequence is elsewhere); they are swept out once they outnumber
 * the live ones.
 */
export class SeqIndex {
  #seqs: number[] = [];
  #ids: string[] = [];
  #stale = 0;

  push(seq: number, id: string, replaces = false): void {
    this.#seqs.push(seq);
    this.#ids.push(id);
    if (replaces) this.#stale++;
  }

  /**
   * Entries after `since` (before it, descending) in order, as [seq, id]; the caller
   * skips those whose document has moved on (`isCurrent`).
   */
  *from(
    since: number,
    descending: boolean,
    isCurrent: (seq: number, id: string) => boolean,
  ): Generator<[number, string]> {
    this.#sweep(isCurrent);
    // This walk may pause between entries; a sweep meanwhile replaces the arrays, not these.
    const seqs = this.#seqs;
    const ids = this.#ids;
    // first index with seq > since
    let lo = 0;
    let hi = seqs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((seqs[mid] ?? 0) > since) hi = mid;
      else lo = mid + 1;
    }
    if (descending) {
      const start = since > 0 ? lo - 1 : seqs.length - 1;
      for (let i = start; i >= 0; i--) {
        const seq = seqs[i] ?? 0;
        const id = ids[i] ?? '';
        if (isCurrent(seq, id)) yield [seq, id];
      }
      return;
    }
    for (let i = lo; i < seqs.length; i++) {
      const seq = seqs[i] ?? 0;
      const id = ids[i] ?? '';
      if (isCurrent(seq, id)) yield [seq, id];
    }
  }

  #sweep(isCurrent: (seq: number, id: string) => boolean): void {
    if (this.#stale < 1000 || this.#stale * 2 < this.#seqs.length) return;
    const seqs: number[] = [];
    const ids: string[] = [];
    this.#seqs.forEach((seq, i) => {
      const id = this.#ids[i] ?? '';
      if (isCurrent(seq, id)) {
        seqs.push(seq);
        ids.push(id);
      }
    });
    this.#seqs = seqs;
    this.#ids = ids;
    this.#stale = 0;
  }
}
