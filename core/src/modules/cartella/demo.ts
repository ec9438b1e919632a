// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import { LOCAL_TIME_ZONE } from '../../sdk/local-time';

/**
 * The demo's front desks and cartelle, relative to the day the demo is loaded: contacts today and in past
 * weeks at the PUA and the segretariato of Orvieto (a referral awaiting its answer, one accepted, an
 * anonymous visitor, someone who keeps coming without a cartella), and cartelle of the comune with
 * `assistente` responsible: open, suspended and closed, with diary notes of every confidentiality level.
 * Idempotent: nothing is added once the desks have contacts.
 */

interface DemoPerson {
  readonly id: string;
  readonly surname: string;
}

interface Contact {
  readonly point: 'pua' | 'segretariato';
  /** Days before today, and minutes after the desk opened at 8:30 (today: never later than now). */
  readonly daysAgo: number;
  readonly minutes: number;
  readonly person: DemoPerson | null;
  readonly anonymous?: string;
  readonly channel: string;
  readonly interlocutor: string;
  readonly needs: readonly string[];
  readonly notes: string;
  readonly outcome: 'information' | 'orientation' | 'referral' | 'take-in-charge';
  readonly referral?: { service: string; org?: 'asl'; status: 'pending' | 'accepted' | 'refused' };
  readonly by: 'pua' | 'segretariato';
  /** The cartella this contact opened (its key below). */
  readonly cartella?: string;
}

interface Note {
  readonly daysAgo: number;
  readonly type: string;
  readonly confidentiality: 'team' | 'organization' | 'partners';
  readonly body: string;
  readonly by: 'assistente' | 'educatore';
  /** The index (in this cartella's notes) of the note it corrects. */
  readonly corrects?: number;
}

interface DemoCartella {
  readonly key: string;
  readonly person: DemoPerson;
  readonly area: string;
  readonly openedDaysAgo: number;
  readonly state: 'open' | 'suspended' | 'closed';
  readonly changes: readonly { daysAgo: number; to: 'open' | 'suspended' | 'closed'; reason: string | null; note: string | null }[];
  readonly team: readonly { who: 'educatore'; role: string; daysAgo: number }[];
  readonly notes: readonly Note[];
}

const OPERATORS = ['assistente', 'educatore', 'pua', 'segretariato'] as const;

/** A moment `daysAgo` days before today, `minutes` after 8:30 on the local clock; today's never in the future. */
const AT = `least(now(), ((core.local_today() - ?::int)::timestamp + interval '8 hours 30 minutes' + make_interval(mins => ?::int))
  at time zone '${LOCAL_TIME_ZONE}')`;

