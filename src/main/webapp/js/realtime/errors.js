/** The server did not acknowledge an emit within the time allowed, counted from when it was sent. */
export class AckTimeoutError extends Error {
  constructor(event, timeoutMs) {
    super(`no acknowledgement for "${event}" within ${timeoutMs} ms of sending it`);
    this.name = 'AckTimeoutError';
    this.event = event;
    this.timeoutMs = timeoutMs;
  }
}

/** An emit given a deadline could not be sent and acknowledged before it: the link stayed down too long. */
export class DeadlineError extends Error {
  constructor(event, deadlineMs) {
    super(`"${event}" not acknowledged within its deadline of ${deadlineMs} ms`);
    this.name = 'DeadlineError';
    this.event = event;
    this.deadlineMs = deadlineMs;
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
