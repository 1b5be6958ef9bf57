// RecGate supervisor console (docs/api.md, "Supervisor console"): the REST API with HTTP Basic, live
// through GET /api/v1/events read with fetch() (EventSource cannot send an Authorization header).
// The credentials stay in this page's memory only: never in a URL, a cookie or storage.
'use strict';

(() => {
  const API = '/api/v1';
  const RETRY_MS = 2000;
  const PENDING = new Set(['Starting', 'Pausing', 'Resuming', 'Stopping']);

  let auth = null;        // the Authorization header while logged in
  let scope = [];         // the application's DN patterns (empty: any DN)
  let stream = null;      // the AbortController of the open event stream
  const calls = new Map(); // connectionId -> {call, recordings: Map(id -> recording), timeline: [], element}
  const screens = new Map(); // dn -> screen-capture state
  const ended = new Set();   // connection IDs of calls that ended: their late events fetch nothing

  const $ = (id) => document.getElementById(id);

  class ApiError extends Error {
    constructor(status, body) {
      super(body && body.message ? body.message : 'HTTP ' + status);
      this.status = status;
    }
  }

  function basic(name, password) {
    const bytes = new TextEncoder().encode(name + ':' + password);
    let binary = '';
    bytes.forEach((b) => { binary += String.fromCharCode(b); });
    return 'Basic ' + btoa(binary);
  }

  async function api(method, path, body) {
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

  // --- DN scope, as GET /application gives it ("any DN" or "1001, 10*") ---
  function scopeOf(dns) {
    if (dns === 'any DN') {
      return [];
    }
    return dns.split(', ').map((glob) => new RegExp('^' + glob.split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\#@-]/g, '\\$&')).join('.*') + '$'));
  }

  function inScope(dn) {
    return scope.length === 0 || scope.some((pattern) => pattern.test(dn));
  }

  // --- log in and out ---
  async function login(event) {
    event.preventDefault();
    const name = $('application').value.trim();
    const message = $('login-message');
    message.textContent = '';
    if (!name) {
      message.textContent = 'Enter the application name.';
      $('application').focus();
      return;
    }
    auth = basic(name, $('password').value);
    let application;
    try {
      application = await api('GET', '/application');
    } catch (error) {
      auth = null;
      message.textContent = error.status === 401
        ? 'Wrong application name or password (' + error.message + ').'
        : 'Cannot log in: ' + error.message;
      return;
    }
    if (!application.roles.includes('supervisor')) {
      auth = null;
      message.textContent = "Application '" + application.name + "' has no supervisor role: the console is for supervisors.";
      return;
    }
    $('password').value = '';
    scope = scopeOf(application.dns);
    $('who').textContent = 'Logged in as ' + application.name + ' (DNs: ' + application.dns + ')';
    show(true);
    openStream();
  }

  function logout() {
    auth = null;
    if (stream) {
      stream.abort();
      stream = null;
    }
    calls.clear();
    screens.clear();
    ended.clear();
    $('calls').replaceChildren();
    show(false);
    $('application').focus();
  }

  function show(loggedIn) {
    $('login-view').hidden = loggedIn;
    $('calls-view').hidden = !loggedIn;
    $('who').hidden = !loggedIn;
    $('stream').hidden = !loggedIn;
    $('logout').hidden = !loggedIn;
    updateCount();
  }

  // --- the event stream (text/event-stream: event:, id:, data: lines; a blank line ends an event) ---
  async function openStream() {
    const controller = new AbortController();
    stream = controller;
    setStream('connecting', 'Connecting to live events...');
    try {
      const response = await fetch(API + '/events', {
        headers: { Authorization: auth, Accept: 'text/event-stream' },
        credentials: 'omit', cache: 'no-store', signal: controller.signal,
      });
      if (!response.ok) {
        throw new ApiError(response.status, await response.json().catch(() => null));
      }
      setStream('live', 'Live');
      await loadCalls(); // after the stream is open: nothing that happens meanwhile is missed
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          break;
        }
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          dispatch(parse(buffer.slice(0, end)));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch (error) {
      if (controller.signal.aborted) {
        return;
      }
      if (error.status === 401 || error.status === 403) {
        setStream('down', 'Events refused: ' + error.message);
        return;
      }
    }
    if (stream === controller && auth) {
      setStream('down', 'Disconnected: reconnecting...');
      setTimeout(() => { if (stream === controller && auth) openStream(); }, RETRY_MS);
    }
  }

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

  function dispatch(event) {
    if (!event.data) {
      return;
    }
    const data = JSON.parse(event.data);
    if (event.name === 'call') {
      onCall(data);
    } else if (event.name === 'recording') {
      onRecording(data);
    } else if (event.name === 'screen-capture') {
      screens.set(data.dn, data.state);
      calls.forEach((entry) => { if (entry.call.parties.includes(data.dn)) render(entry); });
    }
  }

  function setStream(kind, text) {
    const status = $('stream');
    status.className = 'stream ' + kind;
    status.textContent = text;
  }

  // --- the model: calls, their recordings and timelines ---
  async function loadCalls() {
    const listed = await api('GET', '/calls');
    const live = new Set(listed.map((call) => call.connectionId));
    [...calls.keys()].filter((id) => !live.has(id)).forEach(removeCall);
    await Promise.all(listed.map((call) => fetchCall(call.connectionId)));
  }

  async function fetchCall(connectionId) {
    let details;
    try {
      details = await api('GET', '/calls/' + encodeURIComponent(connectionId));
    } catch (error) {
      if (error.status === 404) {
        removeCall(connectionId);
        return null;
      }
      throw error;
    }
    const entry = calls.get(connectionId) || { recordings: new Map(), timeline: [] };
    entry.call = details;
    details.recordings.forEach((recording) => {
      const known = entry.recordings.get(recording.id);
      const next = { id: recording.id, dn: recording.dn, state: recording.state, file: recording.file,
        dest: recording.dest, destStatus: recording['dest-status'], dest2: recording.dest2,
        dest2Status: recording['dest2-status'], cause: recording.cause };
      if (!known || known.state !== next.state) {
        entry.timeline.push({ time: new Date(), id: next.id, state: next.state, cause: next.cause });
      }
      entry.recordings.set(recording.id, next);
    });
    calls.set(connectionId, entry);
    await Promise.all(details.parties.filter((dn) => inScope(dn) && !screens.has(dn)).map(async (dn) => {
      const screen = await api('GET', '/dns/' + encodeURIComponent(dn) + '/screen-capture');
      screens.set(dn, screen.state);
    }));
    render(entry);
    return entry;
  }

  function onCall(data) {
    if (data.ended) {
      ended.add(data.connectionId);
      removeCall(data.connectionId);
      return;
    }
    if (data.previousConnectionId && calls.has(data.previousConnectionId)) {
      removeCall(data.previousConnectionId);
    }
    const entry = calls.get(data.connectionId);
    if (entry) {
      entry.call.parties = data.parties;
      render(entry);
    } else {
      fetchCall(data.connectionId).catch(showError); // a new call: its details once
    }
  }

  function onRecording(record) {
    const entry = calls.get(record.connectionId);
    if (!entry) {
      if (!ended.has(record.connectionId)) {
        fetchCall(record.connectionId).catch(showError); // a call this page has not seen yet
      }
      return;
    }
    const primary = record.destinations.find((d) => d.role === 'primary') || {};
    const duplicate = record.destinations.find((d) => d.role === 'duplicate') || {};
    entry.recordings.set(record.recordingId, {
      id: record.recordingId, dn: record.recordedDn, state: record.state, file: record.fileName,
      dest: primary.uri, destStatus: primary.status, dest2: duplicate.uri, dest2Status: duplicate.status,
      cause: record.cause,
    });
    entry.timeline.push({ time: new Date(record.time), id: record.recordingId, state: record.state, cause: record.cause });
    render(entry);
  }

  function removeCall(connectionId) {
    const entry = calls.get(connectionId);
    if (entry && entry.element) {
      entry.element.remove();
    }
    calls.delete(connectionId);
    updateCount();
  }

  function updateCount() {
    $('call-count').textContent = String(calls.size);
    $('no-calls').hidden = calls.size > 0;
  }

  // --- rendering (the focused button is focused again after a re-render) ---
  function render(entry) {
    const focused = document.activeElement && document.activeElement.dataset
      ? document.activeElement.dataset.focusKey : undefined;
    if (!entry.element) {
      entry.element = $('call-template').content.firstElementChild.cloneNode(true);
      entry.element.querySelector('.start').addEventListener('click', () => start(entry));
      $('calls').append(entry.element);
    }
    const call = entry.call;
    const element = entry.element;
    element.dataset.connectionId = call.connectionId;
    element.querySelector('.call-id').textContent = call.connectionId;
    element.querySelector('.call-parties').textContent = call.parties.join(' \u2194 ')
      + (call.ani ? ' \u00b7 ANI ' + call.ani : '') + (call.dnis ? ' \u00b7 DNIS ' + call.dnis : '');
    element.querySelector('.call-duration').dataset.started = call.started;
    tick(element.querySelector('.call-duration'));
    renderScreens(element.querySelector('.call-screen'), call.parties);
    renderStart(entry);
    renderRecordings(entry);
    renderTimeline(entry);
    updateCount();
    if (focused) {
      const again = element.querySelector('[data-focus-key="' + focused + '"]');
      if (again) {
        again.focus();
      }
    }
  }

  function renderScreens(container, parties) {
    const badges = parties.filter(inScope).map((dn) => {
      const state = screens.get(dn);
      const badge = document.createElement('span');
      badge.className = 'badge screen-' + (state || 'unknown');
      badge.textContent = dn + ': ' + (state || 'no indication');
      badge.title = 'Screen capture of DN ' + dn;
      return badge;
    });
    const label = document.createElement('span');
    label.textContent = 'Screen capture ';
    container.replaceChildren(label, ...badges);
  }

  function renderStart(entry) {
    const select = entry.element.querySelector('.start-dn');
    const current = select.value;
    const options = entry.call.parties.filter(inScope).map((dn) => {
      const option = document.createElement('option');
      option.value = dn;
      option.textContent = dn;
      return option;
    });
    select.replaceChildren(...options);
    if (entry.call.parties.includes(current)) {
      select.value = current;
    }
    const button = entry.element.querySelector('.start');
    button.dataset.focusKey = 'start';
    button.disabled = options.length === 0;
  }

  function renderRecordings(entry) {
    const rows = [...entry.recordings.values()].map((recording) => {
      const row = document.createElement('tr');
      row.dataset.recordingId = recording.id;
      row.append(cell(recording.id + ' (' + recording.dn + ')'));
      const badge = document.createElement('span');
      badge.className = 'badge ' + stateClass(recording.state);
      badge.textContent = recording.state;
      const state = cell('');
      state.append(badge);
      row.append(state);
      row.append(cell(recording.file || '\u2014', 'file'));
      const recorder = cell(recording.dest || '\u2014');
      if (recording.destStatus) {
        recorder.append(' ', span('(' + recording.destStatus + ')', 'recorder-status'));
      }
      if (recording.dest2) {
        recorder.append(document.createElement('br'), recording.dest2, ' ',
          span('(' + (recording.dest2Status || 'duplicate') + ')', 'recorder-status'));
      }
      row.append(recorder);
      row.append(actions(entry, recording));
      return row;
    });
    entry.element.querySelector('.recordings').hidden = rows.length === 0;
    entry.element.querySelector('.recordings tbody').replaceChildren(...rows);
  }

  function actions(entry, recording) {
    const td = cell('', 'actions');
    const allowed = recording.state === 'On' ? ['pause', 'stop']
      : recording.state === 'Paused' ? ['resume', 'stop']
        : PENDING.has(recording.state) ? ['pause', 'stop'] : [];
    allowed.forEach((operation) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = operation === 'stop' ? 'stop' : 'secondary';
      button.textContent = operation[0].toUpperCase() + operation.slice(1);
      button.dataset.operation = operation;
      button.dataset.focusKey = recording.id + '-' + operation;
      button.setAttribute('aria-label', button.textContent + ' recording ' + recording.id);
      button.disabled = PENDING.has(recording.state);
      button.addEventListener('click', () => operate(entry, recording, operation));
      td.append(button);
    });
    if (allowed.length === 0) {
      td.append(span('ended', 'recorder-status'));
    }
    return td;
  }

  function renderTimeline(entry) {
    const items = entry.timeline.map((step) => {
      const item = document.createElement('li');
      item.className = stateClass(step.state) + (step.cause === 'recorder-failure' ? ' failover' : '');
      item.textContent = step.time.toLocaleTimeString([], { hour12: false }) + ' ' + step.id + ' ' + step.state
        + (step.cause && step.cause !== 'request' ? ' (' + step.cause + ')' : '');
      return item;
    });
    entry.element.querySelector('.timeline').replaceChildren(...items);
  }

  function stateClass(state) {
    if (state === 'On') return 'on';
    if (state === 'Paused') return 'paused';
    if (PENDING.has(state)) return 'pending';
    return 'off';
  }

  function cell(text, className) {
    const td = document.createElement('td');
    if (className) td.className = className;
    if (text) td.textContent = text;
    return td;
  }

  function span(text, className) {
    const element = document.createElement('span');
    element.className = className;
    element.textContent = text;
    return element;
  }

  function tick(element) {
    const seconds = Math.max(0, Math.floor((Date.now() - Date.parse(element.dataset.started)) / 1000));
    const h = Math.floor(seconds / 3600);
    const m = String(Math.floor((seconds % 3600) / 60)).padStart(2, '0');
    const s = String(seconds % 60).padStart(2, '0');
    element.textContent = (h > 0 ? h + ':' : '') + m + ':' + s;
  }

  // --- the buttons: the API answers, the event stream shows the new state ---
  // while the recorder has not answered, the recording shows the pending state (as GET /calls/{id} would)
  const PENDING_OF = { pause: 'Pausing', resume: 'Resuming', stop: 'Stopping' };

  async function start(entry) {
    const dn = entry.element.querySelector('.start-dn').value;
    const button = entry.element.querySelector('.start');
    button.disabled = true;
    button.textContent = 'Starting...';
    await act(entry, () => api('POST', '/calls/' + encodeURIComponent(entry.call.connectionId) + '/recordings', { dn }));
    button.textContent = 'Start';
    button.disabled = false;
  }

  async function operate(entry, recording, operation) {
    recording.state = PENDING_OF[operation];
    render(entry);
    await act(entry, () => api('POST', '/calls/' + encodeURIComponent(entry.call.connectionId) + '/recordings/'
      + encodeURIComponent(recording.id) + '/' + operation, { dn: recording.dn }));
  }

  async function act(entry, request) {
    $('action-message').textContent = '';
    try {
      await request();
    } catch (error) {
      showError(error);
      fetchCall(entry.call.connectionId).catch(showError); // the states as the gateway has them
    }
  }

  function showError(error) {
    $('action-message').textContent = error.message;
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('login').addEventListener('submit', login);
    $('logout').addEventListener('click', logout);
    setInterval(() => document.querySelectorAll('.call-duration').forEach(tick), 1000);
    $('application').focus();
  });
})();
