// A TCP proxy on 127.0.0.1 that lets a test break the link between a browser and the server:
//   goAway()      destroys every connection and stops accepting (the server "went away");
//   comeBack()    accepts again on the same port;
//   refuseWebSocket = true   answers any request carrying "Upgrade: websocket" with 403 and closes,
//                            as some corporate proxies do, while plain HTTP still passes;
//   refuseWebSocket = n      refuses only the next n handshakes, then lets them through;
//   dropReplies = true       drops what the server sends while requests still reach it (an answer lost on
//                            its way back, as when the link fails just after the server acted).
import { createConnection, createServer } from 'node:net';

const HEAD_END = Buffer.from('\r\n\r\n');
const MAX_HEAD = 64 * 1024;
const FORBIDDEN = 'HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n';

/**
 * @param {{target: {host: string, port: number}, host?: string, port?: number}} options
 */
export async function startTcpProxy({ target, host = '127.0.0.1', port = 0 }) {
  const sockets = new Set();
  const proxy = {
    refuseWebSocket: false,
    dropReplies: false,
    refusedUpgrades: 0,
    port: 0,
    accepting: false,
    goAway,
    comeBack,
    close: goAway,
    /** The same URL with host and port swapped for the proxy's. */
    rewrite(url) {
      const rewritten = new URL(url);
      rewritten.hostname = host;
      rewritten.port = String(proxy.port);
      return rewritten.href;
    },
  };

  const server = createServer((client) => {
    const upstream = createConnection({ host: target.host, port: target.port });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      // Resets are what this proxy is for; the other side learns of them by being destroyed too.
      socket.on('error', () => {});
    }
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    upstream.on('data', (chunk) => {
      if (!proxy.dropReplies) client.write(chunk);
    });
    upstream.on('end', () => client.end());
    if (proxy.refuseWebSocket) {
      forwardRequests(client, upstream, () => {
        const refuse = proxy.refuseWebSocket === true || proxy.refuseWebSocket > 0;
        if (refuse) {
          if (typeof proxy.refuseWebSocket === 'number') proxy.refuseWebSocket -= 1;
          proxy.refusedUpgrades += 1;
          upstream.destroy();
          client.end(FORBIDDEN);
        }
        return refuse;
      });
    } else {
      client.pipe(upstream);
    }
  });

  async function listen(onPort) {
    await new Promise((resolveListen, rejectListen) => {
      server.once('error', rejectListen);
      server.listen(onPort, host, () => {
        server.off('error', rejectListen);
        resolveListen();
      });
    });
    proxy.port = server.address().port;
    proxy.accepting = true;
  }

  async function goAway() {
    if (!proxy.accepting) return;
    proxy.accepting = false;
    const closed = new Promise((resolveClose) => server.close(() => resolveClose()));
    for (const socket of sockets) socket.destroy();
    await closed;
  }

  async function comeBack() {
    if (!proxy.accepting) await listen(proxy.port);
  }

  await listen(port);
  return proxy;
}

/**
 * Copies HTTP/1.1 requests from client to upstream one at a time, reading each head to spot a WebSocket
 * handshake (it may come on a kept-alive connection after ordinary requests). Bodies are skipped by
 * Content-Length; a chunked request body ends the inspection and the rest is copied as is.
 * onUpgrade() returns true when it has refused the handshake (and closed the connection).
 */
function forwardRequests(client, upstream, onUpgrade) {
  let head = Buffer.alloc(0);
  let bodyLeft = 0;
  let inspecting = true;
  let refused = false;

  client.on('data', (chunk) => {
    if (refused) return;
    let rest = chunk;
    while (rest.length > 0) {
      if (!inspecting) {
        upstream.write(rest);
        return;
      }
      if (bodyLeft > 0) {
        const body = rest.subarray(0, bodyLeft);
        bodyLeft -= body.length;
        upstream.write(body);
        rest = rest.subarray(body.length);
        continue;
      }
      head = Buffer.concat([head, rest]);
      rest = Buffer.alloc(0);
      const end = head.indexOf(HEAD_END);
      if (end < 0) {
        if (head.length > MAX_HEAD) {
          // Not a head this proxy can read: stop looking and pass everything on.
          inspecting = false;
          upstream.write(head);
        }
        continue;
      }
      const text = head.subarray(0, end).toString('latin1');
      const upgrade = /^upgrade:\s*websocket\s*$/im.test(text);
      if (upgrade && onUpgrade()) {
        refused = true;
        return;
      }
      upstream.write(head.subarray(0, end + HEAD_END.length));
      rest = head.subarray(end + HEAD_END.length);
      head = Buffer.alloc(0);
      // Past an accepted handshake come WebSocket frames, not requests.
      if (upgrade) inspecting = false;
      bodyLeft = Number(/^content-length:\s*(\d+)\s*$/im.exec(text)?.[1] ?? 0);
      if (/^transfer-encoding:.*chunked/im.test(text)) inspecting = false;
    }
  });
  client.on('end', () => upstream.end());
}
