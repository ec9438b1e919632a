// SPDX-License-Identifier: AGPL-3.0-or-later
'use strict';
/**
 * The synthetic territory, household by household, as rows per table ready for COPY. Deterministic: one
 * PRNG stream from the seed, birth dates from a fixed reference year (so codici fiscali do not change with
 * the day the seed runs); activity (contacts, cartelle, notes, deliveries) is dated back from `today`.
 *
 * Proportions (roughly what a comune's social services hold): households of 1 to 6 (single elderly,
 * couples with and without children, single parents, young singles), ~8% born abroad, ~3% without a
 * codice fiscale, ~10% with access contacts, ~5% with a cartella, ~2% planted near-duplicates.
 */
const { Random, Weighted } = require('./prng');
const { checkCharacter, omocode, stpCode, temporaryCode } = require('./codes');

const surnames = new Weighted(require('./data/surnames.json').entries);
const maleNames = new Weighted(require('./data/male-names.json').entries);
const femaleNames = new Weighted(require('./data/female-names.json').entries);

/** Birth dates are drawn back from here, not from today: same seed, same codici fiscali, any day. */
const REFERENCE_YEAR = 2026;
const ITALY = '100';
const MONTH_LETTERS = 'ABCDEHLMPRST';

/** Foreign communities (state Belfiore code, ISTAT citizenship, a few names), as core's demo people. */
const ORIGINS = [
  {
    state: 'Z129',
    citizenship: '235',
    surnames: ['Popescu', 'Ionescu', 'Popa', 'Dumitrescu', 'Stan', 'Stoica', 'Gheorghe', 'Munteanu'],
    male: ['Ion', 'Andrei', 'Mihai', 'Alexandru', 'Florin', 'Constantin', 'Gabriel', 'Vasile'],
    female: ['Ioana', 'Elena', 'Andreea', 'Mihaela', 'Gabriela', 'Alina', 'Cristina', 'Daniela'],
  },
  {
    state: 'Z330',
    citizenship: '436',
    surnames: ['El Amrani', 'Benali', 'Bouzid', 'El Idrissi', 'Alaoui', 'Tahiri', 'Berrada', 'Ouali'],
    male: ['Mohamed', 'Youssef', 'Ahmed', 'Rachid', 'Hassan', 'Karim', 'Said', 'Omar'],
    female: ['Fatima', 'Khadija', 'Amina', 'Samira', 'Nadia', 'Salma', 'Hafsa', 'Zineb'],
  },
  {
    state: 'Z100',
    citizenship: '201',
    surnames: ['Shehu', 'Marku', 'Leka', 'Dervishi', 'Muça', 'Basha', 'Kola', 'Gjoka'],
    male: ['Arben', 'Ardit', 'Besnik', 'Gentian', 'Elton', 'Ilir', 'Erion', 'Klodian'],
    female: ['Elira', 'Anila', 'Blerta', 'Dorina', 'Jonida', 'Mirela', 'Entela', 'Arjola'],
  },
  {
    state: 'Z138',
    citizenship: '243',
    surnames: ['Kovalenko', 'Shevchenko', 'Bondarenko', 'Tkachenko', 'Melnyk', 'Boyko', 'Kravchenko', 'Oliynyk'],
    male: ['Oleksandr', 'Andriy', 'Dmytro', 'Serhiy', 'Volodymyr', 'Yuriy'],
    female: ['Olena', 'Natalia', 'Oksana', 'Iryna', 'Svitlana', 'Halyna', 'Tetiana', 'Lyudmyla'],
  },
  {
    state: 'Z210',
    citizenship: '314',
    surnames: ['Hu', 'Chen', 'Wang', 'Zhou', 'Lin', 'Zhang', 'Xu', 'Wu'],
    male: ['Wei', 'Jian', 'Hao', 'Jun', 'Ming', 'Lei'],
    female: ['Li', 'Mei', 'Xiu', 'Yan', 'Hui', 'Ling'],
  },
];

