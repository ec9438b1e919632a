// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CodeList } from '@sigess/core/sdk';

/**
 * Citizenship codes: core stores a person's citizenships as ISTAT's 3-digit codes of foreign states (100 Italy,
 * 235 Romania, 436 Morocco…), while SIUSS's `CodiceCittadinanza`, `CodiceSecondaCittadinanza` and `CodiceNazione`
 * are ISO 3166-1 numeric (380 Italy), as SISO's constants confirm (DOMAIN.md §5.2). SINBA's parents'
 * `CodiceCittadinanzaPadre/Madre` are 3 digits too; the SINBA form stores the ISTAT code (core's convention) and
 * the flow converts it here like the beneficiary's.
 *
 * ISTAT's numbering: 100 Italy, 2xx Europe, 3xx Asia, 4xx Africa, 5xx North and Central America, 6xx South
 * America, 7xx Oceania, 9xx territories that are not states (left out: a citizenship is a state's), 999 apolide.
 *
 * Written from knowledge of the two standards, for the states existing today. The ISTAT codes and Italian names
 * were checked against a public copy of ISTAT's list, the ISO alpha-2 codes against the Belfiore dataset core
 * already ships (`@marketto/belfiore-connector-embedded`, which has alpha-2 but no numeric codes) and the numeric
 * codes against a public ISO 3166-1 alpha-2 → numeric table. TO BE CONFIRMED against ISTAT's official "Elenco dei
 * codici e delle denominazioni delle unità territoriali estere" (istat.it, classificazioni), which gives each
 * ISTAT code its UNSD M49 (= ISO 3166-1 numeric) and ISO alpha codes, before the table is relied on for a flow.
 *
 * No ISO numeric: Kosovo (ISO has assigned it no code; XK is a user-assigned alpha-2) and apolide. What the flow
 * then sends is the flow's decision (SISO uses 990 "non disponibile").
 */

export interface CitizenshipCode {
  /** ISTAT code of the state, 3 digits (as core stores it). */
  readonly istat: string;
  /** ISO 3166-1 numeric, 3 digits, or null when ISO has none. */
  readonly iso: string | null;
  /** ISO 3166-1 alpha-2, null when ISO has none (XK is user-assigned). */
  readonly alpha2: string | null;
  readonly name: { readonly it: string; readonly en: string };
}

type Row = readonly [istat: string, iso: string | null, alpha2: string | null, it: string, en: string];

