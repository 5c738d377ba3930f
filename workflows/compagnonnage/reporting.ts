// A Compagnonnage dossier as the reporting store keeps it (issue #14, domain/reporting.ts): pure, from the state only
// (the kit writes it at each change; `npm run reporting:rebuild` maps the getDossier query's state the same way).
import type { UniteTravail } from '../../domain/reporting';
import { entree, jour, ligneCommune, reponsesDe, type InstantaneDossier } from '../shared/reporting';
import { STATUTS_DECOMPTES, type CompagnonnageState } from './state';

/**
 * The sessions that count, as the hour package counts them (STATUTS_DECOMPTES): confirmed, retained by UNML, or still
 * awaiting the other side's confirmation (the store's rows are replaced as a whole, so a session contested later leaves
 * them); a contested one does not count until UNML settles it, one ruled out (`ecartee`) never does.
 */
const compte = (s: CompagnonnageState['ficheSuivi']['seances'][number]) => STATUTS_DECOMPTES.includes(s.statut);

export function instantaneCompagnonnage(s: CompagnonnageState): InstantaneDossier {
  const t = s.timeline;
  // The intervenant once they accepted (the state keeps the designated one while they decide; a decline removes them).
  const accepte = s.intervenant && entree(t, 'Intervention acceptée par l’intervenant') ? s.intervenant : undefined;
  const qui = accepte ? { intervenantId: accepte.id, type: accepte.type } : { type: 'directeur_ml' as const };
  const unites: UniteTravail[] = [
    ...s.ficheSuivi.seances
      .filter(compte)
      .map((x): UniteTravail => ({ cle: `seance-${x.numero}`, dossierId: s.dossierId, ...qui, date: jour(x.date), minutes: x.dureeMinutes, nature: 'seance' })),
    ...(s.preparations ?? []).map((p): UniteTravail => ({
      cle: `preparation-${p.numero}`,
      dossierId: s.dossierId,
      ...qui,
      date: jour(p.date),
      minutes: p.dureeMinutes,
      nature: 'preparation',
    })),
  ];
  return {
    dossier: ligneCommune(
      s,
      'compagnonnage',
      {
        // The state keeps no date of these: the timeline's entries (their first occurrence).
        accepteLe: entree(t, 'Demande acceptée'),
        listeAttenteLe: entree(t, "Demande mise en liste d'attente"),
        // The launch visio's start once held (state); the end of the accompaniment: the timeline's entry.
        lanceLe: s.visioLancement?.tenue ? s.visioLancement.debut : undefined,
        finLe: entree(t, 'Accompagnement terminé, passage au bilan'),
      },
      accepte ? [{ id: accepte.id, type: accepte.type }] : [],
    ),
    unites,
    reponses: reponsesDe(
      s.dossierId,
      (['ml', 'intervenant'] as const).flatMap((r) => (s.evaluations[r] ? [{ repondant: r, ...s.evaluations[r] }] : [])),
    ),
  };
}
