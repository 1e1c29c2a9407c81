// item_marks.js - the instructor's marks of a lesson's items in the debrief
// panel: what the simulator cannot observe (a checklist, the lookout, the
// radio calls), one <select> per item of a stored sortie the trainee flew
// (POST /api/records/mark; docs/station-protocol.md).  An item marked
// Unsatisfactory makes the sortie Unsat, so the answer carries the
// sortie's grading, which the caller shows.

import { postJson } from './api.js';

const MARKS = ['none', 'Excellent', 'Good', 'Fair', 'Unsatisfactory'];
const markClass = (m) => String(m ?? '').toLowerCase().replace(/[^a-z]+/g, '-');

// The mark cell of item e ({exercise, id, mark}) of stored sortie `sortie`:
// a select and its state; onGraded(body) gets the sortie's new grading.
export function itemMarkCell(sortie, e, onGraded) {
  const td = document.createElement('td');
  td.className = 'item-mark';
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
  const state = document.createElement('span');
  state.className = 'muted small';
  state.setAttribute('role', 'status');
  if (typeof e.marked_by === 'string' && e.marked_by) state.textContent = `by ${e.marked_by}`;
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
