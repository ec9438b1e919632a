// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CodeList } from '@sigess/core/sdk';

/**
 * The enumerations of INPS's XSDs (`schemas/PS_PSA_SINA201812.xsd`, `schemas/SINBA.xsd`) as code lists: each code
 * is the enumeration's value exactly as the XML carries it ('1', '2'…), each Italian label the enumeration's
 * `xs:documentation` (spelt and capitalized for the screen), with an English translation. The XSD is the
 * authority: test/forms.test.ts checks every code of every field against it. Where several XSD types enumerate
 * the same values with the same meaning (the SI/NO types, consensuale/giudiziario) they share one list.
 */

type Entry = readonly [code: string, it: string, en: string];

function list(name: string, entries: readonly Entry[]): CodeList {
  return { id: `siuss.${name}`, version: 1, entries: entries.map(([code, it, en]) => ({ code, label: { it, en } })) };
}

// ---------------------------------------------------------------------------------------------------------------
// SINA (PS_PSA_SINA201812.xsd, SINAType)
// ---------------------------------------------------------------------------------------------------------------

export const MOBILITA = list('mobilita', [
  ['1', 'Si sposta da solo/a', 'Moves about unaided'],
  ['2', 'Si sposta assistito/a', 'Moves about with help'],
  ['3', 'Non si sposta', 'Does not move about'],
]);

export const ATTIVITA_VITA_QUOTIDIANA = list('attivita-vita-quotidiana', [
  ['1', 'Autonomo/a', 'Independent'],
  ['2', 'Parzialmente dipendente', 'Partly dependent'],
  ['3', 'Totalmente dipendente', 'Fully dependent'],
]);

export const DISTURBI_AREA_COGNITIVA = list('disturbi-area-cognitiva', [
  ['1', 'Lievi', 'Mild'],
  ['2', 'Moderati', 'Moderate'],
  ['3', 'Gravi', 'Severe'],
]);

export const DISTURBI_COMPORTAMENTALI = list('disturbi-comportamentali', [
  ['1', 'Assenti', 'Absent'],
  ['2', 'Presenti', 'Present'],
]);

export const NECESSITA_CURE_SANITARIE = list('necessita-cure-sanitarie', [
  ['1', 'Bassa', 'Low'],
  ['2', 'Media', 'Medium'],
  ['3', 'Alta', 'High'],
]);

export const AREA_REDDITUALE = list('area-reddituale', [
  ['1', 'Autonomo/a e in equilibrio finanziario', 'Self-sufficient and financially balanced'],
  ['2', 'Riceve aiuto da parenti e/o da altre persone', 'Receives help from relatives and/or other people'],
  [
    '3',
    'In condizione di bisogno economico e senza aiuti da parenti o altre persone',
    'In economic need, without help from relatives or other people',
  ],
]);

export const AREA_SUPPORTO = list('area-supporto', [
  ['1', 'Presenza della rete familiare o informale', 'Family or informal support network present'],
  [
    '2',
    'Presenza parziale e/o temporanea della rete familiare o informale',
    'Family or informal support network partly and/or temporarily present',
  ],
  ['3', 'Assenza della rete familiare o informale', 'No family or informal support network'],
]);

export const FONTE_DERIVAZIONE_VALUTAZIONE = list('fonte-derivazione-valutazione', [
  ['1', 'UVM (unità di valutazione multidimensionale)', 'UVM (multidimensional assessment unit)'],
  ['2', 'Cartella sociale', 'Cartella sociale (social case file)'],
  ['3', 'Altra documentazione', 'Other documents'],
  ['4', 'Raccolta diretta', 'Collected directly'],
]);

export const STRUMENTO_VALUTAZIONE = list('strumento-valutazione', [
  ['1', 'SVAMA', 'SVAMA'],
  ['2', 'AGED', 'AGED'],
  ['3', 'RUG', 'RUG'],
  ['4', 'SOSIA', 'SOSIA'],
  ['5', 'Schema polare', 'Polar chart (schema polare)'],
  ['6', 'VALGRAF', 'VALGRAF'],
  ['7', 'Altro sistema di codifica', 'Other coding system'],
]);

