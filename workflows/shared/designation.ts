// Designation through the pool (issue #4), shared by the dossiers that need an intervenant: the ranking is
// proposed to UNML, who confirm one (the reservation is atomic, in the database) or name someone by hand
// (recorded as a manual override); nobody free → the waiting list; a decline → back to the ranking.
import type { Recipient } from '../../activities/email/kinds';
import { resumeClassement } from '../../domain/matching';
import type { Intervenant } from '../../domain/schemas';
import type { BesoinDossier, Classement, Role } from '../../domain/vivier';
import type { IntervenantReserveInput } from '../vivier/messages';
import type { Notifier } from './notify';
import { refuse } from './refusal';
import { reserverOuRefuser, vivier } from './vivier';

/** Priority in the waiting list when UNML gave none (1 = highest). */
export const PRIORITE_PAR_DEFAUT = 3;
/** How many eligible candidates are proposed to UNML. */
export const PROPOSITIONS_MAX = 5;

/** How an intervenant was chosen: the ranking's proposal (its rank) or a manual override with its reason. */
export interface ChoixIntervenant {
  source: 'classement' | 'manuel';
  rang?: number;
  motif?: string;
}

/** The dossier's pool state, kept in its workflow state (visible to staff). */
export interface EtatVivier {
  role: Role;
  /** The best eligible candidates proposed to UNML, with their reasons. */
  propositions: Classement[];
  /** Reserved for the dossier by the waiting list (a hold UNML confirms). */
  reserve?: { intervenantId: string; nom: string };
  /** In the waiting list since, at this priority. */
  attente?: { depuis: string; priorite: number };
  /** Who declined (or was set aside): never proposed again for this dossier. */
  sollicites: { intervenantId: string; nom: string; motif: string; le: string }[];
  /** How the current intervenant was chosen. */
  choix?: ChoixIntervenant;
}

export interface DesignationContext {
  dossierId: string;
  dispositif: BesoinDossier['dispositif'];
  etat: () => EtatVivier;
  /** What the dossier needs now; null once it no longer needs anyone (designated, ended). */
  besoin: () => BesoinDossier | null;
  record: (at: string, evenement: string, details?: string) => void;
  notifier: Notifier;
  unml: () => Recipient[];
  now: () => string;
}

/** How an intervenant was chosen, for the timeline: " — proposé par le vivier (rang 2)", " — désignation manuelle, hors classement : …". */
export function libelleChoix(choix: ChoixIntervenant | undefined): string {
  if (choix?.source === 'classement') return ` — proposé par le vivier${choix.rang ? ` (rang ${choix.rang})` : ''}`;
  return choix?.motif ? ` — désignation manuelle, hors classement : ${choix.motif}` : '';
}

export function etatVivierInitial(role: Role): EtatVivier {
  return { role, propositions: [], sollicites: [] };
}

const resume = (c: Classement) => ({ resume: resumeClassement(c), raisons: c.raisons });

/**
 * The step: ranks the pool for the dossier; proposes the best to UNML, or, when nobody eligible is free,
 * puts the dossier in the waiting list (the waiting-list workflow reserves someone as soon as capacity frees).
 */
export async function chercherIntervenant(ctx: DesignationContext, priorite: number): Promise<void> {
  const besoin = ctx.besoin();
  if (!besoin) return;
  const classement = await vivier.classerPourDossier(besoin);
  if (!ctx.besoin()) return; // designated by hand meanwhile
  const etat = ctx.etat();
  const eligibles = classement.filter((c) => c.eligible).slice(0, PROPOSITIONS_MAX);
  if (eligibles.length > 0) {
    etat.propositions = eligibles;
    delete etat.attente;
    ctx.record(ctx.now(), 'Intervenants proposés par le vivier', eligibles.map(resumeClassement).join(' ; '));
    await ctx.notifier.send(ctx.unml(), { kind: 'intervenants_proposes', propositions: eligibles.map(resume) });
    return;
  }
  etat.propositions = [];
  await vivier.mettreEnAttente({ dossierId: ctx.dossierId, dispositif: ctx.dispositif, role: besoin.role, priorite, par: 'systeme' });
  if (!ctx.besoin()) {
    await vivier.retirerDeLAttente({ dossierId: ctx.dossierId, par: 'systeme' });
    return;
  }
  etat.attente = { depuis: ctx.now(), priorite };
  ctx.record(ctx.now(), 'Aucun intervenant disponible : dossier en file d’attente', `Priorité ${priorite} ; ${classement.length} candidat(s) écarté(s)`);
  await ctx.notifier.send(ctx.unml(), { kind: 'aucun_intervenant_disponible', priorite, exclus: classement.length });
}

