// A Diagnostic dossier as the reporting store keeps it (issue #14, domain/reporting.ts): pure, from the state only
// (the kit writes it at each change; `npm run reporting:rebuild` maps the getDossier query's state the same way).
import { ROLES_DIAGNOSTIC } from '../../domain/diagnostic';
import type { UniteTravail } from '../../domain/reporting';
import { entree, jour, ligneCommune, reponsesDe, type InstantaneDossier } from '../shared/reporting';
import type { DiagnosticState } from './state';

export function instantaneDiagnostic(s: DiagnosticState): InstantaneDossier {
  const binome = ROLES_DIAGNOSTIC.flatMap((r) => (s.binome[r]?.accepteLe ? [s.binome[r].intervenant] : []));
  const unites = (s.journees ?? []).map((j): UniteTravail => {
    // The kind as the binôme knows the diagnostiqueur (a consultant, or an ML director), from the id kept on the day.
    const qui = ROLES_DIAGNOSTIC.map((r) => s.binome[r]?.intervenant).find((i) => i?.id === j.intervenantId);
    const type = qui?.type ?? (j.role === 'diagnostiqueur_consultant' ? 'consultant_cabinet' : 'directeur_ml');
    return {
      cle: `journee-${j.numero}`,
      dossierId: s.dossierId,
      intervenantId: j.intervenantId,
      type,
      date: jour(j.date),
      demiJournees: j.demiJournees,
      nature: j.nature,
    };
  });
  return {
    dossier: ligneCommune(
      s,
      'diagnostic',
      {
        // The state keeps no date of the acceptance: the timeline's entry. No waiting list in this dispositif.
        accepteLe: entree(s.timeline, 'Demande acceptée'),
        // The diagnostic starts with the day on site once held (its start, state); its work ends at the final
        // review's conclusion (state), which also closes it.
        lanceLe: s.journeeSurSite?.tenu ? s.journeeSurSite.debut : undefined,
        finLe: s.conclusion?.le,
      },
      binome.map((i) => ({ id: i.id, type: i.type })),
      s.aConduitA,
    ),
    unites,
    reponses: reponsesDe(s.dossierId, s.evaluations ?? []),
  };
}