const STREETS = [
  'Via Roma',
  'Via Garibaldi',
  'Corso Cavour',
  'Via Mazzini',
  'Via XX Settembre',
  'Piazza del Popolo',
  'Via Dante',
  'Via Verdi',
];
const NOTE_TYPES = new Weighted([
  ['colloquio', 30],
  ['contatto-telefonico', 25],
  ['visita-domiciliare', 15],
  ['contatto-servizi', 12],
  ['riunione-equipe', 8],
  ['relazione', 4],
  ['nota', 6],
]);
const CONFIDENTIALITY = new Weighted([
  ['organization', 70],
  ['team', 20],
  ['partners', 10],
]);
const NOTE_BODIES = [
  'Colloquio in sede: la persona riferisce difficoltà economiche e chiede informazioni sui contributi.',
  'Telefonata con la figlia: aggiornamento sulle condizioni di salute e sugli orari della badante.',
  'Visita domiciliare: abitazione in ordine, necessita di aiuto per la spesa e le pulizie.',
  "Sentito il medico di medicina generale: concorda sull'attivazione dell'assistenza domiciliare.",
  "Riunione d'équipe: si conferma il progetto e si fissa la verifica tra tre mesi.",
  'Relazione sociale trasmessa al servizio sanitario per la valutazione multidimensionale.',
  'Consegnata la documentazione ISEE aggiornata.',
];
const AREAS = ['anziani', 'famiglia-minori', 'disabili', 'poverta', 'salute-mentale', 'immigrati'];
const ENTRIES = [
  { code: 'core.A2.07', unit: 'hours', frequency: 'weekly', quantity: [2, 12], cost: 21.5 },
  { code: 'core.A1.04', unit: 'euro', frequency: 'monthly', quantity: [100, 400], cost: 1 },
  { code: 'core.A1.11', unit: 'euro', frequency: 'monthly', quantity: [200, 600], cost: 1 },
  { code: 'core.A2.02', unit: 'hours', frequency: 'weekly', quantity: [3, 10], cost: 24 },
];
const INTERVENTION_STATES = new Weighted([
  ['active', 45],
  ['concluded', 20],
  ['requested', 12],
  ['assessing', 5],
  ['approved', 6],
  ['waiting', 6],
  ['rejected', 4],
  ['suspended', 2],
]);
/** Children of a couple or a single parent. */
const CHILDREN = new Weighted([
  [1, 45],
  [2, 40],
  [3, 12],
  [4, 3],
]);
const CONTACT_OUTCOMES = new Weighted([
  ['information', 45],
  ['orientation', 30],
  ['referral', 15],
  ['take-in-charge', 10],
]);
const CHANNELS = ['di-persona', 'di-persona', 'telefono', 'email', 'invio-servizio'];
const NEEDS = ['economico', 'abitativo', 'lavoro', 'cura-assistenza', 'salute', 'rapporti-familiari', 'isolamento', 'informazioni'];

/** The tables the generator fills, in load order (parents before children), with their COPY columns. */
const TABLES = {
  person: [
    'id',
    'owner_org_id',
    'codice_fiscale',
    'cf_canonical',
    'provisional_kind',
    'provisional_code',
    'surname',
    'name',
    'sex',
    'birth_date',
    'birth_place_code',
    'citizenships',
    'residence',
    'contacts',
  ],
  household: ['id', 'owner_org_id', 'kind', 'label'],
  household_member: ['household_id', 'owner_org_id', 'person_id', 'relation_code', 'valid_from'],
  cartella: [
    'id',
    'owner_org_id',
    'year',
    'seq',
    'person_id',
    'area',
    'state',
    'state_since',
    'opened_on',
    'responsible_operator_id',
    'opened_by_org_id',
  ],
  cartella_transition: ['cartella_id', 'owner_org_id', 'from_state', 'to_state', 'on_date', 'reason_code', 'by_operator', 'at'],
  cartella_team: ['cartella_id', 'owner_org_id', 'operator_id', 'role', 'valid_from'],
  diary_note: ['cartella_id', 'owner_org_id', 'occurred_on', 'type', 'confidentiality', 'body', 'author_id', 'created_at'],
  assessment: ['owner_org_id', 'person_id', 'cartella_id', 'form_id', 'form_version', 'answers', 'status', 'assessed_on', 'created_by'],
  intervention: [
    'id',
    'owner_org_id',
    'cartella_id',
    'person_id',
    'entry_code',
    'state',
    'requested_on',
    'quantity',
    'unit',
    'amount',
    'frequency',
    'period_from',
    'period_to',
    'eligibility_outcome',
    'decision_act',
    'decision_on',
  ],
  intervention_transition: ['intervention_id', 'owner_org_id', 'from_state', 'to_state', 'on_date', 'by_operator'],
  delivery: ['intervention_id', 'owner_org_id', 'period_from', 'period_to', 'quantity', 'amount', 'recorded_by'],
  access_contact: [
    'owner_org_id',
    'occurred_at',
    'channel',
    'interlocutor',
    'person_id',
    'needs',
    'outcome',
    'referral_service',
    'referral_status',
    'referral_decided_at',
    'cartella_id',
  ],
};