/** `InvCivType`: the SINA's certifications of invalidity (L. 104 split by article). */
export const INV_CIV = list('inv-civ', [
  ['1', "Certificazione d'invalidità civile parziale non inferiore al 75%", 'Partial civil invalidity of at least 75% certified'],
  [
    '2',
    "Certificazione d'invalidità civile totale (100%) con indennità di accompagnamento",
    'Total civil invalidity (100%) certified, with attendance allowance',
  ],
  [
    '3',
    "Certificazione d'invalidità civile totale (100%) senza indennità di accompagnamento",
    'Total civil invalidity (100%) certified, without attendance allowance',
  ],
  ['4', 'Certificazione NPI (neuropsichiatria infantile)', 'Child neuropsychiatry (NPI) certification'],
  ['5', 'Certificazione L. 104/1992 (art. 3, comma 1)', 'Law 104/1992 certification (art. 3(1))'],
  ['6', 'Certificazione L. 104/1992 (art. 3, comma 3)', 'Law 104/1992 certification (art. 3(3), severe)'],
  ['7', 'Certificazione L. 104/1992 (art. 12)', 'Law 104/1992 certification (art. 12)'],
  ['8', 'Certificazione L. 104/1992 (art. 13)', 'Law 104/1992 certification (art. 13)'],
]);

export const FONTE_DERIVAZIONE_INVALIDITA = list('fonte-derivazione-invalidita', [
  ['1', "Certificazione d'invalidità verificata on line o cartacea", 'Invalidity certificate checked online or on paper'],
  ['2', 'Dichiarazione della persona', "The person's own statement"],
]);

// ---------------------------------------------------------------------------------------------------------------
// SINBA (SINBA.xsd, SinbaType)
// ---------------------------------------------------------------------------------------------------------------

/** MinoreStranieroNoAccType, DisabilitaType, SegnalazioneAutoritaGiudiziariaType, ProvvedimentoGiudiziarioType. */
export const SI_NO = list('si-no', [
  ['1', 'Sì', 'Yes'],
  ['2', 'No', 'No'],
]);

export const COMPOSIZIONE_FAMIGLIA = list('composizione-famiglia', [
  ['1', 'Madre', 'Mother'],
  ['2', 'Padre', 'Father'],
  ['3', 'Fratelli/sorelle', 'Brothers/sisters'],
  ['4', 'Nonno/a', 'Grandparent'],
  ['5', 'Compagno/a della madre o del padre', "Mother's or father's partner"],
  ['6', 'Altri conviventi', 'Other members of the household'],
]);

export const CONDIZIONE_MINORE = list('condizione-minore', [
  ['1', 'Non orfano/a', 'Not an orphan'],
  ['2', 'Orfano/a di entrambi i genitori', 'Orphan of both parents'],
  ['3', 'Orfano/a di padre', 'Fatherless'],
  ['4', 'Orfano/a di madre', 'Motherless'],
  ['5', 'Genitori ignoti', 'Parents unknown'],
]);

export const LUOGO_VITA = list('luogo-vita', [
  ['1', 'Nella sua famiglia', 'With own family'],
  ['2', 'Presso parenti', 'With relatives'],
  ['3', 'In famiglia affidataria', 'With a foster family'],
  ['4', 'In struttura residenziale sociale', 'In a social residential facility'],
  ['5', 'In struttura residenziale sanitaria', 'In a health residential facility'],
  ['6', 'In istituto penale minorile', 'In a juvenile detention institution'],
  ['7', 'Con amici e conoscenti', 'With friends or acquaintances'],
  ['8', 'Senza dimora', 'Homeless'],
]);

export const SCUOLA_FREQUENTATA = list('scuola-frequentata', [
  ['1', 'Nessuna scuola', 'No school'],
  ['2', 'Struttura', 'Facility'],
  ['3', 'Asilo nido', 'Nursery (asilo nido)'],
  ['4', "Scuola dell'infanzia", 'Pre-school'],
  ['5', 'Scuola primaria', 'Primary school'],
  ['6', 'Scuola secondaria di I grado', 'Lower secondary school'],
  ['7', 'Scuola secondaria di II grado', 'Upper secondary school'],
  ['8', 'Corso di formazione professionale', 'Vocational training course'],
]);

export const CONDIZIONE_LAVORO = list('condizione-lavoro', [
  [
    '1',
    'Inattivo/a (non in età da lavoro, non ha e non cerca lavoro)',
    'Inactive (not of working age, has no job and is not looking for one)',
  ],
  ['2', 'Occupato/a', 'Employed'],
  ['3', 'Disoccupato/a alla ricerca di nuova occupazione', 'Unemployed, looking for a new job'],
  ['4', 'In cerca di prima occupazione', 'Looking for a first job'],
]);

