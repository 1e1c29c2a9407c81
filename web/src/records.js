// records.js - the Records panel of the instructor page: one trainee's
// training record from the station's records API (docs/station-protocol.md,
// "Records"): the progress through the course's syllabus (lessons passed,
// the next one due, simulator hours), each syllabus lesson with its
// sorties flown, passes and last result, and the trainee's sorties, newest
// first, each with a link to its debrief page.
//
// The panel's trainee picker follows the trainee chosen for the sortie
// until the instructor picks one in the panel itself.  Every text from
// the server goes in with textContent; links are made only from the
// server's own debrief path.

import { getJson } from './api.js';

const DEBRIEF_PATH = '/api/records/debrief?';
const EXPORT_PATH = '/api/records/export?';

const el = (tag, text, className) => {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (className) e.className = className;
  return e;
};

const markClass = (m) => String(m ?? '').toLowerCase().replace(/[^a-z]+/g, '-');

// Hours as h:mm ("0:04"), the way flying time is logged.
export function formatHours(h) {
  if (typeof h !== 'number' || !Number.isFinite(h) || h < 0) return '—';
  const min = Math.round(h * 60);
  return `${Math.floor(min / 60)}:${String(min % 60).padStart(2, '0')}`;
}

// Seconds as m:ss ("6:40").
export function formatDuration(s) {
  if (typeof s !== 'number' || !Number.isFinite(s) || s < 0) return '—';
  const sec = Math.round(s);
  return `${Math.floor(sec / 60)}:${String(sec % 60).padStart(2, '0')}`;
}

// An ISO 8601 UTC time as "2025-11-29 07:50:12Z"; anything else as it is.
function formatStarted(t) {
  if (typeof t !== 'string') return '—';
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d(?::\d\d)?)/.exec(t);
  return m ? `${m[1]} ${m[2]}Z` : t;
}

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

