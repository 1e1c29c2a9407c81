// live_elements.js - the current exercise's graded elements in flight, on
// the instructor's Exercise panel: each with its mark so far, the latest
// place it was left ("t=132.4 s: Altitude 4,870 ft, 130 ft below ...")
// and a Replay button that replays the sortie's last minutes from 10 s
// before the element's worst moment so far, the simulation paused
// meanwhile - to show the trainee there and then what went wrong.

import { secondsBackTo, sortieClock } from './stored_replay.js';

// table: the panel's <table>; markRow(cells, mark) builds a row; send
// sends to the station; note reports; speed() the Replay panel's speed.
export function createLiveElements(table, { markRow, send, note, speed }) {
  let elements = [];   // the newest state's, read when a button is pressed
  let liveT = NaN;     // sim time of the newest state that is not a replay
  let key = '';

  function replay(i, b) {
    const e = elements[i];
    const at = e?.worst_t_s;
    if (!Number.isFinite(at)) {
      note('replay: that element has not been graded yet', 'error');
      return;
    }
    const seconds = secondsBackTo(liveT, at);
    if (seconds === null) {
      note('replay: that moment is older than the ten minutes the station keeps', 'error');
      return;
    }
    b.dataset.seconds = String(seconds);
    send({ type: 'replay', seconds, speed: speed() });
  }

  function row(e, i) {
    const tr = markRow([e.title ?? e.id], e.mark);
    const left = document.createElement('td');
    left.className = 'deduction small';
    tr.appendChild(left);
    const td = document.createElement('td');
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'replay-live small';
    b.textContent = 'Replay';
    b.addEventListener('click', () => replay(i, b));
    td.appendChild(b);
    tr.appendChild(td);
    return tr;
  }

  // The rows are rebuilt when an element or a mark changes; the worst
  // moments and the deductions, which move with every state while an
  // element is out, are changed in place (a rebuilt button loses a click).
  function update(s, list) {
    if (!s.replay && Number.isFinite(s.t)) liveT = s.t;
    elements = Array.isArray(list) ? list : [];
    const k = JSON.stringify(elements.map((e) => [e.id, e.title, e.mark]));
    const body = table.tBodies[0];
    if (k !== key) {
      key = k;
      body.replaceChildren(...elements.map(row));
    }
    elements.forEach((e, i) => {
      const tr = body.rows[i];
      if (!tr) return;
      tr.cells[2].textContent = e.deduction ?? '';
      const b = tr.cells[3].firstChild;
      const at = e.worst_t_s;
      b.disabled = !Number.isFinite(at);
      b.dataset.t = Number.isFinite(at) ? String(at) : '';
      b.title = Number.isFinite(at)
        ? `Replay from 10 s before its worst moment so far (${sortieClock(at)} into the sortie)`
        : 'Not graded yet';
    });
  }

  return { update };
}
