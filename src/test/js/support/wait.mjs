// Waiting for something to happen, with a deadline, instead of sleeping and hoping.

/**
 * Resolves with the first value for which `check` returns true: the current one (from `current()`, if
 * given) or one handed to the listener that `subscribe` registers. Rejects after `timeout` ms, saying what.
 *
 * @param {(listener: Function) => Function} subscribe registers a listener, returns its unsubscribe
 * @param {(value: any) => boolean} check
 * @param {{timeout?: number, what: string, current?: () => any}} options
 */
export function waitUntil(subscribe, check, { timeout = 5000, what, current }) {
  return new Promise((resolve, reject) => {
    if (current && check(current())) {
      resolve(current());
      return;
    }
    let unsubscribe = () => {};
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out after ${timeout} ms waiting for ${what}`));
    }, timeout);
    unsubscribe = subscribe((value) => {
      if (check(value)) {
        clearTimeout(timer);
        unsubscribe();
        resolve(value);
      }
    });
  });
}

/** Waits until the service's state satisfies `check` (it may already). */
export function waitForState(service, check, { timeout = 5000, what = 'a state' } = {}) {
  return waitUntil((listener) => service.on('state', listener), check, {
    timeout,
    what,
    current: () => service.state,
  });
}

/** Waits for the next server event `event` on a socket.io-client socket (or a SocketService). */
export function nextEvent(socket, event, { timeout = 5000, check = () => true } = {}) {
  const subscribe = socket.subscribe
    ? (listener) => socket.subscribe(event, listener)
    : (listener) => {
        socket.on(event, listener);
        return () => socket.off(event, listener);
      };
  return waitUntil(subscribe, check, { timeout, what: `"${event}"` });
}
