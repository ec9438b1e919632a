// SPDX-License-Identifier: AGPL-3.0-or-later
import { CodeLists, Forms, type PluginRegistrar } from '@sigess/core/sdk';
import { CITIZENSHIPS_LIST } from '../data/citizenship';
import { PRESTAZIONI_LIST } from '../data/prestazioni';
import { REGIONS_LIST } from '../data/regions';
import { XSD_CODE_LISTS } from './code-lists';
import { SINA_FORM } from './sina';
import { SINBA_FORM } from './sinba';

export { SINA_FORM, SINA_FORM_ID } from './sina';
export { SINBA_FORM, SINBA_FORM_ID } from './sinba';
export { fieldIdOf, monthOf, xsdAttributeOf, xsdValuesOf, type XsdValue } from './xsd-mapping';

/**
 * The schede SINA and SINBA, filled in from the cartella as assessments of core's forms engine, and the code
 * lists they choose from: the XSDs' enumerations, INPS's prestazioni, citizenships and regions.
 */
export function registerForms(p: PluginRegistrar): void {
  for (const list of [...XSD_CODE_LISTS, PRESTAZIONI_LIST, CITIZENSHIPS_LIST, REGIONS_LIST]) p.contribute(CodeLists, list);
  p.contribute(Forms, SINA_FORM);
  p.contribute(Forms, SINBA_FORM);
}
