// RecGate supervisor console (docs/api.md, "Supervisor console"): the REST API with HTTP Basic, live
// through GET /api/v1/events. The credentials stay in this page's memory only: never in a URL, a
// cookie or storage.
import { basic, openEvents, readEvents, request, scopeOf } from './api.js';
import { render, tick } from './view.js';

const RETRY_MS = 2000;
// while the recorder has not answered, the recording shows the pending state (as GET /calls/{id} would)
const PENDING_OF = { pause: 'Pausing', resume: 'Resuming', stop: 'Stopping' };

let auth = null;          // the Authorization header while logged in
let stream = null;        // the AbortController of the open event stream
const calls = new Map();  // connectionId -> {call, recordings: Map(id -> recording), timeline: [], element}
const ended = new Set();  // connection IDs of calls that ended: their late events fetch nothing
const context = { screens: new Map(), inScope: () => true, start, operate };

const $ = (id) => document.getElementById(id);
const api = (method, path, body) => request(auth, method, path, body);

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
  context.inScope = scopeOf(application.dns);
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
  context.screens.clear();
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

// --- the event stream: opened first, then the calls loaded, so nothing that happens meanwhile is missed ---
async function openStream() {
  const controller = new AbortController();
  stream = controller;
  setStream('connecting', 'Connecting to live events...');
  try {
    const response = await openEvents(auth, controller.signal);
    setStream('live', 'Live');
    await loadCalls();
    await readEvents(response, dispatch);
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

function dispatch(event) {
  const data = event.data;
  if (event.name === 'call') {
    onCall(data);
  } else if (event.name === 'recording') {
    onRecording(data);
  } else if (event.name === 'screen-capture') {
    context.screens.set(data.dn, data.state);
    calls.forEach((entry) => { if (entry.call.parties.includes(data.dn)) draw(entry); });
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
  await Promise.all(details.parties.filter((dn) => context.inScope(dn) && !context.screens.has(dn)).map(async (dn) => {
    const screen = await api('GET', '/dns/' + encodeURIComponent(dn) + '/screen-capture');
    context.screens.set(dn, screen.state);
  }));
  draw(entry);
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
    draw(entry);
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
  draw(entry);
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

function draw(entry) {
  render(entry, context);
  updateCount();
}

// --- the buttons: the API answers, the event stream shows the new state ---
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
  draw(entry);
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

$('login').addEventListener('submit', login);
$('logout').addEventListener('click', logout);
setInterval(() => document.querySelectorAll('.call-duration').forEach(tick), 1000);
$('application').focus();
