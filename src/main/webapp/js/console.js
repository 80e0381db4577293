// The Switchboard console: link status, latency, the chat example and server info, on one page.
// Query parameters (for people and tests): ?latencyInterval=ms&logLevel=debug
import { displayJson } from './console/display-json.js';
import { EventLog } from './console/event-log.js';
import { drawLatencyChart } from './console/latency-chart.js';
import { SocketService, StateName, describeState } from './socket-service.js';

const $ = (testId) => document.querySelector(`[data-testid="${testId}"]`);
const params = new URLSearchParams(location.search);
const positive = (name) => (Number(params.get(name)) > 0 ? Number(params.get(name)) : undefined);

const log = new EventLog($('event-log'));
const service = new SocketService({
  namespace: '/chat',
  logLevel: params.get('logLevel') ?? 'info',
  latencyInterval: positive('latencyInterval') ?? 5000,
  autoConnect: false,
});

// Chat membership as the server last told us. joinedRoom is set only once the server acked the join; while a
// join is on its way, presence events for its room wait in `early` and are applied on top of the reply's list
// (another member's join can reach us before our own reply does).
// lastSeen: the server time of the newest message or join reply seen in the joined room, the `since` of a re-join
const chat = { name: '', joinedRoom: null, members: [], joining: null, early: [], lastSeen: null };

// ---- link status ---------------------------------------------------------------------------------------

let countdown = null;
// Before the first connection the page says "connecting" in the badge only; the banner is for outages.
let everConnected = false;

function renderState(state) {
  const badge = $('status-badge');
  badge.dataset.state = state.name;
  badge.dataset.transport = state.transport ?? '';
  $('status-state').textContent = state.name;
  $('status-transport').textContent = state.transport ?? '—';
  $('status-sid').textContent = state.sid ? `sid ${state.sid}` : '—';
  $('detail-state').textContent = describeState(state);
  $('detail-transport').textContent = state.transport ?? '—';
  $('detail-sid').textContent = state.sid ?? '—';

  const { name } = state;
  $('connect-button').disabled = !(name === StateName.DISCONNECTED || name === StateName.FAILED);
  $('disconnect-button').disabled = name === StateName.DISCONNECTED;
  $('retry-button').disabled = !(name === StateName.RECONNECTING || name === StateName.FAILED);

  renderBanner(state);
  clearInterval(countdown);
  countdown = null;
  if (name === StateName.RECONNECTING && !state.trying) {
    // The detail line counts down to the next try.
    countdown = setInterval(() => {
      $('detail-state').textContent = describeState(service.state);
      renderBanner(service.state);
    }, 250);
  }
}

function renderBanner(state) {
  const banner = $('offline-banner');
  const down = state.name !== StateName.CONNECTED && !(state.name === StateName.CONNECTING && !everConnected);
  banner.hidden = !down;
  banner.dataset.state = state.name;
  if (!down) return;
  const titles = {
    [StateName.CONNECTING]: 'Realtime link is down: connecting…',
    [StateName.RECONNECTING]: 'Realtime link is down: reconnecting.',
    [StateName.DISCONNECTED]: 'Realtime link is off.',
    [StateName.FAILED]: 'Realtime link refused: not retrying.',
  };
  $('banner-title').textContent = titles[state.name];
  const details = {
    [StateName.RECONNECTING]: () =>
      state.trying
        ? `Attempt ${state.attempt} under way (last error: ${state.reason}).`
        : `Attempt ${state.attempt} in ${(Math.max(0, state.nextTryAt - Date.now()) / 1000).toFixed(1)} s (last error: ${state.reason}).`,
    [StateName.DISCONNECTED]: () => `${capitalise(state.reason ?? 'disconnected')}. Press Connect to resume.`,
    [StateName.FAILED]: () => `The server said: ${state.reason}. Press Retry now to try again.`,
  };
  $('banner-detail').textContent = details[state.name]?.() ?? '';
  $('banner-retry').hidden = !(state.name === StateName.RECONNECTING || state.name === StateName.FAILED);
  $('banner-retry').disabled = state.name === StateName.RECONNECTING && state.trying;
}

/** What the log says about a state, beyond its name. */
function stateDetail(state) {
  switch (state.name) {
    case StateName.CONNECTED:
      return state.recovered
        ? `${state.transport} · sid ${state.sid} · recovered, ${state.missed} missed event${state.missed === 1 ? '' : 's'} delivered`
        : `${state.transport} · sid ${state.sid}`;
    case StateName.RECONNECTING:
      return `attempt ${state.attempt} in ${state.delay} ms · ${state.reason}`;
    default:
      return state.reason ?? '';
  }
}

const capitalise = (text) => text.charAt(0).toUpperCase() + text.slice(1);

service.on('state', (state) => {
  renderState(state);
  if (!(state.name === StateName.RECONNECTING && state.trying)) {
    log.add('state', state.name, stateDetail(state));
  }
  $('members-list').dataset.link = state.name === StateName.CONNECTED ? 'up' : 'down';
  if (state.name === StateName.CONNECTED) {
    everConnected = true;
    // A recovered socket is still in its room, and what it missed arrived before 'connected': nothing to redo.
    if (!state.recovered) rejoin();
  }
});