const DAY = 86_400_000;
/** @param {number} ms */
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);

/**
 * @typedef {{ id: string, code: string, belfiore: string | null, points: string[] }} Org  a comune and its access points
 * @typedef {{ orgs: Org[], weights: number[], places: string[], operators: { assistente: string, educatore: string },
 *   counters: Map<string, number>, existingCodes: [string, number][], today: string }} Context
 */

class Generator {
  /**
   * @param {number} seed
   * @param {Context} context
   * @param {{ computeCodiceFiscale: Function, canonicalCodiceFiscale: (cf: string) => string }} codes core's identity-codes
   */
  constructor(seed, context, codes) {
    this.r = new Random(seed);
    this.ctx = context;
    this.codes = codes;
    this.todayMs = Date.parse(`${context.today}T00:00:00Z`);
    this.orgPick = new Weighted(context.orgs.map((o, i) => [o, context.weights[i]]));
    /** Codes issued so far, base code → how many variants given; and every code, for uniqueness. */
    this.issued = new Map(context.existingCodes.map(([code, n]) => [code, n - 1]));
    /** The three letters of each surname and name, from core's function ('' when it cannot encode them). */
    this.nameLetters = new Map();
    this.provisional = 0;
    this.people = 0;
    this.heavyCartellaId = null;
    this.planted = [];
    this.firstCfs = [];
  }

  /** Empty row lists, one per table. @returns {Record<string, unknown[][]>} */
  static emptyBatch() {
    return Object.fromEntries(Object.keys(TABLES).map((t) => [t, []]));
  }

  /** A birth date for someone aged between min and max years in the reference year. */
  birth(minAge, maxAge) {
    const year = REFERENCE_YEAR - this.r.int(minAge, maxAge);
    return `${year}-${String(this.r.int(1, 12)).padStart(2, '0')}-${String(this.r.int(1, 28)).padStart(2, '0')}`;
  }

  /** A child's birth date: born when the parent was 25 to 42, so older parents have grown-up children at home. */
  childBirth(parentAge) {
    const age = Math.max(0, Math.min(34, parentAge - this.r.int(25, 42)));
    return this.birth(age, age);
  }

  /** A day between daysAgo-from and daysAgo-to before today. */
  daysAgo(from, to) {
    return this.todayMs - this.r.int(to, from) * DAY;
  }

  /**
   * A codice fiscale for the data, unique in the registry: the base code, or its next omocodic variant when
   * the base is taken (as the Agenzia does). Null when the data cannot be encoded.
   */
  codiceFiscale(surname, name, sex, birthDate, place) {
    const base = this.baseCode(surname, name, sex, birthDate, place);
    if (base === null) return null;
    const given = this.issued.get(base);
    if (given === undefined) {
      this.issued.set(base, 0);
      return base;
    }
    if (given >= 7) return null;
    this.issued.set(base, given + 1);
    return omocode(base, given + 1);
  }

