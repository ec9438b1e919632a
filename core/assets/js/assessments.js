// SPDX-License-Identifier: AGPL-3.0-or-later
/* global document, window */
/**
 * Progressive enhancement of assessment forms (core/views/forms): conditional fields appear and disappear
 * as the operator answers, and the totals are added up live, with their band once every item is scored and the
 * profiles those bands make.
 * Without this script every field is shown with its condition written beside it, and the server drops the
 * answers that do not apply; the totals appear on the saved assessment. On the print view, it shows the
 * print button.
 *
 * Loaded as a file (the Content-Security-Policy allows no inline script); what it needs comes from data-*
 * attributes the renderer writes: data-visible-when (a condition as JSON), data-points, data-total-*, data-classification-*.
 */
(function () {
  'use strict';

  const printButton = document.querySelector('[data-print]');
  if (printButton) {
    printButton.hidden = false;
    printButton.addEventListener('click', () => window.print());
  }

  const form = document.querySelector('form[data-assessment-form]');
  if (!form) return;
  form.classList.add('sigess-enhanced');
  const strings = JSON.parse(form.getAttribute('data-live-strings') || '{}');
  const fill = (template, values) => String(template || '').replace(/\{\{(\w+)\}\}/g, (_, key) => (key in values ? values[key] : ''));
  const containers = Array.from(form.querySelectorAll('[data-section], [data-field]'));

  /** The answer of one field as the server reads it: a string, or the list of a multi-choice. */
  function answerOf(container) {
    const inputs = Array.from(container.querySelectorAll('input, select, textarea'));
    const checkable = inputs.filter((i) => i.type === 'checkbox' || i.type === 'radio');
    if (checkable.length) {
      const chosen = checkable.filter((i) => i.checked && i.value !== '').map((i) => i.value);
      return inputs.some((i) => i.type === 'checkbox') ? chosen : chosen[0];
    }
    const value = inputs[0] ? inputs[0].value.trim() : '';
    return value === '' ? undefined : value;
  }

  function holds(condition, seen) {
    if (!condition) return true;
    const answer = seen[condition.field];
    const values = Array.isArray(answer) ? answer : answer === undefined ? [] : [answer];
    return values.some((v) => condition.equals.indexOf(v) >= 0);
  }

  function show(container, visible) {
    container.hidden = !visible;
    for (const input of container.querySelectorAll('input, select, textarea')) input.disabled = !visible;
  }

  /** In form order, as the engine does (engine.ts visibleFields): a hidden field answers nothing to the fields after it. */
  function applyConditions() {
    const seen = {};
    let sectionShown = true;
    for (const container of containers) {
      const condition = container.hasAttribute('data-visible-when') ? JSON.parse(container.getAttribute('data-visible-when')) : null;
      if (container.hasAttribute('data-section')) {
        sectionShown = holds(condition, seen);
        container.hidden = !sectionShown;
        continue;
      }
      const visible = sectionShown && holds(condition, seen);
      show(container, visible);
      if (visible) {
        const answer = answerOf(container);
        if (answer !== undefined) seen[container.getAttribute('data-field')] = answer;
      }
    }
  }

  function updateTotals() {
    const panel = form.querySelector('[data-live-totals]');
    if (!panel) return;
    panel.hidden = false;
    /** Total id → the id of its band, for the totals complete with a band: what the profiles read. */
    const bandIds = {};
    for (const line of panel.querySelectorAll('[data-total]')) {
      const fields = JSON.parse(line.getAttribute('data-total-fields') || '[]');
      const bands = JSON.parse(line.getAttribute('data-total-bands') || '[]');
      let value = 0;
      let max = 0;
      let items = 0;
      let answered = 0;
      for (const id of fields) {
        const container = form.querySelector('[data-field="' + id + '"]');
        if (!container || container.hidden) continue;
        items += 1;
        const radios = Array.from(container.querySelectorAll('input[data-points]'));
        max += Math.max(0, ...radios.map((r) => Number(r.getAttribute('data-points'))));
        const chosen = radios.find((r) => r.checked);
        if (chosen) {
          value += Number(chosen.getAttribute('data-points'));
          answered += 1;
        }
      }
      const complete = items > 0 && answered === items;
      const band = complete ? bands.find((b) => value >= b.from && value <= b.to) : null;
      if (band && band.id) bandIds[line.getAttribute('data-total')] = band.id;
      line.querySelector('[data-total-value]').textContent = value + ' / ' + max;
      line.querySelector('[data-total-band]').textContent = band ? '— ' + band.label : '';
      line.querySelector('[data-total-progress]').textContent = complete
        ? ''
        : '(' + fill(strings.answered, { answered: answered, items: items }) + '; ' + strings.notComplete + ')';
    }
    updateProfiles(panel, bandIds);
  }

  /** As the engine does (engine.ts computeClassifications): once every total read has its band, the first row that matches. */
  function updateProfiles(panel, bandIds) {
    for (const line of panel.querySelectorAll('[data-classification]')) {
      const totals = JSON.parse(line.getAttribute('data-classification-totals') || '[]');
      const profiles = JSON.parse(line.getAttribute('data-classification-profiles') || '[]');
      const complete = totals.every((id) => id in bandIds);
      const profile = complete
        ? profiles.find((p) => Object.keys(p.when).every((total) => p.when[total].indexOf(bandIds[total]) >= 0))
        : null;
      line.querySelector('[data-classification-profile]').textContent = profile ? profile.label : '(' + strings.profilePending + ')';
    }
  }

  function refresh() {
    applyConditions();
    updateTotals();
  }
  form.addEventListener('change', refresh);
  form.addEventListener('input', refresh);
  refresh();
})();