const ROWS: readonly Row[] = [
  ['100', '380', 'IT', 'Italia', 'Italy'],
  // Europe
  ['201', '008', 'AL', 'Albania', 'Albania'],
  ['202', '020', 'AD', 'Andorra', 'Andorra'],
  ['203', '040', 'AT', 'Austria', 'Austria'],
  ['206', '056', 'BE', 'Belgio', 'Belgium'],
  ['209', '100', 'BG', 'Bulgaria', 'Bulgaria'],
  ['212', '208', 'DK', 'Danimarca', 'Denmark'],
  ['214', '246', 'FI', 'Finlandia', 'Finland'],
  ['215', '250', 'FR', 'Francia', 'France'],
  ['216', '276', 'DE', 'Germania', 'Germany'],
  ['219', '826', 'GB', 'Regno Unito', 'United Kingdom'],
  ['220', '300', 'GR', 'Grecia', 'Greece'],
  ['221', '372', 'IE', 'Irlanda', 'Ireland'],
  ['223', '352', 'IS', 'Islanda', 'Iceland'],
  ['225', '438', 'LI', 'Liechtenstein', 'Liechtenstein'],
  ['226', '442', 'LU', 'Lussemburgo', 'Luxembourg'],
  ['227', '470', 'MT', 'Malta', 'Malta'],
  ['229', '492', 'MC', 'Monaco', 'Monaco'],
  ['231', '578', 'NO', 'Norvegia', 'Norway'],
  ['232', '528', 'NL', 'Paesi Bassi', 'Netherlands'],
  ['233', '616', 'PL', 'Polonia', 'Poland'],
  ['234', '620', 'PT', 'Portogallo', 'Portugal'],
  ['235', '642', 'RO', 'Romania', 'Romania'],
  ['236', '674', 'SM', 'San Marino', 'San Marino'],
  ['239', '724', 'ES', 'Spagna', 'Spain'],
  ['240', '752', 'SE', 'Svezia', 'Sweden'],
  ['241', '756', 'CH', 'Svizzera', 'Switzerland'],
  ['243', '804', 'UA', 'Ucraina', 'Ukraine'],
  ['244', '348', 'HU', 'Ungheria', 'Hungary'],
  ['245', '643', 'RU', 'Federazione russa', 'Russian Federation'],
  ['246', '336', 'VA', 'Stato della Città del Vaticano', 'Vatican City State'],
  ['247', '233', 'EE', 'Estonia', 'Estonia'],
  ['248', '428', 'LV', 'Lettonia', 'Latvia'],
  ['249', '440', 'LT', 'Lituania', 'Lithuania'],
  ['250', '191', 'HR', 'Croazia', 'Croatia'],
  ['251', '705', 'SI', 'Slovenia', 'Slovenia'],
  ['252', '070', 'BA', 'Bosnia-Erzegovina', 'Bosnia and Herzegovina'],
  ['253', '807', 'MK', 'Macedonia del Nord', 'North Macedonia'],
  ['254', '498', 'MD', 'Moldova', 'Moldova'],
  ['255', '703', 'SK', 'Slovacchia', 'Slovakia'],
  ['256', '112', 'BY', 'Bielorussia', 'Belarus'],
  ['257', '203', 'CZ', 'Repubblica Ceca', 'Czechia'],
  ['270', '499', 'ME', 'Montenegro', 'Montenegro'],
  ['271', '688', 'RS', 'Serbia', 'Serbia'],
  ['272', null, null, 'Kosovo', 'Kosovo'],
  // Asia
  ['301', '004', 'AF', 'Afghanistan', 'Afghanistan'],
  ['302', '682', 'SA', 'Arabia Saudita', 'Saudi Arabia'],
  ['304', '048', 'BH', 'Bahrein', 'Bahrain'],
  ['305', '050', 'BD', 'Bangladesh', 'Bangladesh'],
  ['306', '064', 'BT', 'Bhutan', 'Bhutan'],
  ['307', '104', 'MM', 'Myanmar/Birmania', 'Myanmar'],
  ['309', '096', 'BN', 'Brunei Darussalam', 'Brunei Darussalam'],
  ['310', '116', 'KH', 'Cambogia', 'Cambodia'],
  ['311', '144', 'LK', 'Sri Lanka', 'Sri Lanka'],
  ['314', '156', 'CN', 'Cina', 'China'],
  ['315', '196', 'CY', 'Cipro', 'Cyprus'],
  ['319', '408', 'KP', 'Corea del Nord', 'North Korea'],
  ['320', '410', 'KR', 'Corea del Sud', 'South Korea'],
  ['322', '784', 'AE', 'Emirati Arabi Uniti', 'United Arab Emirates'],
  ['323', '608', 'PH', 'Filippine', 'Philippines'],
  ['324', '275', 'PS', 'Palestina', 'Palestine'],
  ['326', '392', 'JP', 'Giappone', 'Japan'],
  ['327', '400', 'JO', 'Giordania', 'Jordan'],
  ['330', '356', 'IN', 'India', 'India'],
  ['331', '360', 'ID', 'Indonesia', 'Indonesia'],
  ['332', '364', 'IR', 'Iran', 'Iran'],
  ['333', '368', 'IQ', 'Iraq', 'Iraq'],
  ['334', '376', 'IL', 'Israele', 'Israel'],
  ['335', '414', 'KW', 'Kuwait', 'Kuwait'],
  ['336', '418', 'LA', 'Laos', 'Laos'],
  ['337', '422', 'LB', 'Libano', 'Lebanon'],
  ['338', '626', 'TL', 'Timor Leste', 'Timor-Leste'],
  ['339', '462', 'MV', 'Maldive', 'Maldives'],
  ['340', '458', 'MY', 'Malaysia', 'Malaysia'],
  ['341', '496', 'MN', 'Mongolia', 'Mongolia'],
  ['342', '524', 'NP', 'Nepal', 'Nepal'],
  ['343', '512', 'OM', 'Oman', 'Oman'],
  ['344', '586', 'PK', 'Pakistan', 'Pakistan'],
  ['345', '634', 'QA', 'Qatar', 'Qatar'],
  ['346', '702', 'SG', 'Singapore', 'Singapore'],
  ['348', '760', 'SY', 'Siria', 'Syria'],
  ['349', '764', 'TH', 'Thailandia', 'Thailand'],
  ['351', '792', 'TR', 'Turchia', 'Türkiye'],
  ['353', '704', 'VN', 'Vietnam', 'Viet Nam'],
  ['354', '887', 'YE', 'Yemen', 'Yemen'],
  ['356', '398', 'KZ', 'Kazakhstan', 'Kazakhstan'],
  ['357', '860', 'UZ', 'Uzbekistan', 'Uzbekistan'],
  ['358', '051', 'AM', 'Armenia', 'Armenia'],
  ['359', '031', 'AZ', 'Azerbaigian', 'Azerbaijan'],
  ['360', '268', 'GE', 'Georgia', 'Georgia'],
  ['361', '417', 'KG', 'Kirghizistan', 'Kyrgyzstan'],
  ['362', '762', 'TJ', 'Tagikistan', 'Tajikistan'],
  ['363', '158', 'TW', 'Taiwan', 'Taiwan'],
  ['364', '795', 'TM', 'Turkmenistan', 'Turkmenistan'],
  // Africa
  ['401', '012', 'DZ', 'Algeria', 'Algeria'],
  ['402', '024', 'AO', 'Angola', 'Angola'],
  ['404', '384', 'CI', "Costa d'Avorio", "Côte d'Ivoire"],
  ['406', '204', 'BJ', 'Benin', 'Benin'],
  ['408', '072', 'BW', 'Botswana', 'Botswana'],
  ['409', '854', 'BF', 'Burkina Faso', 'Burkina Faso'],
  ['410', '108', 'BI', 'Burundi', 'Burundi'],
  ['411', '120', 'CM', 'Camerun', 'Cameroon'],
  ['413', '132', 'CV', 'Capo Verde', 'Cabo Verde'],
  ['414', '140', 'CF', 'Repubblica Centrafricana', 'Central African Republic'],
  ['415', '148', 'TD', 'Ciad', 'Chad'],
  ['417', '174', 'KM', 'Comore', 'Comoros'],
  ['418', '178', 'CG', 'Congo', 'Congo'],
  ['419', '818', 'EG', 'Egitto', 'Egypt'],
  ['420', '231', 'ET', 'Etiopia', 'Ethiopia'],
  ['421', '266', 'GA', 'Gabon', 'Gabon'],
  ['422', '270', 'GM', 'Gambia', 'Gambia'],
  ['423', '288', 'GH', 'Ghana', 'Ghana'],
  ['424', '262', 'DJ', 'Gibuti', 'Djibouti'],
  ['425', '324', 'GN', 'Guinea', 'Guinea'],
  ['426', '624', 'GW', 'Guinea-Bissau', 'Guinea-Bissau'],
  ['427', '226', 'GQ', 'Guinea equatoriale', 'Equatorial Guinea'],
  ['428', '404', 'KE', 'Kenya', 'Kenya'],
  ['429', '426', 'LS', 'Lesotho', 'Lesotho'],
  ['430', '430', 'LR', 'Liberia', 'Liberia'],
  ['431', '434', 'LY', 'Libia', 'Libya'],
  ['432', '450', 'MG', 'Madagascar', 'Madagascar'],
  ['434', '454', 'MW', 'Malawi', 'Malawi'],
  ['435', '466', 'ML', 'Mali', 'Mali'],
  ['436', '504', 'MA', 'Marocco', 'Morocco'],
  ['437', '478', 'MR', 'Mauritania', 'Mauritania'],
  ['438', '480', 'MU', 'Maurizio', 'Mauritius'],
  ['440', '508', 'MZ', 'Mozambico', 'Mozambique'],
  ['441', '516', 'NA', 'Namibia', 'Namibia'],
  ['442', '562', 'NE', 'Niger', 'Niger'],
  ['443', '566', 'NG', 'Nigeria', 'Nigeria'],
  ['446', '646', 'RW', 'Ruanda', 'Rwanda'],
  ['448', '678', 'ST', 'Sao Tomé e Principe', 'São Tomé and Príncipe'],
  ['449', '690', 'SC', 'Seychelles', 'Seychelles'],
  ['450', '686', 'SN', 'Senegal', 'Senegal'],
  ['451', '694', 'SL', 'Sierra Leone', 'Sierra Leone'],
  ['453', '706', 'SO', 'Somalia', 'Somalia'],
  ['454', '710', 'ZA', 'Sudafrica', 'South Africa'],
  ['455', '729', 'SD', 'Sudan', 'Sudan'],
  ['456', '748', 'SZ', 'Eswatini', 'Eswatini'],
  ['457', '834', 'TZ', 'Tanzania', 'Tanzania'],
  ['458', '768', 'TG', 'Togo', 'Togo'],
  ['460', '788', 'TN', 'Tunisia', 'Tunisia'],
  ['461', '800', 'UG', 'Uganda', 'Uganda'],
  ['463', '180', 'CD', 'Repubblica Democratica del Congo', 'Democratic Republic of the Congo'],
  ['464', '894', 'ZM', 'Zambia', 'Zambia'],
  ['465', '716', 'ZW', 'Zimbabwe', 'Zimbabwe'],
  ['466', '232', 'ER', 'Eritrea', 'Eritrea'],
  ['467', '728', 'SS', 'Sud Sudan', 'South Sudan'],
  // North and Central America
  ['503', '028', 'AG', 'Antigua e Barbuda', 'Antigua and Barbuda'],
  ['505', '044', 'BS', 'Bahamas', 'Bahamas'],
  ['506', '052', 'BB', 'Barbados', 'Barbados'],
  ['507', '084', 'BZ', 'Belize', 'Belize'],
  ['509', '124', 'CA', 'Canada', 'Canada'],
  ['513', '188', 'CR', 'Costa Rica', 'Costa Rica'],
  ['514', '192', 'CU', 'Cuba', 'Cuba'],
  ['515', '212', 'DM', 'Dominica', 'Dominica'],
  ['516', '214', 'DO', 'Repubblica Dominicana', 'Dominican Republic'],
  ['517', '222', 'SV', 'El Salvador', 'El Salvador'],
  ['518', '388', 'JM', 'Giamaica', 'Jamaica'],
  ['519', '308', 'GD', 'Grenada', 'Grenada'],
  ['523', '320', 'GT', 'Guatemala', 'Guatemala'],
  ['524', '332', 'HT', 'Haiti', 'Haiti'],
  ['525', '340', 'HN', 'Honduras', 'Honduras'],
  ['527', '484', 'MX', 'Messico', 'Mexico'],
  ['529', '558', 'NI', 'Nicaragua', 'Nicaragua'],
  ['530', '591', 'PA', 'Panama', 'Panama'],
  ['532', '662', 'LC', 'Santa Lucia', 'Saint Lucia'],
  ['533', '670', 'VC', 'Saint Vincent e Grenadine', 'Saint Vincent and the Grenadines'],
  ['534', '659', 'KN', 'Saint Kitts e Nevis', 'Saint Kitts and Nevis'],
  ['536', '840', 'US', "Stati Uniti d'America", 'United States of America'],
  // South America
  ['602', '032', 'AR', 'Argentina', 'Argentina'],
  ['604', '068', 'BO', 'Bolivia', 'Bolivia'],
  ['605', '076', 'BR', 'Brasile', 'Brazil'],
  ['606', '152', 'CL', 'Cile', 'Chile'],
  ['608', '170', 'CO', 'Colombia', 'Colombia'],
  ['609', '218', 'EC', 'Ecuador', 'Ecuador'],
  ['612', '328', 'GY', 'Guyana', 'Guyana'],
  ['614', '600', 'PY', 'Paraguay', 'Paraguay'],
  ['615', '604', 'PE', 'Perù', 'Peru'],
  ['616', '740', 'SR', 'Suriname', 'Suriname'],
  ['617', '780', 'TT', 'Trinidad e Tobago', 'Trinidad and Tobago'],
  ['618', '858', 'UY', 'Uruguay', 'Uruguay'],
  ['619', '862', 'VE', 'Venezuela', 'Venezuela'],
  // Oceania
  ['701', '036', 'AU', 'Australia', 'Australia'],
  ['703', '242', 'FJ', 'Figi', 'Fiji'],
  ['708', '296', 'KI', 'Kiribati', 'Kiribati'],
  ['712', '584', 'MH', 'Isole Marshall', 'Marshall Islands'],
  ['713', '583', 'FM', 'Stati Federati di Micronesia', 'Federated States of Micronesia'],
  ['715', '520', 'NR', 'Nauru', 'Nauru'],
  ['719', '554', 'NZ', 'Nuova Zelanda', 'New Zealand'],
  ['720', '585', 'PW', 'Palau', 'Palau'],
  ['721', '598', 'PG', 'Papua Nuova Guinea', 'Papua New Guinea'],
  ['725', '090', 'SB', 'Isole Salomone', 'Solomon Islands'],
  ['727', '882', 'WS', 'Samoa', 'Samoa'],
  ['730', '776', 'TO', 'Tonga', 'Tonga'],
  ['731', '798', 'TV', 'Tuvalu', 'Tuvalu'],
  ['732', '548', 'VU', 'Vanuatu', 'Vanuatu'],
  // No citizenship: ISO 3166 has no code for it.
  ['999', null, null, 'Apolide', 'Stateless'],
];