  /**
   * Core's computeCodiceFiscale, made fast enough for a million people: its name encoding (diacritics
   * removal) costs ~0.5 ms a call, so the three letters of each surname and of each name come from core once
   * and are cached, and the date, sex and place characters (a fixed table) are put after them here. The smoke
   * test checks a sample of the result against core's validateCodiceFiscale.
   */
  baseCode(surname, name, sex, birthDate, place) {
    const letters = this.letters(surname, 0) + this.letters(name, 3);
    if (letters.length !== 6) return null;
    const day = Number(birthDate.slice(8, 10)) + (sex === 'F' ? 40 : 0);
    const first15 = `${letters}${birthDate.slice(2, 4)}${MONTH_LETTERS[Number(birthDate.slice(5, 7)) - 1]}${String(day).padStart(2, '0')}${place}`;
    return first15 + checkCharacter(first15);
  }

  /** Three letters of a surname (offset 0) or a name (offset 3), from core's function, cached; '' when it refuses. */
  letters(value, offset) {
    const key = `${offset}${value}`;
    let letters = this.nameLetters.get(key);
    if (letters === undefined) {
      const input = offset === 0 ? { surname: value, name: 'Mario' } : { surname: 'Rossi', name: value };
      try {
        letters = this.codes
          .computeCodiceFiscale({ ...input, sex: 'M', birthDate: '1980-01-01', birthPlaceCode: 'H501' })
          .slice(offset, offset + 3);
      } catch {
        letters = '';
      }
      this.nameLetters.set(key, letters);
    }
    return letters;
  }

  /** A person row (and returns what the household and duplicates need). */
  person(batch, org, { sex, birthDate, surname, origin, givenName }) {
    const r = this.r;
    const foreign = origin !== null;
    const name =
      givenName ?? (foreign ? r.pick(sex === 'M' ? origin.male : origin.female) : (sex === 'M' ? maleNames : femaleNames).draw(r));
    const place = foreign ? origin.state : r.chance(0.65) ? (org.belfiore ?? r.pick(this.ctx.places)) : r.pick(this.ctx.places);
    const p = { id: r.uuid(), org, surname, name, sex, birthDate, place, citizenships: foreign ? [origin.citizenship] : [ITALY] };
    // ~3% without a codice fiscale: mostly foreigners (STP, temporary numeric codes), a few unknown.
    const noCf = foreign ? r.chance(0.3) : r.chance(0.006);
    p.cf = noCf ? null : this.codiceFiscale(surname, name, sex, birthDate, place);
    this.pushPerson(batch, p, noCf ? r.pick(['stp', 'temporary', 'unknown']) : 'unknown');
    return p;
  }

  pushPerson(batch, p, provisionalKind) {
    let kind = null;
    let code = null;
    if (p.cf === null) {
      kind = provisionalKind;
      this.provisional += 1;
      // Numbered from 5,000,000: well clear of the demo people's provisional codes.
      code =
        kind === 'stp' ? stpCode(5_000_000 + this.provisional) : kind === 'temporary' ? temporaryCode(5_000_000 + this.provisional) : null;
    } else if (this.firstCfs.length < 10) {
      this.firstCfs.push(p.cf);
    }
    const residence = JSON.stringify({
      comuneCode: p.org.belfiore ?? p.place,
      street: this.r.pick(STREETS),
      houseNumber: String(this.r.int(1, 120)),
    });
    const contacts = this.r.chance(0.7) ? JSON.stringify([{ kind: 'mobile', value: `3${this.r.int(200000000, 499999999)}` }]) : '[]';
    batch.person.push([
      p.id,
      p.org.id,
      p.cf,
      // A base code is its own canonical form; only omocodic variants need decoding.
      p.cf === null
        ? null
        : /^[A-Z]{6}[0-9]{2}[A-Z][0-9]{2}[A-Z][0-9]{3}[A-Z]$/.test(p.cf)
          ? p.cf
          : this.codes.canonicalCodiceFiscale(p.cf),
      kind,
      code,
      p.surname,
      p.name,
      p.sex,
      p.birthDate,
      p.place,
      `{${p.citizenships.join(',')}}`,
      residence,
      contacts,
    ]);
    this.people += 1;
  }