/** The waiting list reserved someone for this dossier: UNML is asked to confirm. Ignored once someone is designated. */
export async function recevoirReservation(ctx: DesignationContext, s: IntervenantReserveInput): Promise<void> {
  const etat = ctx.etat();
  if (etat.attente) {
    delete etat.attente;
    await vivier.retirerDeLAttente({ dossierId: ctx.dossierId, par: 'systeme' });
  }
  if (!ctx.besoin() || etat.reserve?.intervenantId === s.intervenant.id) return;
  etat.reserve = { intervenantId: s.intervenant.id, nom: s.intervenant.nom };
  etat.propositions = [s.classement];
  ctx.record(ctx.now(), 'Intervenant réservé par la file d’attente', resumeClassement(s.classement));
  await ctx.notifier.send(ctx.unml(), { kind: 'intervenant_disponible', ...resume(s.classement) });
}

/**
 * Before a designation: leaves the waiting list, gives back a hold on someone else, then reserves the
 * designated intervenant atomically, or refuses the designation with the pool's reason (capacity reached…).
 */
export async function reserverPourDesignation(
  ctx: DesignationContext,
  intervenant: Intervenant,
  heuresMois: number,
  choix: ChoixIntervenant | undefined,
  par: string | undefined,
): Promise<void> {
  const etat = ctx.etat();
  if (etat.attente) {
    await vivier.retirerDeLAttente({ dossierId: ctx.dossierId, par: par ?? 'unml' });
    delete etat.attente;
  }
  if (etat.reserve && etat.reserve.intervenantId !== intervenant.id) {
    await vivier.libererIntervenant({ dossierId: ctx.dossierId, role: etat.role, motif: `Autre intervenant désigné : ${intervenant.id}`, par: par ?? 'unml' });
    delete etat.reserve;
  }
  await reserverOuRefuser({
    dossierId: ctx.dossierId,
    role: etat.role,
    intervenantId: intervenant.id,
    heuresMois,
    manuelle: choix?.source === 'manuel',
    par: par ?? 'unml',
  });
  delete etat.reserve;
  etat.propositions = [];
  etat.choix = choix ?? { source: 'manuel' };
}

/** The check of a designation against the pool state: a manual override must say why. */
export function checkChoix(choix: ChoixIntervenant | undefined): void {
  if (choix?.source === 'manuel' && !choix.motif?.trim())
    refuse('Une désignation hors classement (manuelle) doit indiquer son motif : il est enregistré au dossier.');
}

/** The intervenant declined (or was replaced): released, and never proposed again for this dossier. */
export async function libererApresRefus(ctx: DesignationContext, intervenant: Intervenant, motif: string): Promise<void> {
  const etat = ctx.etat();
  etat.sollicites.push({ intervenantId: intervenant.id, nom: intervenant.nom, motif, le: ctx.now() });
  delete etat.choix;
  await vivier.libererIntervenant({ dossierId: ctx.dossierId, role: etat.role, motif: `Intervention déclinée : ${motif}`, par: intervenant.id });
}

/** At the end of the intervention (or of the dossier): the capacity goes back to the pool. Idempotent. */
export async function libererFinIntervention(ctx: DesignationContext, motif: string): Promise<void> {
  await vivier.libererIntervenant({ dossierId: ctx.dossierId, motif, par: 'systeme' });
}