function renderQueue(size) {
  $('queue-count').textContent = String(size);
  $('banner-queue-count').textContent = String(size);
  $('queue-count').classList.toggle('pill-warn', size > 0);
}
service.on('queue', renderQueue);

service.on('latency', ({ last, history }) => {
  $('status-latency').textContent = `${last} ms`;
  const scale = drawLatencyChart($('latency-chart'), history);
  $('latency-scale').textContent = String(scale);
  const sorted = [...history].sort((a, b) => a - b);
  const average = Math.round(history.reduce((sum, value) => sum + value, 0) / history.length);
  $('latency-stats').textContent = `last ${last} · avg ${average} · min ${sorted[0]} · max ${sorted.at(-1)} ms`;
});

$('connect-button').addEventListener('click', () => service.connect());
$('disconnect-button').addEventListener('click', () => service.disconnect());
$('retry-button').addEventListener('click', () => service.retryNow());
$('banner-retry').addEventListener('click', () => service.retryNow());
$('log-clear').addEventListener('click', () => log.clear());

// ---- chat ----------------------------------------------------------------------------------------------

service.subscribeAny((event, payload) => log.add('in', event, payload));

/**
 * Sends with an ack and logs both ways; a rejected promise (timeout, overflow) is logged, not thrown. The ack
 * timeout counts once the emit is sent: an emit made while the link is down waits for it to come back.
 */
async function request(event, payload, { timeoutMs = 15_000, retries = 0 } = {}) {
  log.add('out', event, service.connected ? payload : `${displayJson(payload)} (queued)`);
  try {
    return await service.timeout(timeoutMs, { retries }).emitWithAck(event, payload);
  } catch (error) {
    log.add('error', event, `${error.name}: ${error.message}`);
    return null;
  }
}

/** Joins a room; `since` (a re-join) asks for the messages said there since then, which the reply carries. */
async function join(room, name, since) {
  chat.joining = room;
  chat.early = [];
  const reply = await request('join', since === undefined ? { room, name } : { room, name, since });
  const early = chat.joining === room ? chat.early : [];
  chat.joining = null;
  chat.early = [];
  if (!reply || reply.error) {
    if (reply?.error) log.add('error', 'join', reply.error);
    return;
  }
  chat.joinedRoom = reply.room;
  chat.name = name;
  chat.members = [...reply.members];
  early.forEach(applyPresence);
  renderChat();
  seen(reply.ts);
  (reply.missed ?? []).forEach(showMessage); // said while our link was down: shown once, like any other
}

function seen(ts) {
  if (typeof ts === 'number' && (chat.lastSeen === null || ts > chat.lastSeen)) chat.lastSeen = ts;
}

/** A member joined or left the room we are in, or are joining (then it waits for the join's reply). */
function onPresence(change) {
  if (change.room === chat.joining) {
    chat.early.push(change);
  } else if (change.room === chat.joinedRoom) {
    applyPresence(change);
    renderChat();
  }
}

function applyPresence({ kind, name }) {
  const index = chat.members.indexOf(name);
  if (kind === 'joined' && index < 0) chat.members.push(name);
  if (kind === 'left' && index >= 0) chat.members.splice(index, 1);
}

// Without recovery the server forgets rooms with the connection; this runs in the 'connected' listener, before
// the service sends what was queued during the outage, so queued messages reach the room again.
function rejoin() {
  if (chat.joinedRoom) join(chat.joinedRoom, chat.name, chat.lastSeen ?? undefined);
}

function renderChat() {
  const inRoom = chat.joinedRoom !== null;
  $('room-label').textContent = inRoom ? `Room “${chat.joinedRoom}” as ${chat.name}` : 'Not in a room.';
  $('members-count').textContent = String(chat.members.length);
  $('members-list').replaceChildren(
    ...chat.members.map((member) => {
      const item = document.createElement('li');
      item.textContent = member;
      item.dataset.member = member;
      if (member === chat.name) item.classList.add('me');
      return item;
    }),
  );
  $('leave-button').disabled = !inRoom;
  $('message-input').disabled = !inRoom;
  $('send-button').disabled = !inRoom;
  $('message-input').placeholder = inRoom ? `Message ${chat.joinedRoom}` : 'Join a room to send messages';
}

$('join-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const room = $('room-input').value.trim();
  const name = $('name-input').value.trim();
  if (!room || !name) return;
  if (chat.joinedRoom && chat.joinedRoom !== room) {
    await request('leave', { room: chat.joinedRoom });
  }
  await join(room, name);
});

$('leave-button').addEventListener('click', async () => {
  const room = chat.joinedRoom;
  chat.joinedRoom = null;
  chat.members = [];
  chat.lastSeen = null;
  renderChat();
  await request('leave', { room });
});