  /** One household and its members; returns the people made. */
  household(batch) {
    const r = this.r;
    const org = this.orgPick.draw(r);
    const origin = r.chance(0.08) ? r.pick(ORIGINS) : null;
    const familyName = () => (origin ? r.pick(origin.surnames) : surnames.draw(r));
    const surname = familyName();
    const members = [];
    const add = (role, sex, birthDate, ownSurname) => {
      const p = this.person(batch, org, { sex, birthDate, surname: ownSurname ?? surname, origin, givenName: null });
      members.push({ p, role });
      return p;
    };
    // Shares and ages chosen so the whole roughly follows the Italian age pyramid (ISTAT): few children,
    // a bulge at 45–65, a long tail of the old living alone or as couples.
    const roll = r.next();
    if (roll < 0.2) {
      add('IS', r.chance(0.68) ? 'F' : 'M', this.birth(70, 70 + Math.floor(29 * r.next() ** 1.6)));
    } else if (roll < 0.34) {
      add('IS', r.chance(0.5) ? 'M' : 'F', this.birth(20, 69));
    } else if (roll < 0.58) {
      const headAge = r.int(52, 90);
      add('IS', 'M', this.birth(headAge, headAge));
      add('CG', 'F', this.birth(Math.max(40, headAge - 6), headAge + 2), familyName());
    } else if (roll < 0.92) {
      const headAge = 30 + Math.floor(33 * r.next() ** 0.7);
      add('IS', 'M', this.birth(headAge, headAge));
      add('CG', 'F', this.birth(Math.max(24, headAge - 6), headAge + 2), origin ? surname : familyName());
      const children = CHILDREN.draw(r);
      for (let i = 0; i < children; i += 1) add('FG', r.chance(0.51) ? 'M' : 'F', this.childBirth(headAge));
    } else {
      const headAge = r.int(28, 58);
      add('IS', r.chance(0.8) ? 'F' : 'M', this.birth(headAge, headAge));
      const children = CHILDREN.draw(r);
      for (let i = 0; i < Math.min(3, children); i += 1) add('FG', r.chance(0.51) ? 'M' : 'F', this.childBirth(headAge));
    }
    const householdId = r.uuid();
    batch.household.push([householdId, org.id, 'anagrafico', `Famiglia ${surname}`]);
    for (const { p, role } of members) {
      batch.household_member.push([householdId, org.id, p.id, role, role === 'FG' ? p.birthDate : iso(this.daysAgo(7000, 400))]);
    }
    return members.map((m) => m.p);
  }

