/** The server did not acknowledge an emit within the time allowed (counting any time spent queued). */
export class AckTimeoutError extends Error {
  constructor(event, timeoutMs) {
    super(`no acknowledgement for "${event}" within ${timeoutMs} ms`);
    this.name = 'AckTimeoutError';
    this.event = event;
    this.timeoutMs = timeoutMs;
  }
}

/** The link dropped after the emit was sent and before its acknowledgement came back. */
export class AckLostError extends Error {
  constructor(event, reason) {
    super(`acknowledgement for "${event}" lost: ${reason}`);
    this.name = 'AckLostError';
    this.event = event;
  }
}

/** A queued emit was pushed out of the full offline queue by a newer one, so it was never sent. */
export class QueueOverflowError extends Error {
  constructor(event, limit) {
    super(`"${event}" dropped: offline queue full (${limit})`);
    this.name = 'QueueOverflowError';
    this.event = event;
  }
}