export async function seedDemoCartelle(em: EntityManager): Promise<number> {
  const orgs = new Map(
    (
      await em.execute<{ id: string; code: string }[]>(
        `select id::text as id, code from core.organization where code in ('demo-comune', 'demo-pua', 'demo-segretariato', 'demo-asl')`,
      )
    ).map((o) => [o.code, o.id]),
  );
  const comune = orgs.get('demo-comune');
  const pua = orgs.get('demo-pua');
  const segretariato = orgs.get('demo-segretariato');
  if (!comune || !pua || !segretariato) return 0;
  const [seeded] = await em.execute<{ found: boolean }[]>(
    'select exists (select from core.access_contact where owner_org_id in (?, ?)) as found',
    [pua, segretariato],
  );
  if (seeded?.found) return 0;
  const operators = new Map(
    (
      await em.execute<{ id: string; username: string }[]>(
        `select id::text as id, username from core.operator where username in (${OPERATORS.map(() => '?').join(', ')})`,
        [...OPERATORS],
      )
    ).map((o) => [o.username, o.id]),
  );
  if (OPERATORS.some((u) => !operators.has(u))) return 0;
  const operator = (username: (typeof OPERATORS)[number]): string => operators.get(username)!;

  // Living adults of the comune's registry (its desks' registrations too), in a stable order; the older
  // ones and those living in a household first in line for the cartelle, so that their page shows a family.
  // `minors`: a mother or father living with a child under 18, whose cartella the family's is.
  const candidates = await em.execute<(DemoPerson & { age: number; sex: string; household: boolean; minors: boolean })[]>(
    `select p.id::text as id, p.surname, p.sex, extract(year from age(p.birth_date))::int as age,
            exists (select from core.household_member m where m.person_id = p.id and m.valid_to is null) as household,
            exists (select from core.household_member m
                    join core.household_member c on c.household_id = m.household_id and c.valid_to is null and c.relation_code = 'FG'
                    join core.person q on q.id = c.person_id and q.birth_date > core.local_today() - interval '18 years'
                    where m.person_id = p.id and m.valid_to is null and m.relation_code in ('IS', 'CG', 'CV')) as minors
     from core.person p
     where p.owner_org_id in (?, ?, ?) and p.merged_into is null and p.deceased_date is null
       and p.birth_date between core.local_today() - interval '95 years' and core.local_today() - interval '25 years'
     order by p.surname, p.name, p.id`,
    [comune, pua, segretariato],
  );
  const taken = new Set<string>();
  const pick = (wanted: (p: (typeof candidates)[number]) => boolean): DemoPerson | null => {
    const found = candidates.find((p) => !taken.has(p.id) && wanted(p)) ?? candidates.find((p) => !taken.has(p.id));
    if (found) taken.add(found.id);
    return found ?? null;
  };
  const anziana = pick((p) => p.age >= 75 && p.household);
  const family = pick((p) => p.age >= 30 && p.age <= 50 && p.minors && p.sex === 'F');
  const suspendedOne = pick((p) => p.age >= 40 && p.household);
  const closedOne = pick((p) => p.age < 60);
  const [older, repeat, referred, placed, visitor] = [
    pick((p) => p.age >= 65),
    pick((p) => p.age < 60),
    pick((p) => p.age >= 70),
    pick((p) => p.age < 50),
    pick(() => true),
  ];
  if (!anziana || !family || !suspendedOne || !closedOne || !older || !repeat || !referred || !placed || !visitor) return 0;
  // The family's cartella is the child's, as the service opens it for a minor (the mother is who comes to the desk):
  // her oldest child under 18 living with her, of school age when there is one.
  const [child] = await em.execute<DemoPerson[]>(
    `select q.id::text as id, q.surname
     from core.household_member m
     join core.household_member c on c.household_id = m.household_id and c.valid_to is null and c.relation_code = 'FG'
     join core.person q on q.id = c.person_id and q.birth_date > core.local_today() - interval '18 years'
     where m.person_id = ? and m.valid_to is null
     order by q.birth_date <= core.local_today() - interval '6 years' desc, q.birth_date, q.id limit 1`,
    [family.id],
  );

  const cartelle: DemoCartella[] = [
    {
      key: 'anziani',
      person: anziana,
      area: 'anziani',
      openedDaysAgo: 21,
      state: 'open',
      changes: [],
      team: [{ who: 'educatore', role: 'educatore', daysAgo: 14 }],
      notes: [
        {
          daysAgo: 20,
          type: 'colloquio',
          confidentiality: 'organization',
          body: 'Primo colloquio in sede con la figlia. Vive sola, autonoma nelle attività quotidiane ma con difficoltà negli spostamenti.',
          by: 'assistente',
        },
        {
          daysAgo: 13,
          type: 'visita-domiciliare',
          confidentiality: 'team',
          body: 'Visita domiciliare. La figlia riferisce tensioni con il fratello sulla gestione della pensione: da approfondire con discrezione.',
          by: 'assistente',
        },
        {
          daysAgo: 12,
          type: 'visita-domiciliare',
          confidentiality: 'team',
          body: 'Correzione: le tensioni riguardano la gestione della casa, non della pensione.',
          by: 'assistente',
          corrects: 1,
        },
        {
          daysAgo: 6,
          type: 'contatto-servizi',
          confidentiality: 'partners',
          body: 'Sentito il medico di medicina generale: concorda sulla richiesta di valutazione per assistenza domiciliare.',
          by: 'educatore',
        },
        {
          daysAgo: 2,
          type: 'riunione-equipe',
          confidentiality: 'organization',
          body: "Riunione d'équipe: si propone un servizio di assistenza domiciliare due volte a settimana.",
          by: 'assistente',
        },
      ],
    },
    {
      key: 'famiglia',
      person: child ?? family,
      area: 'famiglia-minori',
      openedDaysAgo: 75,
      state: 'open',
      changes: [],
      team: [],
      notes: [
        {
          daysAgo: 74,
          type: 'colloquio',
          confidentiality: 'organization',
          body: 'Colloquio con la madre: richiesta di sostegno per il figlio in difficoltà scolastica.',
          by: 'assistente',
        },
        {
          daysAgo: 30,
          type: 'contatto-telefonico',
          confidentiality: 'team',
          body: 'Telefonata della scuola: segnalate assenze ripetute nelle ultime settimane.',
          by: 'assistente',
        },
      ],
    },
    {
      key: 'sospesa',
      person: suspendedOne,
      area: 'disabili',
      openedDaysAgo: 120,
      state: 'suspended',
      changes: [{ daysAgo: 10, to: 'suspended', reason: 'ricovero', note: 'Ricoverato in riabilitazione fino a fine mese.' }],
      team: [],
      notes: [
        {
          daysAgo: 118,
          type: 'colloquio',
          confidentiality: 'organization',
          body: 'Colloquio di presa in carico: richiesta di trasporto per le terapie.',
          by: 'assistente',
        },
      ],
    },
    {
      key: 'chiusa',
      person: closedOne,
      area: 'poverta',
      openedDaysAgo: 200,
      state: 'closed',
      changes: [
        {
          daysAgo: 40,
          to: 'closed',
          reason: 'obiettivi-raggiunti',
          note: 'Contratto di lavoro a tempo indeterminato; contributo non più necessario.',
        },
      ],
      team: [],
      notes: [
        {
          daysAgo: 199,
          type: 'colloquio',
          confidentiality: 'organization',
          body: "Colloquio: perdita del lavoro, affitto arretrato di tre mensilità. Si attiva il contributo per l'affitto.",
          by: 'assistente',
        },
        {
          daysAgo: 45,
          type: 'nota',
          confidentiality: 'organization',
          body: 'Comunica di aver trovato lavoro. Si concorda la chiusura.',
          by: 'assistente',
        },
      ],
    },
  ];

  const contacts: Contact[] = [
    // Today at the PUA.
    {
      point: 'pua',
      daysAgo: 0,
      minutes: 15,
      person: older,
      channel: 'di-persona',
      interlocutor: 'interessato',
      needs: ['informazioni', 'cura-assistenza'],
      notes: "Chiede informazioni sull'assegno di cura.",
      outcome: 'information',
      by: 'pua',
    },
    {
      point: 'pua',
      daysAgo: 0,
      minutes: 40,
      person: referred,
      channel: 'telefono',
      interlocutor: 'familiare',
      needs: ['salute', 'cura-assistenza'],
      notes: 'Il figlio segnala un peggioramento dopo la dimissione ospedaliera.',
      outcome: 'referral',
      referral: { service: 'Assistenza domiciliare integrata', org: 'asl', status: 'pending' },
      by: 'pua',
    },
    {
      point: 'pua',
      daysAgo: 0,
      minutes: 70,
      person: null,
      anonymous: 'Donna sui quarant’anni, non ha voluto lasciare il nome',
      channel: 'di-persona',
      interlocutor: 'interessato',
      needs: ['violenza', 'abitativo'],
      notes: 'Chiede dove rivolgersi per un alloggio protetto. Lasciati i recapiti del centro antiviolenza.',
      outcome: 'orientation',
      by: 'pua',
    },
    // Today at the segretariato: the repeat visitor's third time.
    {
      point: 'segretariato',
      daysAgo: 0,
      minutes: 30,
      person: repeat,
      channel: 'di-persona',
      interlocutor: 'interessato',
      needs: ['economico', 'lavoro'],
      notes: 'Torna per la terza volta: bollette arretrate, cerca lavoro.',
      outcome: 'orientation',
      by: 'segretariato',
    },
    {
      point: 'segretariato',
      daysAgo: 0,
      minutes: 55,
      person: visitor,
      channel: 'email',
      interlocutor: 'professionista',
      needs: ['immigrazione-documenti'],
      notes: 'Il patronato chiede informazioni sul rinnovo del permesso di soggiorno.',
      outcome: 'information',
      by: 'segretariato',
    },
    // Past weeks.
    {
      point: 'segretariato',
      daysAgo: 35,
      minutes: 60,
      person: repeat,
      channel: 'di-persona',
      interlocutor: 'interessato',
      needs: ['economico'],
      notes: 'Chiede un contributo per le bollette.',
      outcome: 'information',
      by: 'segretariato',
    },
    {
      point: 'pua',
      daysAgo: 12,
      minutes: 90,
      person: repeat,
      channel: 'telefono',
      interlocutor: 'interessato',
      needs: ['economico', 'abitativo'],
      notes: 'Avviso di sfratto in arrivo.',
      outcome: 'orientation',
      by: 'pua',
    },
    {
      point: 'pua',
      daysAgo: 21,
      minutes: 20,
      person: anziana,
      channel: 'di-persona',
      interlocutor: 'familiare',
      needs: ['cura-assistenza', 'isolamento'],
      notes: 'La figlia chiede un sostegno per la madre che vive sola.',
      outcome: 'take-in-charge',
      by: 'pua',
      cartella: 'anziani',
    },
    {
      point: 'segretariato',
      daysAgo: 14,
      minutes: 45,
      person: placed,
      channel: 'di-persona',
      interlocutor: 'interessato',
      needs: ['lavoro'],
      notes: 'Disoccupato da sei mesi.',
      outcome: 'referral',
      referral: { service: "Centro per l'impiego di Orvieto", status: 'accepted' },
      by: 'segretariato',
    },
    {
      point: 'pua',
      daysAgo: 6,
      minutes: 120,
      person: family,
      channel: 'invio-servizio',
      interlocutor: 'professionista',
      needs: ['minori-genitorialita'],
      notes: 'La scuola segnala assenze ripetute del figlio.',
      outcome: 'referral',
      referral: { service: 'Consultorio familiare', org: 'asl', status: 'pending' },
      by: 'pua',
    },
  ];

  let added = 0;
  const cartellaIds = new Map<string, string>();
  for (const c of cartelle) {
    const [opened] = await em.execute<{ on: string; year: number }[]>(
      `select to_char(core.local_today() - ?::int, 'YYYY-MM-DD') as on, extract(year from core.local_today() - ?::int)::int as year`,
      [c.openedDaysAgo, c.openedDaysAgo],
    );
    const [counter] = await em.execute<{ last: number }[]>(
      `insert into core.cartella_counter (owner_org_id, year, last) values (?, ?, 1)
       on conflict (owner_org_id, year) do update set last = core.cartella_counter.last + 1 returning last`,
      [comune, opened!.year],
    );
    const last = c.changes[c.changes.length - 1];
    const [row] = await em.execute<{ id: string }[]>(
      `insert into core.cartella (owner_org_id, year, seq, person_id, area, state, state_since, opened_on, responsible_operator_id,
         opened_by_org_id, created_by, updated_by, created_at)
       values (?, ?, ?, ?, ?, ?, core.local_today() - ?::int, ?::date, ?, ?, ?, ?, ?::date)
       returning id::text as id`,
      [
        comune,
        opened!.year,
        counter!.last,
        c.person.id,
        c.area,
        c.state,
        last ? last.daysAgo : c.openedDaysAgo,
        opened!.on,
        operator('assistente'),
        c.key === 'anziani' ? pua : comune,
        operator('assistente'),
        operator('assistente'),
        opened!.on,
      ],
    );
    const id = row!.id;
    cartellaIds.set(c.key, id);
    let from: string | null = null;
    for (const change of [{ daysAgo: c.openedDaysAgo, to: 'open', reason: null, note: null }, ...c.changes]) {
      await em.execute(
        `insert into core.cartella_transition (cartella_id, owner_org_id, from_state, to_state, on_date, reason_code, note, by_operator, at)
         values (?, ?, ?, ?, core.local_today() - ?::int, ?, ?, ?, (core.local_today() - ?::int)::timestamp at time zone '${LOCAL_TIME_ZONE}' + interval '10 hours')`,
        [id, comune, from, change.to, change.daysAgo, change.reason, change.note, operator('assistente'), change.daysAgo],
      );
      from = change.to;
    }
    for (const member of c.team) {
      await em.execute(
        `insert into core.cartella_team (cartella_id, owner_org_id, operator_id, role, valid_from, added_by) values (?, ?, ?, ?, core.local_today() - ?::int, ?)`,
        [id, comune, operator(member.who), member.role, member.daysAgo, operator('assistente')],
      );
    }
    const noteIds: string[] = [];
    for (const note of c.notes) {
      const [saved] = await em.execute<{ id: string }[]>(
        `insert into core.diary_note (cartella_id, owner_org_id, occurred_on, type, confidentiality, body, corrects_id, author_id, created_at)
         values (?, ?, core.local_today() - ?::int, ?, ?, ?, ?, ?, (core.local_today() - ?::int)::timestamp at time zone '${LOCAL_TIME_ZONE}' + interval '12 hours')
         returning id::text as id`,
        [
          id,
          comune,
          note.daysAgo,
          note.type,
          note.confidentiality,
          note.body,
          note.corrects === undefined ? null : noteIds[note.corrects],
          operator(note.by),
          note.daysAgo,
        ],
      );
      noteIds.push(saved!.id);
    }
    added += 1 + c.changes.length + 1 + c.team.length + c.notes.length;
  }

  for (const c of contacts) {
    const referral = c.referral;
    await em.execute(
      `insert into core.access_contact (owner_org_id, occurred_at, channel, interlocutor, person_id, anonymous_description, needs, notes,
         outcome, referral_service, referral_org_id, referral_status, referral_decided_at, referral_decided_by, cartella_id,
         recorded_at, recorded_by, updated_by)
       values (?, ${AT}, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?, case when ? then now() end, ?, ?, now(), ?, ?)`,
      [
        c.point === 'pua' ? pua : segretariato,
        c.daysAgo,
        c.minutes,
        c.channel,
        c.interlocutor,
        c.person?.id ?? null,
        c.anonymous ?? null,
        `{${c.needs.join(',')}}`,
        c.notes,
        c.outcome,
        referral?.service ?? null,
        referral?.org === 'asl' ? (orgs.get('demo-asl') ?? null) : null,
        referral?.status ?? null,
        referral ? referral.status !== 'pending' : false,
        referral && referral.status !== 'pending' ? operator(c.by) : null,
        c.cartella ? (cartellaIds.get(c.cartella) ?? null) : null,
        operator(c.by),
        operator(c.by),
      ],
    );
    added += 1;
  }
  return added;
}