export const TIPO_DISABILITA = list('tipo-disabilita', [
  ['1', 'Fisica', 'Physical'],
  ['2', 'Psichica', 'Mental'],
  ['3', 'Sensoriale', 'Sensory'],
  ['4', 'Plurima', 'Multiple'],
]);

/** `InvCivCertificazioniType`: SINBA's certifications, L. 104 as one. */
export const INV_CIV_CERTIFICAZIONI = list('inv-civ-certificazioni', [
  ['1', "Certificazione d'invalidità civile parziale non inferiore al 75%", 'Partial civil invalidity of at least 75% certified'],
  [
    '2',
    "Certificazione d'invalidità civile totale (100%) con indennità di accompagnamento",
    'Total civil invalidity (100%) certified, with attendance allowance',
  ],
  [
    '3',
    "Certificazione d'invalidità civile totale (100%) senza indennità di accompagnamento",
    'Total civil invalidity (100%) certified, without attendance allowance',
  ],
  ['4', 'Certificazione NPI (neuropsichiatria infantile)', 'Child neuropsychiatry (NPI) certification'],
  ['5', 'Certificazione L. 104/1992', 'Law 104/1992 certification'],
]);

/** `TitoloStudioType`, for the father and the mother. */
export const TITOLO_STUDIO = list('titolo-studio', [
  ['1', 'Nessun titolo', 'None'],
  ['2', 'Licenza elementare', 'Primary school certificate'],
  ['3', 'Licenza media', 'Lower secondary school certificate'],
  ['4', 'Qualifica professionale', 'Vocational qualification'],
  ['5', 'Diploma di scuola superiore', 'Upper secondary school diploma'],
  ['6', 'Laurea o diploma di laurea', 'University degree'],
]);

/** `OccupazioneType`, for the father and the mother. */
export const OCCUPAZIONE = list('occupazione', [
  ['1', 'Occupato/a', 'Employed'],
  ['2', 'Disoccupato/a alla ricerca di nuova occupazione', 'Unemployed, looking for a new job'],
  ['3', 'In cerca di prima occupazione', 'Looking for a first job'],
  ['4', 'Casalinga/o', 'Homemaker'],
  ['5', 'Studente/studentessa', 'Student'],
  ['6', 'Ritirato/a dal lavoro', 'Retired'],
  ['7', 'Inabile al lavoro', 'Unable to work'],
  ['8', 'In altra condizione', 'Other'],
]);

export const FONTE_SEGNALAZIONE = list('fonte-segnalazione', [
  ['1', 'Servizio sociale minori della giustizia minorile', 'Social service of the juvenile justice system'],
  [
    '2',
    'Altro servizio sociale (consultori, centri famiglia, di altro ambito/distretto…)',
    'Another social service (family counselling, family centres, another ambito/district…)',
  ],
  ['3', 'Servizi sanitari/medico di base/pediatra', 'Health services, general practitioner or paediatrician'],
  ['4', 'Privato sociale/volontariato', 'Third sector or voluntary organization'],
  ['5', "Forze dell'ordine", 'Police'],
  ['6', 'Beneficiario stesso', 'The minor himself or herself'],
  ['7', 'Genitori affidatari/tutore', 'Foster parents or guardian'],
  ['8', 'Genitori/fratelli/altri familiari conviventi', 'Parents, siblings or other family members living with the minor'],
  ['9', 'Parenti non conviventi', 'Relatives not living with the minor'],
  ['10', 'Tribunale ordinario', 'Ordinary court'],
  ['11', 'Autorità giudiziarie minorili', 'Juvenile judicial authorities'],
  ['12', 'Professionista privato', 'Private professional'],
  ['13', 'Scuola', 'School'],
  ['14', 'Vicinato o conoscenti', 'Neighbours or acquaintances'],
]);

