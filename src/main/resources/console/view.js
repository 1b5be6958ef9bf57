// RecGate supervisor console: one call as a card (docs/api.md, Supervisor console). Everything is
// built with textContent, never HTML from data; the focused button is focused again after a re-render.

/** The states that wait for the recorder. */
export const PENDING = new Set(['Starting', 'Pausing', 'Resuming', 'Stopping']);

/**
 * The call's card, made on first use: context has screens (dn -> state), inScope(dn), and the
 * buttons' actions start(entry) and operate(entry, recording, operation).
 */
export function render(entry, context) {
  const focused = document.activeElement && document.activeElement.dataset
    ? document.activeElement.dataset.focusKey : undefined;
  if (!entry.element) {
    entry.element = document.getElementById('call-template').content.firstElementChild.cloneNode(true);
    entry.element.querySelector('.start').addEventListener('click', () => context.start(entry));
    document.getElementById('calls').append(entry.element);
  }
  const call = entry.call;
  const element = entry.element;
  element.dataset.connectionId = call.connectionId;
  element.querySelector('.call-id').textContent = call.connectionId;
  element.querySelector('.call-parties').textContent = call.parties.join(' \u2194 ')
    + (call.ani ? ' \u00b7 ANI ' + call.ani : '') + (call.dnis ? ' \u00b7 DNIS ' + call.dnis : '');
  element.querySelector('.call-duration').dataset.started = call.started;
  tick(element.querySelector('.call-duration'));
  renderScreens(element.querySelector('.call-screen'), call.parties, context);
  renderStart(entry, context);
  renderRecordings(entry, context);
  renderTimeline(entry);
  if (focused) {
    const again = element.querySelector('[data-focus-key="' + focused + '"]');
    if (again) {
      again.focus();
    }
  }
}

function renderScreens(container, parties, context) {
  const badges = parties.filter(context.inScope).map((dn) => {
    const state = context.screens.get(dn);
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

function renderStart(entry, context) {
  const select = entry.element.querySelector('.start-dn');
  const current = select.value;
  const options = entry.call.parties.filter(context.inScope).map((dn) => {
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

function renderRecordings(entry, context) {
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
    row.append(actions(entry, recording, context));
    return row;
  });
  entry.element.querySelector('.recordings').hidden = rows.length === 0;
  entry.element.querySelector('.recordings tbody').replaceChildren(...rows);
}

function actions(entry, recording, context) {
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
    button.addEventListener('click', () => context.operate(entry, recording, operation));
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

export function stateClass(state) {
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

export function tick(element) {
  const seconds = Math.max(0, Math.floor((Date.now() - Date.parse(element.dataset.started)) / 1000));
  const h = Math.floor(seconds / 3600);
  const m = String(Math.floor((seconds % 3600) / 60)).padStart(2, '0');
  const s = String(seconds % 60).padStart(2, '0');
  element.textContent = (h > 0 ? h + ':' : '') + m + ':' + s;
}