$('say-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = $('message-input').value.trim();
  if (!text || !chat.joinedRoom) return;
  $('message-input').value = '';
  // The line shows at once as pending; the server's copy (same id) or its ack marks it sent. Sent at least once:
  // again after a reconnect if the ack was lost, and the server delivers a repeated id only once.
  const id = messageId();
  const line = chatLine({ room: chat.joinedRoom, name: chat.name, text, id }, 'pending');
  const reply = await request('say', { room: chat.joinedRoom, text, id }, { retries: 2 });
  if (line.dataset.status === 'pending') setStatus(line, reply?.ok ? 'sent' : 'failed', reply?.error);
});

let sentCount = 0;
/** An id for a message of this page: unique enough that the server can tell a repeat from a new one. */
function messageId() {
  sentCount += 1;
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}-${sentCount}`;
}

service.subscribe('joined', ({ room, name }) => onPresence({ kind: 'joined', room, name }));
service.subscribe('left', ({ room, name }) => onPresence({ kind: 'left', room, name }));

service.subscribe('message', showMessage);

/** A message of the room we are in, from the server: live, or in a re-join's reply. Each is shown once. */
function showMessage(message) {
  if (message.room !== chat.joinedRoom) return;
  seen(message.ts);
  const key = message.id ? `id ${message.id}` : `${message.name}\n${message.ts}\n${message.text}`;
  const known = [...$('chat-messages').children].find((line) => line.dataset.key === key);
  if (known) {
    // our own line, pending until now; or a message seen already (delivered at least once): shown once
    setStatus(known, 'sent');
    setTime(known, message.ts);
    return;
  }
  chatLine(message, 'sent');
}

/** Adds a line to the transcript; status is 'pending' (queued or on its way), 'sent' or 'failed'. */
function chatLine({ name, text, ts, id }, status) {
  const item = document.createElement('li');
  item.className = name === chat.name ? 'chat-line mine' : 'chat-line';
  if (id) item.dataset.id = id;
  item.dataset.key = id ? `id ${id}` : `${name}\n${ts}\n${text}`;
  const who = document.createElement('span');
  who.className = 'chat-name';
  who.textContent = name;
  const when = document.createElement('time');
  const body = document.createElement('p');
  body.textContent = text;
  const note = document.createElement('small');
  note.className = 'chat-status';
  item.append(who, when, body, note);
  setTime(item, ts);
  setStatus(item, status);
  const list = $('chat-messages');
  list.append(item);
  while (list.childElementCount > 200) list.firstElementChild.remove();
  list.scrollTop = list.scrollHeight;
  return item;
}

function setTime(item, ts) {
  item.querySelector('time').textContent = ts === undefined
    ? ''
    : new Date(ts).toLocaleTimeString([], { hour12: false, hour: '2-digit', minute: '2-digit' });
}

function setStatus(item, status, why) {
  item.dataset.status = status;
  const notes = { pending: 'sending…', sent: '', failed: `not sent${why ? `: ${why}` : ''}` };
  item.querySelector('.chat-status').textContent = notes[status];
}

// ---- server info ---------------------------------------------------------------------------------------

async function loadInfo() {
  const list = $('server-info');
  const facts = [];
  try {
    const response = await fetch(new URL('api/info', document.baseURI), { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const info = await response.json();
    facts.push(['Name', info.name], ['Version', info.version]);
    // the Admin UI's dashboard is served only while it is switched on
    const setting = (name) => (info.settings ?? []).find((one) => one.name === name)?.value;
    $('admin-ui-link').hidden = (setting('adminUi') ?? 'off') === 'off';
    $('admin-ui-link').href = `${(setting('adminUiPath') ?? '/admin-ui').replace(/^\//, '')}/`;
    for (const [key, value] of Object.entries(info.config ?? {})) {
      facts.push([key, typeof value === 'object' ? displayJson(value) : String(value)]);
    }
    list.dataset.loaded = 'true';
  } catch (error) {
    facts.push(['Status', `could not load: ${error.message}`]);
    list.dataset.loaded = 'false';
  }
  list.replaceChildren(
    ...facts.flatMap(([term, value]) => {
      const dt = document.createElement('dt');
      dt.textContent = term;
      const dd = document.createElement('dd');
      // an unset setting (a token, say) comes as "": say so rather than leave a gap
      dd.textContent = value === '' ? 'not set' : value;
      dd.classList.toggle('muted', value === '');
      dd.dataset.key = term;
      return [dt, dd];
    }),
  );
}
$('info-refresh').addEventListener('click', loadInfo);

// ---- start ---------------------------------------------------------------------------------------------

$('name-input').value = `guest-${Math.floor(1000 + Math.random() * 9000)}`;
$('detail-endpoint').textContent = new URL('socket.io/', document.baseURI).pathname;
renderState(service.state);
renderChat();
renderQueue(0);
loadInfo();
service.connect();

// For tests and for poking at the link from the browser's devtools.
window.switchboard = { service };
