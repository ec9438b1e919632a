// SPDX-License-Identifier: AGPL-3.0-or-later

/** The role of a request with nobody signed in; it holds only public permissions. */
export const ANONYMOUS = 'anonymous';

/**
 * The roles every installation has. Roles are data (core.role): plugins and
 * administrators may add more; what each may do is the role → permission matrix.
 */
export const CORE_ROLES = [
  { id: ANONYMOUS, it: 'Visitatore non autenticato', en: 'Visitor (not signed in)' },
  { id: 'system-admin', it: 'Amministratore di sistema', en: 'System administrator' },
  { id: 'org-admin', it: "Amministratore dell'ente", en: 'Organization administrator' },
  { id: 'service-manager', it: 'Responsabile del servizio', en: 'Service manager' },
  { id: 'social-worker', it: 'Assistente sociale', en: 'Social worker' },
  { id: 'educator', it: 'Educatore', en: 'Educator' },
  { id: 'access-point-operator', it: 'Operatore PUA / segretariato sociale', en: 'Access-point operator (PUA, segretariato)' },
  { id: 'clerk', it: 'Impiegato amministrativo', en: 'Administrative clerk' },
  { id: 'health-operator', it: 'Operatore sanitario (ASL)', en: 'Health operator (ASL)' },
  { id: 'privacy-officer', it: 'Responsabile della protezione dei dati', en: 'Privacy officer' },
] as const;
