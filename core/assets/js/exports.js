// SPDX-License-Identifier: AGPL-3.0-or-later
/* global document, window */
/**
 * The exports page's live progress: while a run is queued or running, the runs are read again from the
 * JSON API every two seconds and each row's bar, numbers and state follow. When a run changes state
 * (it starts, finishes, fails) or its total becomes known, the page is loaded again, so that the server
 * renders its download link or its reason. Without this script the page shows the state it was loaded
 * with, and reloading it shows the latest.
 *
 * Loaded as a file (the Content-Security-Policy allows no inline script); the bar's width is one of the
 * sigess-progress-N classes of exports.css, since no style attribute is allowed either.
 */
(function () {
  'use strict';

  const table = document.querySelector('table[data-export-runs][data-polling]');
  if (!table) return;
  const source = table.getAttribute('data-source');
  const states = JSON.parse(table.getAttribute('data-states') || '{}');
  const template = table.getAttribute('data-progress-template') || '{done} / {total}';
  const count = new Intl.NumberFormat(document.documentElement.lang || 'it');
  const EVERY_MS = 2000;
  let failures = 0;

  /** The rows of runs still under way. */
  const activeRows = () =>
    Array.from(table.querySelectorAll('tr[data-run]')).filter((row) => {
      const state = row.getAttribute('data-state');
      return state === 'queued' || state === 'running';
    });

  function update(row, run) {
    const bar = row.querySelector('.progress-bar[aria-valuenow]');
    if (bar) {
      const percent = run.progress.percent;
      bar.className = bar.className.replace(/\bsigess-progress-\d+\b/, 'sigess-progress-' + percent);
      bar.setAttribute('aria-valuenow', String(percent));
      const label = row.querySelector('[data-percent-text]');
      if (label) label.textContent = percent + '%';
    }
    const text = row.querySelector('[data-progress-text]');
    if (text && run.progress.total)
      text.textContent = template.replace('{done}', count.format(run.progress.done)).replace('{total}', count.format(run.progress.total));
    const badge = row.querySelector('[data-testid="state"]');
    if (badge && states[run.state]) badge.textContent = states[run.state];
  }

  async function poll() {
    let items;
    try {
      const res = await fetch(source, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      if (!res.ok) throw new Error(String(res.status));
      items = (await res.json()).items || [];
      failures = 0;
    } catch {
      // The server restarting, the network gone for a moment: try again, less often.
      failures += 1;
      window.setTimeout(poll, EVERY_MS * Math.min(15, 2 ** failures));
      return;
    }
    for (const row of activeRows()) {
      const run = items.find((item) => item.id === row.getAttribute('data-run'));
      if (!run) continue;
      const becameKnown = row.hasAttribute('data-indeterminate') && run.state === 'running' && run.progress.total;
      if (run.state !== row.getAttribute('data-state') || becameKnown) {
        window.location.reload();
        return;
      }
      update(row, run);
    }
    if (activeRows().length) window.setTimeout(poll, EVERY_MS);
  }

  window.setTimeout(poll, EVERY_MS);
})();
