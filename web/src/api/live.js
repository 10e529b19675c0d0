// Live updates: the server-sent events of GET /api/v1/events, read with fetch so that the
// session's token goes in the Authorization header (EventSource cannot send it). One stream per
// tab; it reconnects with the last event id after a lost connection and tells its state
// (connecting, open, lost) so that the page can show it. Pages subscribe to event types.
import { reactive } from 'vue';
import { session } from '../auth/session.js';

export const live = reactive({ state: 'closed', lastId: '' });

const handlers = new Set();
let controller = null;
let retryMs = 3000;
let timer = null;

// Calls `handler(type, data)` for every event; returns the unsubscribe function.
export function onLive(handler) {
  handlers.add(handler);
  return () => handlers.delete(handler);
}

function dispatch(type, data) {
  for (const handler of handlers) {
    try {
      handler(type, data);
    } catch (e) {
      console.error(e); // a page's handler must not stop the stream
    }
  }
}

// Parses the event-stream text; returns what is left of an incomplete event.
export function parseEvents(buffer, emit) {
  let at;
  while ((at = buffer.indexOf('\n\n')) >= 0) {
    const block = buffer.slice(0, at);
    buffer = buffer.slice(at + 2);
    let type = 'message';
    let id = '';
    const data = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') type = value;
      else if (field === 'data') data.push(value);
      else if (field === 'id') id = value;
      else if (field === 'retry' && /^\d+$/.test(value)) retryMs = Number(value);
    }
    if (data.length || id) emit(type, data.join('\n'), id);
  }
  return buffer;
}

async function run() {
  controller = new AbortController();
  live.state = 'connecting';
  const headers = { Accept: 'text/event-stream', Authorization: `Bearer ${session.token}` };
  if (live.lastId) headers['Last-Event-ID'] = live.lastId;
  try {
    const response = await fetch('/api/v1/events', { headers, signal: controller.signal });
    if (response.status === 401) {
      live.state = 'closed';
      return;
    }
    if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
    live.state = 'open';
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer = parseEvents(buffer + decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n'),
        (type, text, id) => {
          if (id) live.lastId = id;
          if (type === 'end') {
            stopLive();
            return;
          }
          let data = null;
          try {
            data = text ? JSON.parse(text) : null;
          } catch {
            data = text;
          }
          dispatch(type, data);
        });
    }
  } catch (e) {
    if (controller && controller.signal.aborted) return;
  }
  if (live.state === 'closed') return;
  live.state = 'lost';
  timer = setTimeout(() => {
    if (session.token) run();
  }, retryMs);
}

export function startLive() {
  if (live.state === 'open' || live.state === 'connecting') return;
  run();
}

export function stopLive() {
  live.state = 'closed';
  clearTimeout(timer);
  if (controller) controller.abort();
  controller = null;
}
