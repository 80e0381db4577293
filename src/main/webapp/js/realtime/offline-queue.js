/**
 * Emits waiting for the link to come back. Bounded: when full, the oldest entry gives way, because an
 * hour-old chat line matters less than the one just typed, and an unbounded queue is a leak.
 * Knows nothing of sockets, so it runs (and is tested) anywhere.
 */
export class OfflineQueue {
  #entries = [];
  #limit;
  #onDrop;

  /**
   * @param {{limit?: number, onDrop?: (entry: any) => void}} [options]
   *   onDrop is told about each entry pushed out by an overflow.
   */
  constructor({ limit = 100, onDrop = () => {} } = {}) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`limit must be an integer >= 1, was ${limit}`);
    }
    this.#limit = limit;
    this.#onDrop = onDrop;
  }

  get size() {
    return this.#entries.length;
  }

  get limit() {
    return this.#limit;
  }

  /** Adds an entry at the tail; returns the entry it dropped to make room, if any. */
  push(entry) {
    this.#entries.push(entry);
    if (this.#entries.length > this.#limit) {
      const dropped = this.#entries.shift();
      this.#onDrop(dropped);
      return dropped;
    }
    return undefined;
  }

  /** Takes one entry out wherever it is (an emit whose deadline passed while waiting); true if it was there. */
  remove(entry) {
    const index = this.#entries.indexOf(entry);
    if (index < 0) return false;
    this.#entries.splice(index, 1);
    return true;
  }

  /** Empties the queue and returns its entries oldest first, the order they must be sent in. */
  drain() {
    const entries = this.#entries;
    this.#entries = [];
    return entries;
  }
}
