// The calibration server of AutobahnIT: Node's `ws` echoing every message back as it came, on 127.0.0.1 and a free
// port, with no compression (Switchboard offers none) and no limit on fragments per message (ws's default of
// 16,384 closes cases 9.3.x and 9.4.x with 1008: a denial-of-service limit, not a protocol error). Prints
// `ws-echo ready <port>` once listening; SIGTERM stops it.
import { WebSocketServer } from 'ws';

const server = new WebSocketServer({
  host: '127.0.0.1', port: 0, maxPayload: 64 * 1024 * 1024, maxFragments: 0, perMessageDeflate: false,
});
server.on('connection', (socket) => {
  socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
  socket.on('error', () => {});
});
server.on('listening', () => console.log(`ws-echo ready ${server.address().port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
