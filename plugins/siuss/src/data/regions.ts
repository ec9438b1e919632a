// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CodeList } from '@sigess/core/sdk';

/**
 * The Italian regions by their ISTAT code (2 digits), as SIUSS's `CodiceRegione`, `CodiceRegioneResidenza` and
 * SINBA's `CodiceRegioneResidenzaPadre/Madre` want them. National reference data: the flow names every region
 * alike, none is treated apart. (ISTAT's 21 and 22 are the autonomous provinces of Bolzano and Trento, parts of
 * region 04, not regions.)
 */
export const REGIONS_LIST: CodeList = {
  id: 'siuss.regioni',
  version: 1,
  entries: [
    ['01', 'Piemonte', 'Piedmont'],
    ['02', "Valle d'Aosta/Vallée d'Aoste", 'Aosta Valley'],
    ['03', 'Lombardia', 'Lombardy'],
    ['04', 'Trentino-Alto Adige/Südtirol', 'Trentino-South Tyrol'],
    ['05', 'Veneto', 'Veneto'],
    ['06', 'Friuli-Venezia Giulia', 'Friuli-Venezia Giulia'],
    ['07', 'Liguria', 'Liguria'],
    ['08', 'Emilia-Romagna', 'Emilia-Romagna'],
    ['09', 'Toscana', 'Tuscany'],
    ['10', 'Umbria', 'Umbria'],
    ['11', 'Marche', 'Marche'],
    ['12', 'Lazio', 'Lazio'],
    ['13', 'Abruzzo', 'Abruzzo'],
    ['14', 'Molise', 'Molise'],
    ['15', 'Campania', 'Campania'],
    ['16', 'Puglia', 'Apulia'],
    ['17', 'Basilicata', 'Basilicata'],
    ['18', 'Calabria', 'Calabria'],
    ['19', 'Sicilia', 'Sicily'],
    ['20', 'Sardegna', 'Sardinia'],
  ].map(([code, it, en]) => ({ code: code!, label: { it: it!, en: en! } })),
};
