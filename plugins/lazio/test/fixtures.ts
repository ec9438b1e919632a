// SPDX-License-Identifier: AGPL-3.0-or-later
import type { apiClient } from '@sigess/core/testing';

/** What the plugin's tests share: a filled SVAMA, and an access contact to hang a scheda PUA on. */

type Client = Awaited<ReturnType<typeof apiClient>>;

/** A complete SVAMA as the team fills it: 5 Pfeiffer errors, partial dependence in daily living and mobility. */
export function svamaAnswers(): Record<string, unknown> {
  const systems = ['cardiac', 'hypertension', 'vascular', 'respiratory', 'eent', 'upper-gi', 'lower-gi', 'liver', 'renal'];
  const more = ['genitourinary', 'musculoskeletal', 'neurological', 'endocrine', 'psychiatric'];
  const questions = ['date', 'weekday', 'place', 'address', 'age', 'birth', 'president', 'previous-president', 'mother', 'serial'];
  const adl = ['feeding', 'bathing', 'grooming', 'dressing', 'toilet', 'bladder', 'bowels'];
  return {
    diagnosis: 'Demenza di grado moderato, ipertensione',
    ...Object.fromEntries([...systems, ...more].map((s) => [`cirs-${s}`, '1'])),
    'cirs-neurological': '3',
    'nursing-needs': ['lesioni-da-pressione'],
    'health-care-need': 'media',
    ...Object.fromEntries(questions.map((q, i) => [`spmsq-${q}`, i < 5 ? 'errata' : 'giusta'])),
    ...Object.fromEntries(adl.map((i) => [`adl-${i}`, 'aiuto-moderato'])),
    'mob-transfers': 'supervisione',
    'mob-walking': 'aiuto-moderato',
    'mob-stairs': 'aiuto-massimo',
    ...Object.fromEntries(
      ['wandering', 'agitation', 'disinhibition', 'sleep', 'delusions', 'refusal'].map((b) => [`behaviour-${b}`, 'assente']),
    ),
    'lives-with': ['solo'],
    'support-network': 'parzialmente-assistito',
    'has-carer': 'no',
    'income-sources': ['pensione'],
    'economic-situation': 'parziale',
    'housing-type': 'appartamento',
    'housing-adequacy': 'parziale',
    'housing-problems': ['barriere'],
    summary: 'Assistenza domiciliare e controllo infermieristico.',
  };
}

/** A contact at the desk for the person (core's access register), its id. */
export async function recordContact(desk: Client, personId: string, outcome = 'orientation'): Promise<string> {
  const res = await desk
    .post('/api/v1/access-contacts', { channel: 'di-persona', interlocutor: 'familiare', needs: ['salute'], outcome, personId })
    .expect(201);
  return res.body.id as string;
}
