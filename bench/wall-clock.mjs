// Wall-clock epoch milliseconds with a fraction, on the system's realtime clock: the clock Switchboard's and
// netty-socketio's Instant.now() and Flask-SocketIO's time.time() stamp a broadcast's `ts` with.
// `performance.timeOrigin + performance.now()` is not that clock: it was 1.1 ms ahead of Date.now() in a fresh
// process here, which made every broadcast from a JVM or Python server look 1.1 ms faster than one from Node, and
// clamped sub-millisecond deliveries to zero. The offset is taken once, at the edge of a Date.now() millisecond
// (a wait of at most 1 ms), so it is exact to a few microseconds; realtime and monotonic clocks drift apart by well
// under a millisecond in a benchmark's time.
let edge = Date.now();
for (const start = edge; edge === start;) edge = Date.now();
const offset = edge - performance.now();

export const wallClock = () => offset + performance.now();