export const VALUTAZIONE_MINORE = list('valutazione-minore', [
  ['1', 'Nessuna specifica problematica', 'No specific problem'],
  ['2', 'Problemi relazionali e comportamentali', 'Relationship and behavioural problems'],
  ['3', 'Dipendenze', 'Addictions'],
  ['4', 'Presunto stato di abbandono', 'Presumed state of abandonment'],
  ['5', 'Problemi sanitari', 'Health problems'],
  [
    '6',
    'Violenza sessuale subita, prostituzione, tratta, pedopornografia',
    'Sexual violence suffered, prostitution, trafficking, child pornography',
  ],
  ['7', 'Altre forme di violenza e maltrattamento subite', 'Other violence or maltreatment suffered'],
  ['8', 'Comportamenti di grave devianza', 'Seriously deviant behaviour'],
  ['9', 'Problemi di autonomia, disabilità', 'Autonomy problems, disability'],
  ['10', 'Coinvolto/a in procedure penali', 'Involved in criminal proceedings'],
  ['11', 'Gestante/madre minorenne', 'Pregnant or a mother while a minor'],
  ['12', 'Minore straniero non accompagnato', 'Unaccompanied foreign minor'],
  ['13', 'Abbandono scolastico', 'Dropped out of school'],
]);

export const VALUTAZIONE_FAMIGLIA_MINORE = list('valutazione-famiglia-minore', [
  ['1', 'Nessuna specifica problematica', 'No specific problem'],
  [
    '2',
    'Fragilità/inadeguatezza genitoriale, problematiche socio-educative e relazionali',
    'Parental fragility or inadequacy, socio-educational and relationship problems',
  ],
  ['3', 'Dipendenza', 'Addiction'],
  ['4', 'Problematiche psichiatriche', 'Psychiatric problems'],
  ['5', 'Altre problematiche sanitarie', 'Other health problems'],
  ['6', 'Grave conflittualità familiare', 'Serious family conflict'],
  ['7', 'Famiglia maltrattante', 'Maltreating family'],
  ['8', 'Famiglia abusante', 'Abusive family'],
  ['9', 'Problemi giudiziari', 'Judicial problems'],
  ['10', 'Fallimento affido preadottivo nel I anno', 'Pre-adoptive placement failed in its first year'],
  ['11', 'Inadempienza obblighi sanitari', 'Failure to meet health obligations'],
  ['12', 'Difficoltà economiche', 'Financial difficulties'],
  ['13', 'Difficoltà abitative', 'Housing difficulties'],
]);

export const AUTORITA_PROVVEDIMENTO = list('autorita-provvedimento', [
  ['1', 'Giudice tutelare', 'Guardianship judge'],
  ['2', 'Tribunale per i minorenni', 'Juvenile court'],
  ['3', 'Procura per i minorenni', "Juvenile public prosecutor's office"],
  ['4', 'Tribunale ordinario', 'Ordinary court'],
]);

export const POTESTA_TUTELA = list('potesta-tutela', [
  ['1', 'Sospensione della potestà genitoriale', 'Parental authority suspended'],
  ['2', 'Decadenza dalla potestà genitoriale', 'Parental authority removed'],
  ['3', 'Prescrizioni ai genitori', 'Orders to the parents'],
  ['4', 'Tutela a parenti o altri soggetti', 'Guardianship given to relatives or others'],
  ['5', 'Curatela', 'Curatorship'],
]);

export const TIPO_PROVVEDIMENTO_GIUDIZIARIO = list('tipo-provvedimento-giudiziario', [
  ['1', 'Adottabilità', 'Declared adoptable'],
  ['2', 'Adozione nazionale', 'Domestic adoption'],
  ['3', 'Adozione internazionale', 'International adoption'],
  ['4', 'Affidamento familiare', 'Family foster care'],
  ['5', 'Affido al servizio sociale', 'Placed in the care of the social services'],
  ['6', 'Affidamento a uno dei genitori in caso di separazione', 'Custody given to one parent on separation'],
  ['7', 'Vigilanza', 'Supervision'],
  // The XSD's documentation of 8 reads `post-adozione "allontanamento del minore in via d'emergenza (art.403 c.c.)`:
  // two meanings run together; both are kept until INPS's manual says which one the code means.
  [
    '8',
    "Post-adozione; allontanamento del minore in via d'emergenza (art. 403 c.c.)",
    'Post-adoption; emergency removal of the minor (art. 403 civil code)',
  ],
]);

/** FormaInterventoAffidoType and FormaInserimentoResidenzialeType. */
export const FORMA_INTERVENTO = list('forma-intervento', [
  ['1', 'Consensuale', 'By consent'],
  ['2', 'Giudiziario', 'Court-ordered'],
]);

