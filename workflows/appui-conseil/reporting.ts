// An Appui Conseil dossier as the reporting store keeps it (issue #14, domain/reporting.ts): pure, from the state only
// (the kit writes it at each change; `npm run reporting:rebuild` maps the getDossier query's state the same way).
import type { UniteTravail } from '../../domain/reporting';
import { entree, jour, ligneCommune, reponsesDe, type InstantaneDossier } from '../shared/reporting';
import type { AppuiConseilState, JourneeIntervention } from './state';

const memeNom = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Who did an intervention day. The state stores the intervenant by name (the dossier's spelling); days logged since
 * issue #14 also carry a network member's pool id. A network member (by id, else by name) is counted with their id and
 * kind (ML director or network expert); anyone else is the cabinet's consultant (outside the pool: no id).
 */
function contributeur(s: AppuiConseilState, j: JourneeIntervention): Pick<UniteTravail, 'intervenantId' | 'type'> {
  const membre = s.membresReseau.find((m) => (j.intervenantId ? m.id === j.intervenantId : memeNom(m.nom, j.intervenant)));
  if (membre) return { intervenantId: membre.id, type: membre.type };
  // A member's id kept on the day whose record is gone from the dossier: still a network member.
  if (j.intervenantId) return { intervenantId: j.intervenantId, type: 'directeur_ml' };
  return { type: 'consultant_cabinet' };
}

export function instantaneAppuiConseil(s: AppuiConseilState): InstantaneDossier {
  const t = s.timeline;
  const unites = s.ficheSuiviIntermediaire.journees.map((j): UniteTravail => ({
    cle: `journee-${j.numero}`,
    dossierId: s.dossierId,
    ...contributeur(s, j),
    date: jour(j.date),
    demiJournees: j.demiJournees,
    nature: 'journee_intervention',
  }));
  return {
    dossier: ligneCommune(
      s,
      'appui_conseil',
      {
        // Appui Conseil has no acceptance of its own: UNML takes the demand on at the prise de contact (timeline entry;
        // the state keeps no date of it). No waiting list in this dispositif.
        accepteLe: entree(t, 'Prise de contact : besoin précisé'),
        // The launch visio's start once held (state); the end of the mise en œuvre: the timeline's entry.
        lanceLe: s.visioLancement?.tenue ? s.visioLancement.debut : undefined,
        finLe: entree(t, 'Mise en œuvre terminée, passage au bilan'),
      },
      // The network members who accepted (the pool's ids); the cabinet's consultants are outside the pool (no id).
      s.membresReseau.filter((m) => s.membresAcceptes.includes(m.id)).map((m) => ({ id: m.id, type: m.type })),
    ),
    unites,
    reponses: reponsesDe(s.dossierId, s.evaluations),
  };
}
