// item_marks.js - the instructor's marks of a lesson's items: what the
// simulator cannot observe (a checklist, the lookout, the radio calls), one
// <select> per item.  In flight, the Exercise panel lists the lesson's items
// and a mark goes to the station as a `mark` message, an event of the
// recording that the grade sheet and any regrade carry; after the sortie,
// the debrief panel marks a stored sortie's items (POST /api/records/mark).
// An item marked Unsatisfactory makes the sortie Unsat (docs/lessons.md).

import { postJson } from './api.js';

const MARKS = ['none', 'Excellent', 'Good', 'Fair', 'Unsatisfactory'];
const markClass = (m) => String(m ?? '').toLowerCase().replace(/[^a-z]+/g, '-');

// A picker of item e's ({exercise, id, mark}) mark, "to mark" until marked.
function markSelect(e) {
  const select = document.createElement('select');
  select.dataset.item = `${e.exercise}/${e.id}`;
  select.title = "The instructor's mark: the simulator cannot observe this";
  for (const m of MARKS) {
    const o = document.createElement('option');
    o.value = m;
    o.textContent = m === 'none' ? 'to mark' : m;
    select.appendChild(o);
  }
  select.value = MARKS.includes(e.mark) ? e.mark : 'none';
  select.className = `mark ${markClass(select.value)}`;
  return select;
}

function statusSpan(e) {
  const state = document.createElement('span');
  state.className = 'muted small';
  state.setAttribute('role', 'status');
  if (typeof e.marked_by === 'string' && e.marked_by) state.textContent = `by ${e.marked_by}`;
  return state;
}

// The mark cell of item e ({exercise, id, mark}) of stored sortie `sortie`:
// a select and its state; onGraded(body) gets the sortie's new grading.
export function itemMarkCell(sortie, e, onGraded) {
  const td = document.createElement('td');
  td.className = 'item-mark';
  const select = markSelect(e);
  const state = statusSpan(e);
  select.addEventListener('change', async () => {
    select.disabled = true;
    state.textContent = 'saving…';
    const r = await postJson('/api/records/mark', { sortie, exercise: e.exercise, item: e.id, mark: select.value });
    select.disabled = false;
    if (r.status === 200) {
      select.className = `mark ${markClass(select.value)}`;
      state.textContent = 'saved';
      state.dataset.state = 'saved';
      onGraded(r.body);
    } else {
      state.textContent = `not stored: ${r.body?.error ?? r.status}`;
      state.dataset.state = 'error';
    }
  });
  td.append(select, ' ', state);
  return td;
}

// The sortie in flight's items (the state's `items`: {exercise,
// exercise_index, id, title, mark, marked_by}) as rows of `table`, those of
// the exercise flown now (`current`, its index) marked so; the table is
// hidden when the lesson has none.  send(msg) sends a `mark` message; the
// row follows the state, so a mark shows once the station has it.
export function showLiveItems(table, items, current, send) {
  const list = Array.isArray(items) ? items : [];
  table.hidden = list.length === 0;
  const body = table.tBodies[0];
  body.textContent = '';
  for (const e of list) {
    const tr = document.createElement('tr');
    if (e.exercise_index === current) tr.className = 'current';
    const title = document.createElement('td');
    title.textContent = e.title ?? e.id;
    const td = document.createElement('td');
    td.className = 'item-mark';
    const select = markSelect(e);
    select.addEventListener('change', () => {
      select.disabled = true; // until the state carries it
      send({ type: 'mark', exercise: e.exercise, item: e.id, mark: select.value });
    });
    td.append(select, ' ', statusSpan(e));
    tr.append(title, td);
    body.appendChild(tr);
  }
}