  /** A second registration of the same person, with the mistake an operator makes. */
  plantDuplicate(batch, original) {
    const r = this.r;
    const kinds = ['typo', 'accent', 'swapped', 'missing-cf'];
    let kind = r.pick(kinds);
    const p = { ...original, id: r.uuid() };
    if (kind === 'accent' && !/[àèéìòù']/i.test(original.name + original.surname)) kind = 'typo';
    if (kind === 'typo') {
      const s = original.surname;
      const i = r.int(1, Math.max(1, s.length - 2));
      p.surname = s.length > 3 ? s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2) : `${s}${s.slice(-1)}`;
      p.cf = this.codiceFiscale(p.surname, p.name, p.sex, p.birthDate, p.place);
    } else if (kind === 'accent') {
      p.name = original.name
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace("'", '');
      p.surname = original.surname
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace("'", '');
      // Same letters for the code: the second registration carries an omocodic variant (or none).
      p.cf = original.cf === null ? null : this.codiceFiscale(p.surname, p.name, p.sex, p.birthDate, p.place);
    } else if (kind === 'swapped') {
      p.surname = original.name;
      p.name = original.surname;
      p.cf = null;
    } else {
      p.cf = null;
    }
    this.pushPerson(batch, p, 'unknown');
    this.planted.push([original.id, p.id, kind]);
  }

  /** A cartella for an adult of a comune, with its history; heavy = the page benchmark's one. */
  cartella(batch, person, heavy) {
    const r = this.r;
    const { assistente, educatore } = this.ctx.operators;
    const org = person.org;
    const openedMs = heavy ? this.daysAgo(900, 800) : this.daysAgo(1000, 5);
    const opened = iso(openedMs);
    const year = Number(opened.slice(0, 4));
    const key = `${org.id}/${year}`;
    const seq = (this.ctx.counters.get(key) ?? 0) + 1;
    this.ctx.counters.set(key, seq);
    const id = r.uuid();
    const roll = r.next();
    const state = heavy || roll < 0.72 ? 'open' : roll < 0.82 ? 'suspended' : 'closed';
    const openDays = Math.max(2, Math.floor((this.todayMs - openedMs) / DAY));
    const changedMs = state === 'open' ? openedMs : openedMs + r.int(1, openDays - 1) * DAY;
    const age = REFERENCE_YEAR - Number(person.birthDate.slice(0, 4));
    const area = age >= 70 ? 'anziani' : r.pick(AREAS);
    batch.cartella.push([id, org.id, year, seq, person.id, area, state, iso(changedMs), opened, assistente, org.points[0] ?? org.id]);
    batch.cartella_transition.push([id, org.id, null, 'open', opened, null, assistente, new Date(openedMs + 9 * 3600_000).toISOString()]);
    if (state !== 'open') {
      const reason =
        state === 'suspended'
          ? r.pick(['ricovero', 'assenza-temporanea', 'mancata-adesione'])
          : r.pick(['obiettivi-raggiunti', 'trasferimento', 'rinuncia']);
      batch.cartella_transition.push([
        id,
        org.id,
        'open',
        state,
        iso(changedMs),
        reason,
        assistente,
        new Date(changedMs + 10 * 3600_000).toISOString(),
      ]);
    }
    if (heavy || r.chance(0.3)) batch.cartella_team.push([id, org.id, educatore, 'educatore', iso(openedMs + DAY)]);
    // Nothing dated today: a note at 11:00 today could lie in the future when the seed runs early.
    const lastMs = state === 'open' ? this.todayMs - DAY : changedMs;
    const span = Math.max(1, Math.floor((lastMs - openedMs) / DAY));
    const at = () => openedMs + r.int(0, span) * DAY;

    const notes = heavy ? 100 : r.int(0, 8);
    for (let i = 0; i < notes; i += 1) {
      const ms = at();
      const author = r.chance(0.75) ? assistente : educatore;
      batch.diary_note.push([
        id,
        org.id,
        iso(ms),
        NOTE_TYPES.draw(r),
        CONFIDENTIALITY.draw(r),
        r.pick(NOTE_BODIES),
        author,
        new Date(ms + 11 * 3600_000).toISOString(),
      ]);
    }
    const assessments = heavy ? 5 : r.chance(0.4) ? r.int(1, 2) : 0;
    for (let i = 0; i < assessments; i += 1) {
      // Drafts: a draft may hold incomplete answers, so the seed need not fill every field of the form.
      const answers = JSON.stringify({ source: 'interessato', request: 'Richiesta di sostegno per la vita quotidiana.' });
      batch.assessment.push([org.id, person.id, id, 'core.triage', 1, answers, 'draft', iso(at()), assistente]);
    }
    const interventions = heavy ? 50 : r.chance(0.6) ? r.int(1, 3) : 0;
    for (let i = 0; i < interventions; i += 1) this.intervention(batch, id, person, at());
    return id;
  }

  intervention(batch, cartellaId, person, requestedMs) {
    const r = this.r;
    const { assistente } = this.ctx.operators;
    const org = person.org;
    const entry = r.pick(ENTRIES);
    const state = INTERVENTION_STATES.draw(r);
    const quantity = r.int(entry.quantity[0], entry.quantity[1]);
    const decided = !['requested', 'assessing'].includes(state);
    const decisionMs = Math.min(this.todayMs, requestedMs + r.int(5, 40) * DAY);
    const fromMs = decided ? decisionMs : requestedMs;
    const toMs = fromMs + r.int(90, 365) * DAY;
    const id = r.uuid();
    const amount = (quantity * entry.cost).toFixed(2);
    batch.intervention.push([
      id,
      org.id,
      cartellaId,
      person.id,
      entry.code,
      state,
      iso(requestedMs),
      quantity,
      entry.unit,
      amount,
      entry.frequency,
      iso(fromMs),
      iso(toMs),
      r.pick(['pass', 'pass', 'pass', 'unknown']),
      decided ? `Det. ${r.int(1, 999)}/${iso(decisionMs).slice(0, 4)}` : null,
      decided ? iso(decisionMs) : null,
    ]);
    batch.intervention_transition.push([id, org.id, null, 'requested', iso(requestedMs), assistente]);
    if (state !== 'requested')
      batch.intervention_transition.push([id, org.id, 'requested', state, iso(decided ? decisionMs : requestedMs), assistente]);
    if (state === 'active' || state === 'concluded' || state === 'suspended') {
      // Monthly deliveries from the start of the period to today (or its end).
      const endMs = Math.min(this.todayMs, toMs);
      for (let start = fromMs; start + 28 * DAY <= endMs; start += 30 * DAY) {
        batch.delivery.push([id, org.id, iso(start), iso(start + 29 * DAY), quantity, amount, assistente]);
      }
    }
  }

  /** Contacts at the access points (or the comune's own desk) for a person. */
  contacts(batch, person, cartellaId) {
    const r = this.r;
    const n = cartellaId ? 1 : r.int(1, 3);
    for (let i = 0; i < n; i += 1) {
      const outcome = cartellaId && i === 0 ? 'take-in-charge' : CONTACT_OUTCOMES.draw(r);
      const ms = this.daysAgo(1000, 1) + r.int(8 * 60, 13 * 60) * 60_000;
      const referral = outcome === 'referral';
      const status = referral ? r.pick(['pending', 'accepted', 'accepted', 'refused']) : null;
      batch.access_contact.push([
        person.org.points.length ? r.pick(person.org.points) : person.org.id,
        new Date(ms).toISOString(),
        r.pick(CHANNELS),
        r.chance(0.7) ? 'interessato' : 'familiare',
        person.id,
        `{${r.pick(NEEDS)}}`,
        outcome,
        referral ? r.pick(['Centro per l’impiego', 'Consultorio familiare', 'Servizio di salute mentale']) : null,
        status,
        status && status !== 'pending' ? new Date(ms + r.int(2, 20) * DAY).toISOString() : null,
        outcome === 'take-in-charge' ? cartellaId : null,
      ]);
    }
  }

  /**
   * Rows for about `target` more people (whole households), appended to a fresh batch.
   * The first adult of the first comune living in a family of three or more gets the heavy cartella.
   */
  batch(target) {
    const batch = Generator.emptyBatch();
    const start = this.people;
    while (this.people - start < target) {
      const members = this.household(batch);
      for (const person of members) {
        // The heavy cartella's person lives in a family of three or more, so its page shows a household.
        const adult = REFERENCE_YEAR - Number(person.birthDate.slice(0, 4)) >= 18;
        let cartellaId = null;
        // Cartelle only in the first comune, where the demo's social workers (assistente, educatore) work:
        // 9% of its adults, about 5% of the territory's people.
        const caseload = person.org === this.ctx.orgs[0];
        if (this.heavyCartellaId === null && caseload && adult && members.length >= 3 && person.cf !== null) {
          cartellaId = this.heavyCartellaId = this.cartella(batch, person, true);
        } else if (caseload && adult && this.r.chance(0.09)) {
          cartellaId = this.cartella(batch, person, false);
        }
        if (cartellaId || this.r.chance(0.08)) this.contacts(batch, person, cartellaId);
        if (this.r.chance(0.02)) this.plantDuplicate(batch, person);
      }
    }
    return batch;
  }
}

module.exports = { Generator, TABLES };
