// The Switchboard console: link status, latency, the chat example and server info, on one page.
// Query parameters (for people and tests): ?latencyInterval=ms&logLevel=debug
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

// Chat membership as the server last told us. joinedRoom is set only once the server acked the join.
const chat = { name: '', joinedRoom: null, members: [] };

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
      return `${state.transport} · sid ${state.sid}`;
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
  if (state.name === StateName.CONNECTED) {
    everConnected = true;
    rejoin();
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

/** Sends with an ack and logs both ways; a rejected promise (timeout, overflow) is logged, not thrown. */
async function request(event, payload, timeoutMs = 15_000) {
  log.add('out', event, service.connected ? payload : `${JSON.stringify(payload)} (queued)`);
  try {
    return await service.timeout(timeoutMs).emitWithAck(event, payload);
  } catch (error) {
    log.add('error', event, `${error.name}: ${error.message}`);
    return null;
  }
}

async function join(room, name) {
  const reply = await request('join', { room, name });
  if (!reply || reply.error) {
    if (reply?.error) log.add('error', 'join', reply.error);
    return;
  }
  chat.joinedRoom = reply.room;
  chat.name = name;
  chat.members = [...reply.members];
  renderChat();
}

// The server forgets rooms with the connection; this runs in the 'connected' listener, before the service
// sends what was queued during the outage, so queued messages reach the room again.
function rejoin() {
  if (chat.joinedRoom) join(chat.joinedRoom, chat.name);
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
  renderChat();
  await request('leave', { room });
});

$('say-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = $('message-input').value.trim();
  if (!text || !chat.joinedRoom) return;
  $('message-input').value = '';
  request('say', { room: chat.joinedRoom, text });
});

service.subscribe('joined', ({ room, name }) => {
  if (room === chat.joinedRoom && !chat.members.includes(name)) {
    chat.members.push(name);
    renderChat();
  }
});

service.subscribe('left', ({ room, name }) => {
  if (room !== chat.joinedRoom) return;
  const index = chat.members.indexOf(name);
  if (index >= 0) chat.members.splice(index, 1);
  renderChat();
});

service.subscribe('message', ({ room, name, text, ts }) => {
  if (room !== chat.joinedRoom) return;
  const item = document.createElement('li');
  item.className = name === chat.name ? 'chat-line mine' : 'chat-line';
  const who = document.createElement('span');
  who.className = 'chat-name';
  who.textContent = name;
  const when = document.createElement('time');
  when.textContent = new Date(ts).toLocaleTimeString([], { hour12: false, hour: '2-digit', minute: '2-digit' });
  const body = document.createElement('p');
  body.textContent = text;
  item.append(who, when, body);
  const list = $('chat-messages');
  list.append(item);
  while (list.childElementCount > 200) list.firstElementChild.remove();
  list.scrollTop = list.scrollHeight;
});

// ---- server info ---------------------------------------------------------------------------------------

async function loadInfo() {
  const list = $('server-info');
  const facts = [];
  try {
    const response = await fetch(new URL('api/info', document.baseURI), { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const info = await response.json();
    facts.push(['Name', info.name], ['Version', info.version]);
    for (const [key, value] of Object.entries(info.config ?? {})) {
      facts.push([key, typeof value === 'object' ? JSON.stringify(value) : String(value)]);
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
      dd.textContent = value;
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