// Builds the panel on the elements of index.html (#records-trainee,
// #records-refresh, #records-progress, #records-next-due, #records-hours,
// #records-error, #records-lessons, #records-sorties, #records-choose-due,
// #records-print: the trainee's printable training record).
// onChooseDue(serviceNumber, lessonId) is called when the instructor
// chooses the next lesson due for the sortie.  Returns
// {setTrainees(list), follow(serviceNumber), refresh(), clear()}.
export function createRecords({ onChooseDue = () => {}, onOpenSortie = () => {}, onReplaySortie = () => {} } = {}) {
  const $ = (id) => document.getElementById(id);
  const panel = $('records');
  const select = $('records-trainee');
  let picked = false;     // the instructor chose a trainee in this panel
  let generation = 0;     // answers to an older request are dropped

  function setState(state) {
    panel.dataset.state = state;
    $('records-refresh').disabled = state === 'loading';
  }

  function clearTables() {
    $('records-lessons').tBodies[0].textContent = '';
    $('records-sorties').tBodies[0].textContent = '';
    $('records-next-due').textContent = '—';
    delete $('records-next-due').dataset.lessonId;
    $('records-choose-due').hidden = true;
    $('records-board').hidden = true;
    $('records-board').tBodies[0].textContent = '';
    $('records-due-line').hidden = false;
    $('records-tables').hidden = false;
    $('records-hours').textContent = '';
    $('records-print-line').hidden = true;
    $('records-print').removeAttribute('href');
    const p = $('records-progress');
    p.textContent = select.value ? '' : 'Choose a trainee.';
    for (const k of ['sorties', 'passed', 'syllabus']) delete p.dataset[k];
  }

  // The trainees of GET /api/trainees; keeps the one chosen, if still there.
  function setTrainees(list) {
    const before = select.value;
    select.textContent = '';
    select.appendChild(new Option('— choose —', ''));
    for (const t of Array.isArray(list) ? list : []) {
      if (typeof t?.service_number !== 'string' || !t.service_number) continue;
      const extra = [t.service_number, t.course].filter(Boolean).join(', ');
      select.appendChild(new Option(`${t.name ?? t.service_number} (${extra})`, t.service_number));
    }
    select.value = before;
    if (select.value !== before) select.value = '';
    if (!select.value && select.options.length > 1) refresh(); /* the board */
  }

  // The trainee chosen for the sortie ('' for none): shown here too,
  // unless the instructor picked another one in this panel.
  function follow(serviceNumber) {
    if (picked || !serviceNumber || select.value === serviceNumber) return;
    const before = select.value;
    select.value = serviceNumber;
    if (select.value !== serviceNumber) {
      select.value = before;
      return;
    }
    refresh();
  }

  async function refresh() {
    const number = select.value;
    const mine = ++generation;
    $('records-error').textContent = '';
    if (!number) {
      clearTables();
      setState('empty');
      const board = await getJson('/api/records/board');
      if (mine !== generation || select.value) return;
      if (board.status === 200 && Array.isArray(board.body)) showBoard(board.body);
      return;
    }
    setState('loading');
    const q = encodeURIComponent(number);
    const [progress, sorties] = await Promise.all([
      getJson(`/api/records/progress?trainee=${q}`),
      getJson(`/api/records/sorties?trainee=${q}`),
    ]);
    if (mine !== generation) return;
    clearTables();
    const failed = [progress, sorties].find((r) => r.status !== 200);
    if (failed) {
      $('records-error').textContent =
        failed.body?.error || `the records cannot be read (HTTP ${failed.status})`;
      setState('error');
      return;
    }
    const titles = showProgress(progress.body ?? {});
    showSorties(Array.isArray(sorties.body) ? sorties.body : [], titles);
    $('records-print').href = `/api/records/record?trainee=${q}`;
    $('records-print-line').hidden = false;
    panel.dataset.trainee = number;
    setState('loaded');
  }

  // The summary and the lessons table; returns lesson id -> title.
  function showProgress(p) {
    const titles = new Map();
    const sorties = Number.isInteger(p.sorties) ? p.sorties : 0;
    const passed = Number.isInteger(p.passed) ? p.passed : 0;
    const syllabus = Number.isInteger(p.syllabus) ? p.syllabus : 0;
    const demos = Number.isInteger(p.demonstrations) ? p.demonstrations : 0;
    const text = $('records-progress');
    text.textContent =
      `Passed ${passed} of ${syllabus} lessons` +
      (Number.isInteger(p.outstanding) ? `, ${p.outstanding} outstanding` : '') +
      (p.repeated ? `, ${plural(p.repeated, 'lesson')} repeated` : '') +
      `; ${plural(sorties, 'sortie')} flown` +
      (demos ? ` (${plural(demos, 'demonstration')} by the automatic pilot, never a pass)` : '');
    text.dataset.sorties = String(sorties);
    text.dataset.passed = String(passed);
    text.dataset.syllabus = String(syllabus);
    text.dataset.demonstrations = String(demos);

    const due = $('records-next-due');
    if (p.next_due) {
      due.textContent = p.next_due.title || p.next_due.lesson_id || '—';
      due.dataset.lessonId = p.next_due.lesson_id ?? '';
      $('records-choose-due').hidden = !p.next_due.lesson_id;
    } else {
      due.textContent = syllabus > 0 ? 'none: every lesson passed' : '—';
      delete due.dataset.lessonId;
    }

    const types = Array.isArray(p.types) ? p.types : [];
    $('records-hours').textContent =
      `Simulator time ${formatHours(p.hours)} (h:min)` +
      (types.length
        ? `: ${types.map((t) => `${t.aircraft_type} ${formatHours(t.hours)} in ${plural(t.sorties ?? 0, 'sortie')}`).join(', ')}`
        : '');

    const body = $('records-lessons').tBodies[0];
    const lessons = Array.isArray(p.lessons) ? [...p.lessons] : [];
    // Syllabus order (seq 1..), then the lessons outside the syllabus (seq 0).
    lessons.sort((a, b) => (a.seq || Infinity) - (b.seq || Infinity));
    for (const l of lessons) {
      if (l.lesson_id && l.title) titles.set(l.lesson_id, l.title);
      const tr = el('tr');
      tr.dataset.lessonId = l.lesson_id ?? '';
      if (p.next_due && l.lesson_id === p.next_due.lesson_id) tr.className = 'due';
      tr.appendChild(el('td', l.seq ? l.seq : '–', 'num'));
      const title = el('td', l.title || l.lesson_id || '?');
      title.title = l.lesson_id ?? '';
      // flown by hand, not yet passed: what its last sortie failed
      if (typeof l.work_on === 'string' && l.work_on) {
        const w = el('div', `to work on: ${l.work_on}`, 'work-on muted');
        title.appendChild(w);
      }
      tr.appendChild(title);
      tr.appendChild(el('td', l.flown ?? 0, 'num'));
      tr.appendChild(el('td', l.passes ?? 0, 'num'));
      tr.appendChild(el('td', l.demonstrations ?? 0, 'num'));
      tr.appendChild(el('td', l.last ?? '—', `mark ${markClass(l.last ?? 'not-observed')}`));
      body.appendChild(tr);
    }
    return titles;
  }

  // No trainee chosen: every trainee on one line; a click opens the record.
  function showBoard(list) {
    const body = $('records-board').tBodies[0];
    body.textContent = '';
    for (const t of list) {
      if (typeof t?.service_number !== 'string' || !t.service_number) continue;
      const tr = el('tr');
      tr.dataset.trainee = t.service_number;
      tr.className = 'pick';
      tr.title = `the record of ${t.service_number}`;
      tr.appendChild(el('td', `${t.name ?? ''} (${t.service_number})`));
      tr.appendChild(el('td', t.course ?? ''));
      tr.appendChild(el('td', `${t.passed ?? 0} of ${t.syllabus ?? 0}`, 'num'));
      tr.appendChild(el('td', t.demonstrations ?? 0, 'num'));
      tr.appendChild(el('td', formatHours(t.hours), 'num'));
      tr.appendChild(el('td', t.next_due ? t.next_due.title || t.next_due.lesson_id : 'none: course complete'));
      tr.addEventListener('click', () => {
        select.value = t.service_number;
        if (select.value !== t.service_number) return;
        picked = true;
        refresh();
      });
      body.appendChild(tr);
    }
    $('records-board').hidden = false;
    // the one trainee's parts have nothing to show
    $('records-due-line').hidden = true;
    $('records-tables').hidden = true;
    $('records-progress').textContent = list.length ? 'Choose a trainee, or click one below.' : 'No trainees yet.';
  }

  // The sorties, newest first (the API lists them oldest first).
  function showSorties(list, titles) {
    const body = $('records-sorties').tBodies[0];
    if (list.length === 0) {
      const tr = el('tr');
      const td = el('td', 'No sorties yet.', 'muted');
      td.colSpan = 6;
      tr.appendChild(td);
      body.appendChild(tr);
      return;
    }
    for (const s of [...list].reverse()) {
      const tr = el('tr');
      tr.dataset.sortieId = String(s.id);
      tr.dataset.lessonId = s.lesson_id ?? '';
      tr.appendChild(el('td', formatStarted(s.started_at), 'mono'));
      const lesson = el('td', titles.get(s.lesson_id) || s.lesson_id || '?');
      lesson.title = s.lesson_id ?? '';
      tr.appendChild(lesson);
      tr.appendChild(el('td', formatDuration(s.duration_s), 'num'));
      const result = el('td', s.result ?? '?', `mark result ${markClass(s.result)}`);
      const g = s.instructor_grade;
      if (g && typeof g === 'object') { // the instructor's grade: the automatic one and the reason on hover
        result.classList.add('regraded');
        result.dataset.autoResult = g.auto_result ?? '';
        result.title = `The instructor's grade (graded ${g.auto_result ?? '?'}${g.by ? `; ${g.by}` : ''}): ${g.reason ?? ''}`;
      }
      // the lesson's items the instructor has still to mark (debrief panel, or `saqr sorties mark`)
      if (Number.isInteger(s.items_to_mark) && s.items_to_mark > 0) {
        const tag = el('div', `${s.items_to_mark} to mark`, 'to-mark small');
        tag.title = 'Items of the lesson the simulator cannot observe, not marked by an instructor yet';
        result.appendChild(tag);
      }
      tr.appendChild(result);
      const pilot = s.demonstration === true ? `${s.pilot} (demonstration)` : s.pilot;
      const who = el('td', [pilot, s.instructor && `instr. ${s.instructor}`].filter(Boolean).join(', '), 'muted');
      if (s.summary) who.title = s.summary;
      // the instructor's comment, under who flew it
      if (typeof s.comment === 'string' && s.comment) {
        const said = el('div', s.comment, 'comment');
        who.appendChild(said);
      }
      tr.appendChild(who);
      const link = el('td');
      const url = s.debrief_url;
      if (typeof url === 'string' && url.startsWith(DEBRIEF_PATH)) {
        const a = el('a', 'Debrief', 'debrief-link');
        a.href = url;
        a.target = '_blank';
        a.rel = 'noopener';
        link.appendChild(a);
        for (const [key, label] of [['csv_url', 'CSV'], ['acmi_url', 'ACMI']]) {
          const u = s[key];
          if (typeof u !== 'string' || !u.startsWith(EXPORT_PATH)) continue;
          const x = el('a', label, `export-link export-${label.toLowerCase()}`);
          x.href = u;
          x.download = '';
          x.title = label === 'ACMI' ? 'the flight for Tacview' : 'the recorded channels';
          link.append(' ', x);
        }
        // its flight played back on the station's instruments and map
        const replay = el('button', 'Replay', 'replay-sortie small');
        replay.type = 'button';
        replay.title = "Load this sortie's flight into the station's replay (its last 10 minutes), when no sortie is flown";
        replay.addEventListener('click', () => onReplaySortie(s.id));
        link.append(' ', replay);
      } else {
        link.textContent = 'no recording';
        link.className = 'muted';
      }
      // a sortie flown by hand: debrief it in the panel (comment, grade, items)
      if (s.demonstration !== true) {
        const open = el('button', 'Debrief here', 'open-sortie small');
        open.type = 'button';
        open.title = "Open this sortie in the debrief panel: the instructor's comment, grade and items";
        open.addEventListener('click', () => onOpenSortie(s.id));
        link.append(' ', open);
      }
      tr.appendChild(link);
      body.appendChild(tr);
    }
  }

  // Logged out: nothing of the records stays on the page.
  function clear() {
    generation++;
    picked = false;
    setTrainees([]);
    clearTables();
    $('records-error').textContent = '';
    delete panel.dataset.trainee;
    setState('empty');
  }

  select.addEventListener('change', () => {
    picked = select.value !== '';
    refresh();
  });
  $('records-refresh').addEventListener('click', () => refresh());
  $('records-choose-due').addEventListener('click', () => {
    const lesson = $('records-next-due').dataset.lessonId;
    if (panel.dataset.trainee && lesson) onChooseDue(panel.dataset.trainee, lesson);
  });
  setState('empty');

  return { setTrainees, follow, refresh, clear };
}