export const TIPO_INTERVENTO_AFFIDO = list('tipo-intervento-affido', [
  ['1', 'Intrafamiliare', 'Within the extended family'],
  ['2', 'Eterofamiliare', 'With another family'],
]);

export const DURATA_AFFIDO = list('durata-affido', [
  ['1', 'Tempo pieno', 'Full-time'],
  ['2', 'Tempo parziale', 'Part-time'],
]);

export const CARATTERE_AFFIDO = list('carattere-affido', [
  ['1', 'Residenziale', 'Residential'],
  ['2', 'Diurno', 'Day-time'],
]);

export const ESITO_AFFIDO = list('esito-affido', [
  ['1', 'Rientrato/a nella famiglia di origine', 'Returned to the family of origin'],
  ['2', 'Affidato/a ad altro nucleo familiare', 'Placed with another family'],
  ['3', 'Adottato/a', 'Adopted'],
  ['4', 'Inserito/a in struttura socio-educativa', 'Placed in a socio-educational facility'],
  ['5', 'Inserito/a in struttura sanitaria', 'Placed in a health facility'],
  ['6', 'Vita in autonomia', 'Living independently'],
  ['7', 'Rimpatriato/a', 'Repatriated'],
  ['8', 'Destinazione ignota', 'Whereabouts unknown'],
  ['9', 'Altro', 'Other'],
]);

export const CARATTERE_INSERIMENTO_RESIDENZIALE = list('carattere-inserimento-residenziale', [
  ['1', 'Familiare – prevalente accoglienza abitativa', 'Family-type – mainly housing'],
  ['2', 'Familiare – prevalente funzione tutelare', 'Family-type – mainly protective'],
  ['3', 'Familiare – funzione socio-educativa', 'Family-type – socio-educational'],
  ['4', 'Comunitario – accoglienza di emergenza', 'Community – emergency reception'],
  ['5', 'Comunitario – prevalente accoglienza abitativa', 'Community – mainly housing'],
  ['6', 'Comunitario – prevalente funzione tutelare', 'Community – mainly protective'],
  ['7', 'Comunitario – funzione socio-educativa', 'Community – socio-educational'],
  ['8', 'Comunitario – funzione educativa-psicologica', 'Community – educational and psychological'],
  ['9', 'Comunitario – funzione di integrazione socio-sanitaria bassa', 'Community – low social and health integration'],
  ['10', 'Comunitario – funzione di integrazione socio-sanitaria medio-alta', 'Community – medium to high social and health integration'],
]);

export const TIPO_INSERIMENTO_RESIDENZIALE = list('tipo-inserimento-residenziale', [
  ['1', 'Con genitore', 'With a parent'],
  ['2', 'Senza genitore', 'Without a parent'],
]);

export const ESITO_INSERIMENTO_STRUTTURA = list('esito-inserimento-struttura', [
  ['1', 'Rientrato/a nella famiglia di origine', 'Returned to the family of origin'],
  ['2', 'In famiglia affidataria o presso affidatario', 'With a foster family or foster carer'],
  ['3', 'Adottato/a', 'Adopted'],
  ['4', 'Inserito/a in altra struttura socio-educativa', 'Placed in another socio-educational facility'],
  ['5', 'Inserito/a in struttura sanitaria', 'Placed in a health facility'],
  ['6', 'Reso/a autonomo/a', 'Made independent'],
  ['7', 'Rimpatriato/a', 'Repatriated'],
  ['8', 'Destinazione ignota', 'Whereabouts unknown'],
  ['9', 'Altro', 'Other'],
]);

export const MOTIVAZIONE_CHIUSURA_CARICO = list('motivazione-chiusura-carico', [
  [
    '1',
    'Passaggio a servizio territoriale di altro ambito/distretto della stessa regione',
    'Moved to the services of another ambito/district of the same region',
  ],
  [
    '2',
    'Passaggio a servizio territoriale di altro ambito/distretto di altra regione',
    'Moved to the services of an ambito/district of another region',
  ],
  ['3', 'Raggiunta la maggiore età', 'Came of age'],
  [
    '4',
    'Conclusione degli interventi e della presa in carico per risoluzione dello stato di bisogno',
    'Interventions and presa in carico ended because the need was resolved',
  ],
  ['5', 'Uscita richiesta dal minore o dalla famiglia', 'Ended at the request of the minor or the family'],
  ['6', 'Rimpatrio', 'Repatriation'],
  ['7', 'Irreperibilità', 'Cannot be traced'],
  ['8', 'Decesso', 'Death'],
  ['9', 'Altro', 'Other'],
]);

