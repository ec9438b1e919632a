// SPDX-License-Identifier: AGPL-3.0-or-later
export { cleanXmlText, escapeXml } from './escape';
export {
  CASELLARIO_NAMESPACE,
  FLUSSO_NOME_MAX,
  beneficiarioXml,
  flussoHead,
  flussoTail,
  prestazioneXml,
  psFlussoChunks,
  psFlussoXml,
  sinbaFlussoXml,
  sinbaXml,
} from './writers';