export const CITIZENSHIPS: readonly CitizenshipCode[] = ROWS.map(([istat, iso, alpha2, it, en]) => ({
  istat,
  iso,
  alpha2,
  name: { it, en },
}));

const ISO_OF_ISTAT = new Map(CITIZENSHIPS.map((c) => [c.istat, c.iso]));

/** ISO 3166-1 numeric of an ISTAT state code (`'235'` → `'642'`); null when unknown or ISO has none. */
export function isoNumericOfIstat(code: string): string | null {
  return ISO_OF_ISTAT.get(code) ?? null;
}

export const CITIZENSHIPS_LIST_ID = 'siuss.cittadinanze';

/**
 * The table as a code list of ISTAT codes, Italian names first in Italian order: the SINBA form's parents'
 * citizenship chooses from it, so the answer is a code core's convention knows and the flow can convert.
 */
export const CITIZENSHIPS_LIST: CodeList = {
  id: CITIZENSHIPS_LIST_ID,
  version: 1,
  entries: [
    ...CITIZENSHIPS.filter((c) => c.istat === '100'),
    ...CITIZENSHIPS.filter((c) => c.istat !== '100').sort((a, b) => a.name.it.localeCompare(b.name.it, 'it')),
  ].map((c) => ({ code: c.istat, label: { it: c.name.it, en: c.name.en } })),
};