export const SITUAZIONE_CHIUSURA_CARICO = list('situazione-chiusura-carico', [
  ['1', 'Nella famiglia di origine', 'With the family of origin'],
  [
    '2',
    'Vita in autonomia (in appartamento anche con altri non familiari o parenti)',
    'Living independently (in a flat, possibly with people who are not family)',
  ],
  ['3', 'Rimane nella famiglia affidataria anche se maggiorenne', 'Stays with the foster family after coming of age'],
  [
    '4',
    'Rimane nella struttura residenziale socio-assistenziale anche se maggiorenne',
    'Stays in the social residential facility after coming of age',
  ],
  ['5', 'Collocato/a in struttura residenziale sanitaria', 'Placed in a health residential facility'],
  ['6', 'Adottato/a in una nuova famiglia', 'Adopted by a new family'],
  ['7', 'In istituto penale', 'In a penal institution'],
  ['8', 'Destinazione ignota', 'Whereabouts unknown'],
]);

export const COLLABORAZIONI_INTERVENTI = list('collaborazioni-interventi', [
  ['1', 'SerD (servizio per le dipendenze)', 'Addiction services (SerD)'],
  ['2', 'NPI (neuropsichiatria infantile)', 'Child neuropsychiatry (NPI)'],
  ['3', 'Psicologia', 'Psychology services'],
  ['4', 'Clinica/DSM (dipartimento di salute mentale)', 'Clinic/mental health department (DSM)'],
  [
    '5',
    'Altri servizi sociali (consultorio, centri famiglia, adulti, di altro ambito/distretto)',
    'Other social services (family counselling, family centres, adult services, another ambito/district)',
  ],
  ['6', 'USSM (Ministero della giustizia)', 'Juvenile probation office (USSM, Ministry of Justice)'],
  ['7', 'Scuola', 'School'],
  ['8', 'Servizi del privato sociale, associazionismo, volontariato', 'Third-sector, association and voluntary services'],
  ['9', 'Altro', 'Other'],
]);

/** Every list of the XSDs' enumerations, contributed by `registerForms`. */
export const XSD_CODE_LISTS: readonly CodeList[] = [
  MOBILITA,
  ATTIVITA_VITA_QUOTIDIANA,
  DISTURBI_AREA_COGNITIVA,
  DISTURBI_COMPORTAMENTALI,
  NECESSITA_CURE_SANITARIE,
  AREA_REDDITUALE,
  AREA_SUPPORTO,
  FONTE_DERIVAZIONE_VALUTAZIONE,
  STRUMENTO_VALUTAZIONE,
  INV_CIV,
  FONTE_DERIVAZIONE_INVALIDITA,
  SI_NO,
  COMPOSIZIONE_FAMIGLIA,
  CONDIZIONE_MINORE,
  LUOGO_VITA,
  SCUOLA_FREQUENTATA,
  CONDIZIONE_LAVORO,
  TIPO_DISABILITA,
  INV_CIV_CERTIFICAZIONI,
  TITOLO_STUDIO,
  OCCUPAZIONE,
  FONTE_SEGNALAZIONE,
  VALUTAZIONE_MINORE,
  VALUTAZIONE_FAMIGLIA_MINORE,
  AUTORITA_PROVVEDIMENTO,
  POTESTA_TUTELA,
  TIPO_PROVVEDIMENTO_GIUDIZIARIO,
  FORMA_INTERVENTO,
  TIPO_INTERVENTO_AFFIDO,
  DURATA_AFFIDO,
  CARATTERE_AFFIDO,
  ESITO_AFFIDO,
  CARATTERE_INSERIMENTO_RESIDENZIALE,
  TIPO_INSERIMENTO_RESIDENZIALE,
  ESITO_INSERIMENTO_STRUTTURA,
  MOTIVAZIONE_CHIUSURA_CARICO,
  SITUAZIONE_CHIUSURA_CARICO,
  COLLABORAZIONI_INTERVENTI,
];
