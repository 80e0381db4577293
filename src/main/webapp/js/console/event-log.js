import { displayJson } from './display-json.js';

const MAX_ENTRIES = 200;

const KIND_MARK = { in: '↓', out: '↑', state: '●', error: '!' };

/**
 * The live event log: newest entry on top, at most 200 kept.
 * kind is 'in' (from the server), 'out' (to the server), 'state' (link) or 'error'.
 */
export class EventLog {
  #list;

  constructor(list) {
    this.#list = list;
  }

  add(kind, event, detail) {
    const item = document.createElement('li');
    item.className = `log-entry log-${kind}`;
    item.dataset.kind = kind;
    item.dataset.event = event;

    const time = document.createElement('time');
    const now = new Date();
    time.dateTime = now.toISOString();
    time.textContent = now.toLocaleTimeString([], { hour12: false }) + `.${String(now.getMilliseconds()).padStart(3, '0')}`;

    const mark = document.createElement('span');
    mark.className = 'log-mark';
    mark.textContent = KIND_MARK[kind] ?? '·';
    mark.title = kind;

    const name = document.createElement('span');
    name.className = 'log-event';
    name.textContent = event;

    const body = document.createElement('span');
    body.className = 'log-detail';
    body.textContent = typeof detail === 'string' ? detail : detail === undefined ? '' : displayJson(detail);

    item.append(time, mark, name, body);
    this.#list.prepend(item);
    while (this.#list.childElementCount > MAX_ENTRIES) this.#list.lastElementChild.remove();
  }

  clear() {
    this.#list.replaceChildren();
  }
}
