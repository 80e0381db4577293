/**
 * The browser entry of the socket service:
 *
 *   import { SocketService } from '/js/socket-service.js';
 *   const chat = new SocketService({ namespace: '/chat' });
 *
 * It binds the service to the socket.io-client build the server ships in /js/vendor/ and to the place
 * this module was loaded from: when the application sits under a context path (/switchboard/), the
 * Socket.IO endpoint is /switchboard/socket.io/ on the same origin. Both can be overridden via options.
 */
import { io } from './vendor/socket.io.esm.min.js';
import { StateName } from './realtime/connection-state.js';
import { SocketService as PortableSocketService } from './realtime/service.js';

export { StateName, describeState } from './realtime/connection-state.js';
export { AckTimeoutError, DeadlineError, QueueOverflowError } from './realtime/errors.js';

// This file is <context>/js/socket-service.js, so <context>/socket.io/ is one folder up.
const moduleUrl = new URL(import.meta.url);
const defaultPath = new URL('../socket.io/', moduleUrl).pathname;

export class SocketService extends PortableSocketService {
  constructor(options = {}) {
    super({ io, url: moduleUrl.origin, path: defaultPath, ...options });
    // The browser knows when the network is back before our backoff timer does.
    // Only while retrying: after disconnect() or a refusal, coming back is someone's decision.
    globalThis.addEventListener?.('online', () => {
      if (this.state.name === StateName.RECONNECTING) this.retryNow();
    });
  }
}
