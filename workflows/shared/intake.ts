// Steps every dispositif shares: the intake (ARML notice, eligibility, acknowledgement), the acte d'engagement
// wait and the lapse. Each dispositif's workflow calls them with its own dossier and recipients.
import type { CancellationScope } from '@temporalio/workflow';
import type { Recipient } from '../../activities/email/kinds';
import { armlFor, REGIONS } from '../../domain/regions';
import type { MissionLocale } from '../../domain/schemas';
import type { Calendrier } from './agenda';
import type { Role } from './dossier-base';
import { now } from './handlers';
import { journalDesCourriels, Notifier } from './notify';
import type { CourrielEnvoye, DossierInputCommun } from './state';
import { awaitWithReminder, msUntil, type RelanceEnCours } from './waits';

/** What the shared steps need of a dossier (both dispositifs' classes have it). */
export interface SharedStepDossier {
  readonly state: {
    /** Compagnonnage and Appui Conseil name a mobilisation case; a Diagnostic names who asks (seed 000). */
    demande: { missionLocale: MissionLocale; casMobilisation?: string; demandeur?: string; sujets: string[] };
    recevabilite?: { motifs: string[]; redirection?: 'appui_conseil' | 'compagnonnage' };
    prochaineEcheance?: { le: string };
  };
  readonly etape: string;
  readonly termine: boolean;
  evaluateRecevabilite(now: string): boolean;
  end(etape: 'caduque', motif: string, at: string): void;
  record(at: string, role: Role, evenement: string, details?: string): void;
}

export interface SharedStepContext {
  dossier: SharedStepDossier;
  notifier: Notifier;
  ml: () => Recipient[];
  presidence: () => Recipient[];
  unml: () => Recipient[];
  /** Keeps the search attributes current after a step changes the dossier. */
  sync: () => void;
  /** The reminder of the wait in progress, that staff may send again (the kit's `relancer` Update). */
  relance?: RelanceEnCours;
}

/** DOMAIN.md: the ARML of the ML's région is always informed of a demand. */
export async function notifyArml(
  notifier: Notifier,
  ml: MissionLocale,
  casMobilisation: string | undefined,
  sujets: string[],
  demandeur?: string,
): Promise<void> {
  const arml = armlFor(ml.region);
  await notifier.send([{ nom: arml.name, email: arml.email }], {
    kind: 'notification_arml',
    armlNom: arml.name,
    ...(casMobilisation ? { casMobilisation } : {}),
    ...(demandeur ? { demandeur } : {}),
    sujets,
  });
}

export function regionNom(ml: MissionLocale): string {
  return REGIONS[ml.region];
}

/** The ARML is informed; a demand out of scope ends as non recevable with its reasons, else it is acknowledged. */
export async function intake(ctx: SharedStepContext): Promise<boolean> {
  const { dossier: d, notifier } = ctx;
  const { demande } = d.state;
  await notifyArml(notifier, demande.missionLocale, demande.casMobilisation, demande.sujets, demande.demandeur);
  return judgeRecevabilite(ctx, () => notifier.send(ctx.ml(), { kind: 'accuse_reception' }, ctx.presidence()));
}

/** Judges the demand (again, after completion); a refusal is emailed to the ML with its reasons. */
export async function judgeRecevabilite(ctx: SharedStepContext, onRecevable: () => Promise<void> = async () => undefined): Promise<boolean> {
  const { dossier: d, notifier } = ctx;
  if (!d.evaluateRecevabilite(now())) {
    ctx.sync();
    const r = d.state.recevabilite!;
    await notifier.send(
      ctx.ml(),
      { kind: 'demande_non_recevable', motifs: r.motifs, ...(r.redirection ? { redirection: r.redirection } : {}) },
      ctx.presidence(),
    );
    return false;
  }
  await onRecevable();
  return true;
}

/** The dossier lapses: the ML, its présidence and UNML are told why. */
export async function lapse(ctx: SharedStepContext, motif: string): Promise<false> {
  ctx.dossier.end('caduque', motif, now());
  ctx.dossier.record(now(), 'systeme', 'Dossier caduc', motif);
  ctx.sync();
  await ctx.notifier.send(ctx.ml(), { kind: 'dossier_caduc', motif }, [...ctx.presidence(), ...ctx.unml()]);
  return false;
}

/**
 * An abandon (already recorded by the dossier): the process stops wherever it waits, the ML and the intervenants
 * are told why (présidence and UNML in copy), and every meeting still to come is cancelled.
 */
export async function abandonner(
  ctx: SharedStepContext,
  process: CancellationScope,
  calendrier: Calendrier,
  intervenants: Recipient[],
  motif: string,
): Promise<void> {
  process.cancel();
  await ctx.notifier.send([...ctx.ml(), ...intervenants], { kind: 'dossier_abandonne', motif }, [...ctx.presidence(), ...ctx.unml()]);
  await calendrier.annulerAVenir(`Dossier abandonné : ${motif}`);
}

/** seeds 001 and 003: the acte d'engagement is signed before anything starts; a reminder, then the lapse. */
export async function awaitActeEngagement(ctx: SharedStepContext, acteRelance: number): Promise<boolean> {
  const { dossier: d } = ctx;
  const dateLimite = d.state.prochaineEcheance!.le;
  const outcome = await awaitWithReminder({
    done: () => d.etape !== 'acte_engagement',
    remindAfter: acteRelance,
    lapseAfter: msUntil(dateLimite),
    remind: () =>
      ctx.notifier.send(ctx.ml(), { kind: 'relance_acte_engagement', dateLimite }, [...ctx.presidence(), ...ctx.unml()], {
        nom: 'signer-acte-engagement',
        role: 'ml',
      }),
    quoi: 'acte d’engagement',
    ...(ctx.relance ? { relance: ctx.relance } : {}),
  });
  if (outcome === 'lapsed') return lapse(ctx, "L'acte d'engagement n'a pas été signé dans le délai.");
  return !d.termine;
}

/** The notifier of a dossier and the recipients every dispositif has: the ML's direction and présidence, and UNML. */
export function dossierContacts(
  dispositif: 'compagnonnage' | 'appui_conseil' | 'diagnostic',
  input: DossierInputCommun,
  state: () => { demande: { missionLocale: MissionLocale; direction: Recipient; presidence: Recipient }; interlocutrice?: Recipient },
): { notifier: Notifier; ml: () => Recipient[]; presidence: () => Recipient[]; unml: () => Recipient[] } {
  return {
    notifier: new Notifier(
      () => ({
        dossierId: input.dossierId,
        dispositif,
        mlNom: state().demande.missionLocale.nom,
        regionNom: regionNom(state().demande.missionLocale),
      }),
      input.actionsAvantEmails === true,
      journalDesCourriels(() => state() as { courriels?: CourrielEnvoye[] }),
    ),
    ml: () => [state().demande.direction],
    presidence: () => [state().demande.presidence],
    // The interlocutrice once named; UNML's shared address until then.
    unml: () => [state().interlocutrice ?? input.contactUnml],
  };
}
