// RecGate supervisor console: the REST API with HTTP Basic, and the reader of its event stream
// GET /api/v1/events (docs/api.md, Events). fetch() with a stream reader, as an EventSource cannot
// send the Authorization header; credentials: 'omit', so the browser keeps no login of its own.

const API = '/api/v1';

export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.message ? body.message : 'HTTP ' + status);
    this.status = status;
  }
}

/** The Authorization header of an application and its password (UTF-8, RFC 7617). */
export function basic(name, password) {
  const bytes = new TextEncoder().encode(name + ':' + password);
  let binary = '';
  bytes.forEach((b) => { binary += String.fromCharCode(b); });
  return 'Basic ' + btoa(binary);
}

/** One API call; the JSON answer, or an ApiError with the API's {code, message}. */
export async function request(auth, method, path, body) {
  const headers = { Authorization: auth, Accept: 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(API + path, {
    method, headers, credentials: 'omit', cache: 'no-store',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let data = null;
  try {
    data = await response.json();
  } catch (ignored) {
    data = null;
  }
  if (!response.ok) {
    throw new ApiError(response.status, data);
  }
  return data;
}

/** Opens the event stream; the response once its headers are in (an ApiError for 401, 403). */
export async function openEvents(auth, signal) {
  const response = await fetch(API + '/events', {
    headers: { Authorization: auth, Accept: 'text/event-stream' },
    credentials: 'omit', cache: 'no-store', signal,
  });
  if (!response.ok) {
    throw new ApiError(response.status, await response.json().catch(() => null));
  }
  return response;
}

/** Reads the stream until it ends: each event ({name, id, data} with data parsed) to onEvent. */
export async function readEvents(response, onEvent) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const event = parse(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (event.data) {
        onEvent({ name: event.name, id: event.id, data: JSON.parse(event.data) });
      }
    }
  }
}

// text/event-stream: event:, id:, data: lines; a line that starts with a colon is a comment
function parse(frame) {
  const event = { name: 'message', data: '' };
  frame.split('\n').forEach((line) => {
    if (line.startsWith(':')) {
      return;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') {
      event.name = value;
    } else if (field === 'data') {
      event.data += (event.data ? '\n' : '') + value;
    } else if (field === 'id') {
      event.id = value;
    }
  });
  return event;
}

/** The DN scope as GET /application gives it ("any DN" or "1001, 10*"): a test of one DN. */
export function scopeOf(dns) {
  if (dns === 'any DN') {
    return () => true;
  }
  const patterns = dns.split(', ').map((glob) => new RegExp('^' + glob.split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\#@-]/g, '\\$&')).join('.*') + '$'));
  return (dn) => patterns.some((pattern) => pattern.test(dn));
}
