/**
 * The states of a realtime link and the moves between them. A state is a frozen plain object:
 *
 *   {name: 'connecting'}                       first try, or a try the user asked for
 *   {name: 'connected', transport, sid, recovered, missed}
 *                                              transport is 'websocket' or 'polling'; it may change (upgrade);
 *                                              recovered: the server gave back the socket the link had before
 *                                              (connection state recovery), with `missed` events it had missed
 *   {name: 'reconnecting', attempt, delay, nextTryAt, trying, reason}
 *                                              link lost; try number `attempt` runs at nextTryAt
 *                                              (trying: true while it is under way)
 *   {name: 'disconnected', reason}             nothing will happen until connect() or retryNow()
 *   {name: 'failed', reason, data}             the server refused us, or we ran out of attempts: no retries
 *
 * Every state also carries `since` (epoch ms).
 */
export const StateName = Object.freeze({
  CONNECTING: 'connecting',
  CONNECTED: 'connected',
  RECONNECTING: 'reconnecting',
  DISCONNECTED: 'disconnected',
  FAILED: 'failed',
});

const { CONNECTING, CONNECTED, RECONNECTING, DISCONNECTED, FAILED } = StateName;

const MOVES = Object.freeze({
  [DISCONNECTED]: [CONNECTING],
  [CONNECTING]: [CONNECTED, RECONNECTING, FAILED, DISCONNECTED],
  // connected -> connected is a transport upgrade.
  [CONNECTED]: [CONNECTED, RECONNECTING, DISCONNECTED],
  // reconnecting -> reconnecting: the next attempt is scheduled, or the scheduled one starts.
  [RECONNECTING]: [RECONNECTING, CONNECTED, FAILED, DISCONNECTED],
  [FAILED]: [CONNECTING, DISCONNECTED],
});

export function canMove(from, to) {
  return MOVES[from]?.includes(to) ?? false;
}

/** Builds a frozen state object; `since` defaults to now. */
export function makeState(name, details = {}, now = Date.now()) {
  if (!(name in MOVES)) throw new RangeError(`unknown state ${name}`);
  return Object.freeze({ name, since: now, ...details });
}

/** One line a person can read, e.g. "reconnecting: attempt 3, next try in 4.0 s". */
export function describeState(state, now = Date.now()) {
  switch (state.name) {
    case CONNECTED:
      return state.recovered
        ? `connected over ${state.transport}, recovered, ${state.missed} missed event${state.missed === 1 ? '' : 's'} delivered`
        : `connected over ${state.transport}`;
    case RECONNECTING:
      return state.trying
        ? `reconnecting: attempt ${state.attempt} under way`
        : `reconnecting: attempt ${state.attempt}, next try in ${(Math.max(0, state.nextTryAt - now) / 1000).toFixed(1)} s`;
    case DISCONNECTED:
    case FAILED:
      return state.reason ? `${state.name}: ${state.reason}` : state.name;
    default:
      return state.name;
  }
}
