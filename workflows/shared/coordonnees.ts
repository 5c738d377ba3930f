// The pool corrected an intervenant's record (name, email, région, home ML): each running dossier that holds them
// takes the new details, so its emails, reminders and cancellations reach the right person.
import type { Intervenant } from '../../domain/schemas';
import type { Agenda } from './agenda';
import type { Role } from './dossier-base';

export interface DossierAvecIntervenants {
  readonly state: { agenda: Agenda };
  /** Swaps the dossier's copy of this intervenant (same id) for `nouveau`; returns the old copy, or undefined if none. */
  remplacerIntervenant(nouveau: Intervenant): Intervenant | undefined;
  record(at: string, role: Role, evenement: string, details?: string): void;
}

/** Returns false when the dossier holds no copy of this intervenant (nothing changes then). */
export function mettreAJourCoordonnees(d: DossierAvecIntervenants, nouveau: Intervenant, now: string): boolean {
  const ancien = d.remplacerIntervenant(nouveau);
  if (!ancien) return false;
  // Invitations already sent: later reminders and cancellations go to the new address.
  const avant = ancien.email.trim().toLowerCase();
  for (const e of Object.values(d.state.agenda)) {
    e.participants = e.participants.map((p) => (p.email.trim().toLowerCase() === avant ? { nom: nouveau.nom, email: nouveau.email } : p));
  }
  const changes = [
    ...(ancien.nom !== nouveau.nom ? [`nom : ${ancien.nom} → ${nouveau.nom}`] : []),
    ...(ancien.email !== nouveau.email ? [`adresse : ${ancien.email} → ${nouveau.email}`] : []),
    ...(ancien.region !== nouveau.region ? [`région : ${ancien.region} → ${nouveau.region}`] : []),
    ...(ancien.missionLocale !== nouveau.missionLocale ? [`Mission Locale : ${nouveau.missionLocale ?? '—'}`] : []),
  ];
  d.record(now, 'unml', 'Fiche de l’intervenant mise à jour depuis le vivier', changes.join(' ; ') || undefined);
  return true;
}
