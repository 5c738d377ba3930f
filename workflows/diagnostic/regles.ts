// Diagnostic rules read from its state (seed 000): its meetings (where they are planned, kept, and who is invited)
// and who may file the binôme's deliverables. Pure: the dossier class refuses with what these return.
import { ROLES_DIAGNOSTIC, type RoleDiagnostic } from '../../domain/diagnostic';
import { ROLES } from '../../domain/vivier';
import type { Par } from '../shared/state';
import type { DiagnosticState, EtapeDiagnostic, EvenementDiagnostic } from './state';

/** Where each meeting can be scheduled, and its French name. */
export const EVENEMENTS: Record<EvenementDiagnostic, { etapes: EtapeDiagnostic[]; nom: string }> = {
  mise_en_commun: { etapes: ['analyses_individuelles', 'mise_en_commun'], nom: 'La mise en commun des analyses' },
  journee_sur_site: { etapes: ['journee_sur_site'], nom: 'La journée sur site' },
  revue_finale: { etapes: ['retour_ml', 'revue_finale'], nom: 'La revue finale' },
};

export const nomRole = (role: RoleDiagnostic) => ROLES[role].libelle;

/** Where each meeting is kept in the state. */
export const CLES_RENDEZVOUS = { mise_en_commun: 'miseEnCommun', journee_sur_site: 'journeeSurSite', revue_finale: 'revueFinale' } as const satisfies Record<
  EvenementDiagnostic,
  keyof DiagnosticState
>;

/** Who a meeting's invitation goes to (workflow.ts invite): the binôme, the ML's direction and presidency for the day on site, UNML. */
export function participantsRendezvous(state: DiagnosticState, evenement: EvenementDiagnostic): string[] {
  const { direction, presidence } = state.demande;
  return [
    ...ROLES_DIAGNOSTIC.flatMap((r) => (state.binome[r] ? [state.binome[r].intervenant.email] : [])),
    ...(evenement === 'journee_sur_site' ? [direction.email, presidence.email] : []),
    ...(state.interlocutrice ? [state.interlocutrice.email] : []),
  ];
}

/**
 * An analysis or a rapport normé comes from the binôme (issue #17 §2): the role's diagnostiqueur, designated and
 * accepted; a `par` that names someone else (not their name, id or email), or an action from the ML, is refused,
 * the refusal naming who may.
 */
export function refusHorsBinome(state: DiagnosticState, i: Par & { role: RoleDiagnostic }, quoi: string): string | undefined {
  const binome = ROLES_DIAGNOSTIC.flatMap((r) => {
    const x = state.binome[r];
    return x?.accepteLe ? [`${x.intervenant.nom} (${nomRole(r).toLowerCase()})`] : [];
  });
  const qui = binome.length ? `le binôme du dossier : ${binome.join(' et ')}` : 'le binôme, une fois constitué';
  const d = state.binome[i.role];
  if (!d?.accepteLe) return `${quoi} vient d’un·e diagnostiqueur·se du dossier : aucun·e ${nomRole(i.role).toLowerCase()} n’a accepté ce diagnostic (${qui}).`;
  if (i.acteur && i.acteur.role !== 'intervenant' && i.acteur.role !== 'unml') return `${quoi} ne peut venir que des diagnostiqueur·ses : ${qui}.`;
  const par = i.par?.trim().toLowerCase();
  const lui = [d.intervenant.nom, d.intervenant.id, d.intervenant.email].map((x) => x.trim().toLowerCase());
  if (par && !lui.includes(par))
    return (
      `${quoi} du ou de la ${nomRole(i.role).toLowerCase()} ne peut venir que de ${d.intervenant.nom}, désigné·e pour ce rôle ` +
      `(« ${i.par!.trim()} » n’est pas de ce binôme ; ${qui}).`
    );
  return undefined;
}
