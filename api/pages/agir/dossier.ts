// What a link's page reads of its dossier, whatever the dispositif: the people a link may be addressed to, and
// the context shown at the top of the page.
import { personHash } from '../../../activities/action-links';
import type { Recipient } from '../../../activities/email/kinds';
import { REGIONS } from '../../../domain/regions';
import type { DiagnosticState } from '../../../workflows/diagnostic/state';
import { LIBELLES_DISPOSITIFS } from '../../common';
import { etapeFr } from '../../dossiers/dispositifs';
import type { AnyDossierState } from '../../dossiers/router';
import { diagnostiqueurs } from './diagnostic';

/** The roles a dossier may hold, whichever its dispositif. */
type Roles = { intervenant?: Recipient; cabinet?: { nom: string; contact: Recipient; consultants: Recipient[] }; membresReseau?: Recipient[] };

/** The people of a dossier a link may be addressed to. */
export function participants(state: AnyDossierState): Recipient[] {
  const s = state as Roles;
  const demande = state.demande as { direction: Recipient; presidence: Recipient };
  return [
    demande.direction,
    demande.presidence,
    ...(s.intervenant ? [s.intervenant] : []),
    ...(s.cabinet ? [s.cabinet.contact, ...s.cabinet.consultants] : []),
    ...(s.membresReseau ?? []),
    ...(state.dispositif === 'diagnostic' ? diagnostiqueurs(state as DiagnosticState) : []),
  ];
}

export function personneDuLien(state: AnyDossierState, hash: string): Recipient | undefined {
  return participants(state).find((p) => personHash(p.email) === hash);
}

/** The dossier, as the top of a link's page shows it. */
export function contexteDuDossier(state: AnyDossierState): { libelle: string; valeur: string }[] {
  const ml = state.demande.missionLocale;
  const s = state as Roles;
  const binome = state.dispositif === 'diagnostic' ? diagnostiqueurs(state as DiagnosticState) : [];
  return [
    { libelle: 'Dossier', valeur: state.dossierId },
    { libelle: 'Dispositif', valeur: LIBELLES_DISPOSITIFS[state.dispositif] },
    { libelle: 'Mission Locale', valeur: `${ml.nom} (${REGIONS[ml.region]})` },
    ...(s.intervenant ? [{ libelle: 'Intervenant', valeur: s.intervenant.nom }] : []),
    ...(s.cabinet ? [{ libelle: 'Cabinet', valeur: s.cabinet.nom }] : []),
    ...(binome.length ? [{ libelle: 'Binôme', valeur: binome.map((p) => p.nom).join(' et ') }] : []),
    { libelle: 'Étape', valeur: etapeFr(state.dispositif, state.etape) },
  ];
}
