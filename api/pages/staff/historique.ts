// A dossier's or campaign's history as the back office shows it (dossier page, campaign and ML pages): the timeline,
// newest first, with who acted, in what role, from where; and the emails sent, with the link they carried.
import { dateHeureFr } from '../../../domain/format';
import type { CourrielEnvoye, SourceAction, TimelineEntry } from '../../../workflows/shared/state';
import { LIBELLES_ACTIONS_LIEN } from '../agir/renvoi';

const ROLES_FR: Record<string, string> = { ml: 'Mission Locale', unml: 'UNML', intervenant: 'intervenant', cabinet: 'cabinet', systeme: 'système' };
const SOURCES_FR: Record<SourceAction, string> = { api: 'API', lien: 'lien personnel', back_office: 'back office', systeme: 'automatique' };

export interface LigneTimeline {
  le: string;
  qui: string;
  compte?: string;
  role: string;
  source: string;
  evenement: string;
  details?: string;
}

export interface LigneCourriel {
  le: string;
  sujet: string;
  a: string;
  cc: string;
  lien?: string;
  calendrier?: string;
}

export function lignesTimeline(timeline: TimelineEntry[]): LigneTimeline[] {
  return [...timeline].reverse().map((e) => {
    const role = e.acteur.split(' ')[0] ?? e.acteur;
    const nom = /\((.*)\)$/.exec(e.acteur)?.[1];
    return {
      le: dateHeureFr(e.at),
      qui: nom ?? ROLES_FR[role] ?? role,
      ...(e.compte ? { compte: e.compte } : {}),
      role: ROLES_FR[role] ?? role,
      source: e.source ? SOURCES_FR[e.source] : '—',
      evenement: e.evenement,
      ...(e.details ? { details: e.details } : {}),
    };
  });
}

export function lignesCourriels(courriels: CourrielEnvoye[] | undefined): LigneCourriel[] {
  return [...(courriels ?? [])].reverse().map((c) => ({
    le: dateHeureFr(c.at),
    sujet: c.sujet ?? c.kind,
    a: c.a.join(', '),
    cc: c.cc.join(', '),
    ...(c.lien ? { lien: LIBELLES_ACTIONS_LIEN[c.lien as keyof typeof LIBELLES_ACTIONS_LIEN] ?? c.lien } : {}),
    ...(c.calendrier ? { calendrier: c.calendrier === 'annulation' ? 'annulation iCalendar' : 'invitation iCalendar' } : {}),
  }));
}
