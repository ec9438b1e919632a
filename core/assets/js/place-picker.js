// SPDX-License-Identifier: AGPL-3.0-or-later
/* global document, window, MutationObserver */
/**
 * The person form's place fields (birth place, comune of residence and domicile) as comboboxes: the
 * operator types "Orvi" and picks "Orvieto (TR)" from /api/v1/places. Progressive enhancement: without
 * this script the same inputs take a name or a cadastral code, which the server resolves.
 *
 * The combobox is Bootstrap Italia's accessible-autocomplete (the ARIA combobox pattern, with its live
 * status messages), loaded as the module Bootstrap Italia ships. Bootstrap Italia's own SelectAutocomplete
 * wrapper is not used: it takes only strings and writes the chosen string into the field, while a place
 * needs a name to show and a code to keep. The code goes into the field's hidden "choice" input; the
 * server takes it while the text is still that place's name (see people/places.ts).
 *
 * Loaded as a file (the Content-Security-Policy allows no inline script); what it needs comes from the
 * form's data-place-* attributes.
 */
(function () {
  'use strict';

  const form = document.querySelector('form[data-place-picker]');
  if (!form) return;
  const strings = JSON.parse(form.getAttribute('data-place-strings') || '{}');
  const source = form.getAttribute('data-place-source');
  const MIN_LENGTH = 2;
  const DELAY_MS = 150;

  const escape = (text) =>
    String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
  const fill = (template, values) => String(template || '').replace(/\{\{(\w+)\}\}/g, (_, key) => (key in values ? values[key] : ''));

  /** As the server writes it (placeLabel in people/places.ts): the hidden choice stands only while they agree. */
  const label = (place) => (place.province ? place.name + ' (' + place.province + ')' : place.name);

  function today() {
    const now = new Date();
    const pad = (n) => String(n).padStart(2, '0');
    return now.getFullYear() + '-' + pad(now.getMonth() + 1) + '-' + pad(now.getDate());
  }

  /** The day places must exist on: the birth date once it is a whole date, today for an address. */
  function dayFor(group) {
    const id = group.getAttribute('data-place-date-field');
    if (!id) return today();
    const value = document.getElementById(id)?.value ?? '';
    return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : '';
  }

  /** One option of the list: the place's name, then what tells homonyms apart. The library inserts it as HTML. */
  function suggestion(place) {
    if (!place || typeof place !== 'object') return escape(place || '');
    const details = [
      place.kind === 'foreign-state' ? strings.foreignState : null,
      place.belfioreCode,
      place.validTo ? fill(strings.ceased, { date: place.validTo }) : null,
    ].filter(Boolean);
    return escape(label(place)) + ' <small class="sigess-place-option__details">' + escape(details.join(' · ')) + '</small>';
  }

  /** Places matching the query, of the kinds the field takes; the latest query wins, earlier ones are dropped. */
  function searcher(group) {
    const kinds = (group.getAttribute('data-place-kinds') || '').split(' ');
    let timer = null;
    let pending = null;
    return (query, populate) => {
      window.clearTimeout(timer);
      if (pending) pending.abort();
      timer = window.setTimeout(() => {
        const controller = new AbortController();
        pending = controller;
        const params = new URLSearchParams({ q: query, limit: '20' });
        const on = dayFor(group);
        if (on) params.set('on', on);
        fetch(source + '?' + params.toString(), {
          headers: { Accept: 'application/json' },
          credentials: 'same-origin',
          signal: controller.signal,
        })
          .then((response) => (response.ok ? response.json() : { items: [] }))
          .then((body) => populate((body.items || []).filter((place) => kinds.includes(place.kind)).slice(0, 10)))
          .catch((error) => {
            // A newer query aborted this one; anything else (a lost session) just shows no suggestions.
            if (error.name !== 'AbortError') populate([]);
          });
      }, DELAY_MS);
    };
  }

  /**
   * The library owns the input's aria-describedby (its usage hint, dropped after the first use): this keeps
   * the field's own error, warning and hint described too.
   */
  function keepDescriptions(input, own) {
    if (!own) return;
    const apply = () => {
      const current = (input.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
      const wanted = [...new Set([...current, ...own.split(' ').filter(Boolean)])].join(' ');
      if (input.getAttribute('aria-describedby') !== wanted) input.setAttribute('aria-describedby', wanted);
    };
    apply();
    new MutationObserver(apply).observe(input, { attributes: true, attributeFilter: ['aria-describedby'] });
  }

  function enhance(autocomplete, group) {
    const original = group.querySelector('input[type="text"]');
    const choice = group.querySelector('input[data-place-choice]');
    if (!original || !choice) return;
    const container = document.createElement('div');
    container.className = 'sigess-place-picker';
    original.replaceWith(container);
    autocomplete({
      element: container,
      id: original.id,
      name: original.name,
      defaultValue: original.value,
      minLength: MIN_LENGTH,
      // Leaving the field keeps what was typed: a place is chosen on purpose, never by tabbing past the list.
      confirmOnBlur: false,
      displayMenu: 'overlay',
      showNoOptionsFound: true,
      inputClasses: original.className,
      source: searcher(group),
      templates: {
        inputValue: (place) => (place && typeof place === 'object' ? label(place) : place || ''),
        suggestion,
      },
      onConfirm: (place) => {
        if (place && typeof place === 'object') choice.value = place.belfioreCode;
      },
      tNoResults: () => strings.noResults,
      tStatusQueryTooShort: (length) => fill(strings.tooShort, { count: length }),
      tStatusNoResults: () => strings.noResults,
      tStatusSelectedOption: (option, length, index) => fill(strings.selected, { option, length, index: index + 1 }),
      tStatusResults: (length, selected) =>
        fill(length === 1 ? strings.resultsOne : strings.resultsOther, { count: length }) + ' ' + selected,
      tAssistiveHint: () => strings.assistiveHint,
    });
    const input = container.querySelector('input[role="combobox"]');
    if (!input) return;
    if (original.getAttribute('aria-invalid')) input.setAttribute('aria-invalid', original.getAttribute('aria-invalid'));
    keepDescriptions(input, original.getAttribute('aria-describedby'));
  }

  const groups = form.querySelectorAll('[data-place-field]');
  if (!groups.length) return;
  // Until the module has loaded (or if it cannot), the plain inputs work as they are.
  import(form.getAttribute('data-place-module'))
    .then((module) => groups.forEach((group) => enhance(module.default, group)))
    .catch(() => undefined);
})();
