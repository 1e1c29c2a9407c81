// ws.js - the station's WebSocket: connects to /ws with a role, reconnects
// with a growing delay when the connection drops, hands every message to
// the handler registered for its `type`, and numbers the messages it sends
// so that the server's `ack` / `error` answers (`ref`) find their request.
//
// Protocol: docs/station-protocol.md.

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 5000;

// The ws:// or wss:// URL of /ws on the server that served this page.
export function socketUrl(query) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws?${new URLSearchParams(query)}`;
}

// Opens a connection and keeps it open until close() is called.
//   url:      the WebSocket URL (socketUrl(...))
//   handlers: {state(msg), hello(msg), ...} by message type; also
//             onopen(), onclose(event) (not after close()) and
//             onreply(request, reply) for the ack or error answering a
//             message sent with send().
// Returns {send(msg) -> its id, or 0 when not connected, close(),
// connected()}.
export function connect(url, handlers) {
  let sock = null;
  let retryMs = RETRY_MIN_MS;
  let timer = 0;
  let closed = false;
  let nextId = 1;
  const pending = new Map();   // id -> the message sent

  function open() {
    timer = 0;
    sock = new WebSocket(url);
    sock.onopen = () => {
      retryMs = RETRY_MIN_MS;
      handlers.onopen?.();
    };
    sock.onmessage = (ev) => { if (!closed) dispatch(ev.data); };
    sock.onclose = (ev) => {
      sock = null;
      pending.clear();
      if (!closed) {
        handlers.onclose?.(ev);
        timer = setTimeout(open, retryMs);
        retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
      }
    };
  }

  function dispatch(text) {
    let msg;
    try {
      msg = JSON.parse(text);
    } catch {
      console.warn('saqr: a message that is not JSON', text);
      return;
    }
    if (!msg || typeof msg.type !== 'string') return;
    if ((msg.type === 'ack' || msg.type === 'error') && Number.isInteger(msg.ref)) {
      const req = pending.get(msg.ref);
      pending.delete(msg.ref);
      handlers.onreply?.(req, msg);
    }
    handlers[msg.type]?.(msg);
  }

  function send(msg) {
    if (!sock || sock.readyState !== WebSocket.OPEN) return 0;
    const id = nextId++;
    const out = { ...msg, id };
    pending.set(id, out);
    if (pending.size > 256) pending.delete(pending.keys().next().value);
    sock.send(JSON.stringify(out));
    return id;
  }

  function close() {
    closed = true;
    clearTimeout(timer);
    sock?.close();
  }

  open();
  return { send, close, connected: () => sock?.readyState === WebSocket.OPEN };
}
