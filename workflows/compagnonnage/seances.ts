// The sessions of a Compagnonnage dossier (seed 003: 24 h = 2 h/week for 3 months): planned, logged, confirmed or
// contested by the other side, settled by UNML, counted against the package. The dossier class extends this part.
import { forfaitMinutes } from '../../domain/compagnonnage';
import { dateHeureFr } from '../../domain/format';
import { decideBudget, formatMinutes } from '../../domain/rules';
import { DossierBase } from '../shared/dossier-base';
import { refuse } from '../shared/refusal';
import type * as M from './messages';
import { STATUTS_DECOMPTES, type CompagnonnageState, type Etape, type Seance } from './state';

const LIBELLES_STATUT: Record<Seance['statut'], string> = {
  en_attente: 'en attente de confirmation',
  confirmee: 'confirmée',
  contestee: 'contestée, en attente de la décision de l’UNML',
  retenue: 'retenue par l’UNML',
  ecartee: 'écartée par l’UNML',
};

/** The accompaniment of a Compagnonnage dossier: sessions against the hour package, their confirmation by the other side. */
export abstract class SeancesCompagnonnage extends DossierBase<Etape, CompagnonnageState> {
  /**
   * How the 80 % alert is re-armed: only by an extension or a rhythm change (set by the workflow, patched); false for
   * dossiers started before, where a contest re-armed it too (and the retained session then warned again).
   */
  alerteReArmeeSeulementParLeForfait = false;

  /** The emails of who a meeting invites: the ML's direction, the intervenant, UNML (the interlocutrice, or its shared address). */
  protected abstract emailsDe(qui: readonly ('ml' | 'intervenant' | 'unml')[]): string[];

  /** A date in a refusal with its time, never raw ISO (issue #17 §3). */
  protected override requireFuture(iso: string, now: string, what: string): void {
    if (!(Date.parse(iso) > Date.parse(now))) refuse(`${what} doit être dans le futur (reçu : ${dateHeureFr(iso)}).`);
  }

  /** The session's title in the agenda and its invitation. */
  titreSeance(): string {
    return `Séance de Compagnonnage – ${this.state.demande.missionLocale.nom}`;
  }

  // --- Accompagnement: sessions against the hour package ------------------------------------------------
  checkPlanSession(i: M.PlanSessionInput, now: string): void {
    this.requireEtape(['lancement', 'accompagnement'], 'Planifier une séance');
    this.requireFuture(i.debut, now, 'La séance');
    if (!Number.isInteger(i.dureeMinutes) || i.dureeMinutes <= 0) refuse('La durée de la séance est un nombre entier de minutes.');
    if (i.remplace !== undefined) this.requirePlannedSession(i.remplace, now);
    // A new session's key is not in the agenda yet: any key that is not one of its own will do.
    this.requireCreneauLibre(i.remplace ?? 'seance-nouvelle', this.titreSeance(), i.debut, i.dureeMinutes, this.emailsDe(['ml', 'intervenant']));
  }
  /** Plans a session under `cle` (a new key, or the replaced session's: its invitation is then updated). */
  planSession(i: M.PlanSessionInput, now: string, cle: string): void {
    const f = this.state.ficheSuivi;
    f.prochaines = f.prochaines.filter((p) => p.cle !== cle);
    f.prochaines.push({ cle, debut: i.debut, dureeMinutes: i.dureeMinutes });
    f.prochaines.sort((a, b) => Date.parse(a.debut) - Date.parse(b.debut));
    this.record(now, 'intervenant', i.remplace ? 'Séance déplacée' : 'Séance planifiée', `${i.debut} (${formatMinutes(i.dureeMinutes)})`, i);
  }

  private requirePlannedSession(cle: string, now: string): void {
    const s = this.state.ficheSuivi.prochaines.find((p) => p.cle === cle);
    if (!s) refuse(`Aucune séance planifiée « ${cle} » (séances planifiées : ${this.state.ficheSuivi.prochaines.map((p) => p.cle).join(', ') || 'aucune'}).`);
    if (Date.parse(s.debut) <= Date.parse(now)) refuse(`La séance « ${cle} » a déjà commencé : elle ne peut plus être déplacée ni annulée.`);
  }

  checkCancelPlannedSession(i: M.CancelPlannedSessionInput, now: string): void {
    this.requireEtape(['lancement', 'accompagnement'], 'Annuler une séance planifiée');
    this.requirePlannedSession(i.seance, now);
  }
  cancelPlannedSession(i: M.CancelPlannedSessionInput, now: string): void {
    this.state.ficheSuivi.prochaines = this.state.ficheSuivi.prochaines.filter((p) => p.cle !== i.seance);
    this.record(now, 'intervenant', 'Séance planifiée annulée', `${i.seance}${i.motif ? ` : ${i.motif}` : ''}`, i);
  }

  checkLogSession(i: M.LogSessionInput, now: string): void {
    this.requireEtape(['accompagnement'], 'Enregistrer une séance');
    if (!Number.isInteger(i.dureeMinutes) || i.dureeMinutes <= 0) refuse('La durée de la séance est un nombre entier de minutes.');
    // Held, so not in the future; and within the dossier's life.
    this.requireDateDansDossier('La séance', i.date, now);
    if (!i.resume?.trim()) refuse('Le résumé de la séance est obligatoire : il alimente la fiche de suivi.');
    const d = decideBudget(this.state.heures.consommeesMinutes, this.state.heures.forfaitMinutes, i.dureeMinutes, formatMinutes);
    if (!d.allowed) refuse(d.reason);
  }
  /** Returns true when this session makes the package cross 80 % (UNML is warned once). */
  logSession(i: M.LogSessionInput, now: string): boolean {
    const h = this.state.heures;
    const d = decideBudget(h.consommeesMinutes, h.forfaitMinutes, i.dureeMinutes, formatMinutes);
    if (!d.allowed) refuse(d.reason);
    const seances = this.state.ficheSuivi.seances;
    const role = i.role ?? 'intervenant';
    seances.push({
      numero: seances.length + 1,
      date: i.date,
      dureeMinutes: i.dureeMinutes,
      resume: i.resume,
      ...(i.par ? { par: i.par } : {}),
      enregistreePar: role,
      statut: 'en_attente',
    });
    this.recount();
    this.state.ficheSuivi.prochaines = this.state.ficheSuivi.prochaines.filter((p) => Date.parse(p.debut) > Date.parse(now));
    this.record(
      now,
      role,
      `Séance ${seances.length} enregistrée (à confirmer par ${role === 'ml' ? "l'intervenant" : 'la Mission Locale'})`,
      `${formatMinutes(i.dureeMinutes)} ; ${formatMinutes(h.consommeesMinutes)} sur ${formatMinutes(h.forfaitMinutes)}`,
      i,
    );
    const warn = d.crossedWarning && !h.alerte80Envoyee;
    if (warn) h.alerte80Envoyee = true;
    return warn;
  }

  /** Recomputes the hours from the sessions' statuses (see StatutSeance). */
  private recount(): void {
    const h = this.state.heures;
    const sum = (keep: (s: Seance) => boolean) => this.state.ficheSuivi.seances.filter(keep).reduce((total, s) => total + s.dureeMinutes, 0);
    h.consommeesMinutes = sum((s) => STATUTS_DECOMPTES.includes(s.statut));
    h.enAttenteMinutes = sum((s) => s.statut === 'en_attente');
    h.contesteesMinutes = sum((s) => s.statut === 'contestee');
  }

  private seance(numero: number): Seance {
    const s = this.state.ficheSuivi.seances.find((x) => x.numero === numero);
    if (!s) refuse(`Aucune séance n° ${numero} (séances enregistrées : ${this.state.ficheSuivi.seances.length}).`);
    return s;
  }

  // --- Confirmation of logged sessions by the other side; UNML settles a contested one --------------------
  checkConfirmSession(i: M.ConfirmSessionInput): void {
    this.requireEtape(['accompagnement', 'bilan', 'post_bilan'], 'Confirmer une séance');
    const s = this.seance(i.numero);
    if (s.statut !== 'en_attente') refuse(`La séance ${s.numero} n'attend plus de confirmation (${LIBELLES_STATUT[s.statut]}).`);
    if (i.role === s.enregistreePar) {
      refuse(
        `La séance ${s.numero} a été enregistrée par ${i.role === 'ml' ? 'la Mission Locale' : "l'intervenant"} : ` +
          `c'est ${i.role === 'ml' ? "l'intervenant" : 'la Mission Locale'} qui la confirme ou la conteste.`,
      );
    }
    if (!i.confirme && !i.commentaire?.trim()) refuse("Dites ce qui ne va pas dans cette séance (champ commentaire) : l'UNML tranchera.");
  }
  /** Returns the session when it is contested (UNML is told). */
  confirmSession(i: M.ConfirmSessionInput, now: string): Seance | undefined {
    const s = this.seance(i.numero);
    const autre = s.enregistreePar === 'ml' ? 'intervenant' : 'ml';
    s.statut = i.confirme ? 'confirmee' : 'contestee';
    s.confirmation = { confirme: i.confirme, ...(i.commentaire ? { commentaire: i.commentaire } : {}), ...(i.par ? { par: i.par } : {}), le: now };
    this.recount();
    // A contest lowers the count: it does not re-arm the 80 % alert (the session retained would warn again).
    if (!this.alerteReArmeeSeulementParLeForfait) this.resetWarningIfBelow();
    this.record(now, autre, i.confirme ? `Séance ${s.numero} confirmée` : `Séance ${s.numero} contestée, soumise à l’UNML`, i.commentaire, i);
    return i.confirme ? undefined : s;
  }

  checkSettleSession(i: M.SettleSessionInput): void {
    this.requireEtape(['accompagnement', 'bilan', 'post_bilan'], 'Trancher une séance contestée');
    const s = this.seance(i.numero);
    if (s.statut !== 'contestee') refuse(`La séance ${s.numero} n'est pas contestée (${LIBELLES_STATUT[s.statut]}).`);
    if (!i.motif?.trim()) refuse('Le motif de la décision est obligatoire.');
    if (i.retenue) {
      const d = decideBudget(this.state.heures.consommeesMinutes, this.state.heures.forfaitMinutes, s.dureeMinutes, formatMinutes);
      if (!d.allowed) refuse(`${d.reason} Étendez d'abord le forfait pour retenir cette séance.`);
    }
  }
  /** Returns true when retaining the session makes the package cross 80 % (UNML is warned once). */
  settleSession(i: M.SettleSessionInput, now: string): boolean {
    const s = this.seance(i.numero);
    const h = this.state.heures;
    const d = decideBudget(h.consommeesMinutes, h.forfaitMinutes, i.retenue ? s.dureeMinutes : 0, formatMinutes);
    s.statut = i.retenue ? 'retenue' : 'ecartee';
    s.arbitrage = { retenue: i.retenue, motif: i.motif, ...(i.par ? { par: i.par } : {}), le: now };
    this.recount();
    this.record(now, 'unml', i.retenue ? `Séance ${s.numero} retenue par l’UNML` : `Séance ${s.numero} écartée par l’UNML`, i.motif, i);
    const warn = i.retenue && d.allowed && d.crossedWarning && !h.alerte80Envoyee;
    if (warn) h.alerte80Envoyee = true;
    return warn;
  }

  // --- The intervenant's preparation time (issue #14): reported, never counted against the package ---------
  checkLogPreparation(i: M.LogPreparationInput, now: string): void {
    this.requireEtape(['cadrage', 'lancement', 'accompagnement', 'bilan'], 'Enregistrer un temps de préparation');
    if (!Number.isInteger(i.dureeMinutes) || i.dureeMinutes <= 0 || i.dureeMinutes > 24 * 60)
      refuse('La durée de la préparation est un nombre entier de minutes, de 1 à 1440 (24 h).');
    this.requireDateDansDossier('La préparation', i.date, now);
  }
  logPreparation(i: M.LogPreparationInput, now: string): void {
    const preparations = (this.state.preparations ??= []);
    preparations.push({ numero: preparations.length + 1, date: i.date, dureeMinutes: i.dureeMinutes, le: now, ...(i.par ? { par: i.par } : {}) });
    this.record(now, 'intervenant', `Temps de préparation enregistré (${preparations.length})`, formatMinutes(i.dureeMinutes), i);
  }

  checkChangeRythme(i: M.ChangeRythmeInput): void {
    this.requireEtape(['lancement', 'accompagnement'], "Changer le rythme d'accompagnement");
    const forfait = forfaitMinutes(i.rythme) + this.extensionsMinutes();
    if (forfait < this.state.heures.consommeesMinutes) {
      refuse(
        `Ce rythme donnerait un forfait de ${formatMinutes(forfait)}, inférieur aux ${formatMinutes(this.state.heures.consommeesMinutes)} déjà consommées.`,
      );
    }
  }
  changeRythme(i: M.ChangeRythmeInput, now: string): void {
    this.state.ficheCadrage = { ...this.state.ficheCadrage!, rythme: i.rythme };
    this.state.heures.forfaitMinutes = forfaitMinutes(i.rythme) + this.extensionsMinutes();
    this.resetWarningIfBelow();
    this.record(
      now,
      'unml',
      "Rythme d'accompagnement modifié",
      `${i.rythme.heuresParSemaine} h/semaine sur ${i.rythme.semaines} semaines (forfait ` +
        `${formatMinutes(this.state.heures.forfaitMinutes)})${i.motif ? ` : ${i.motif}` : ''}`,
      i,
    );
  }

  checkExtendForfait(i: M.ExtendForfaitInput): void {
    this.requireEtape(['lancement', 'accompagnement'], 'Étendre le forfait');
    if (!(i.heuresSupplementaires > 0)) refuse("L'extension est un nombre d'heures positif.");
    if (!i.motif?.trim()) refuse("Le motif de l'extension est obligatoire.");
  }
  extendForfait(i: M.ExtendForfaitInput, now: string): void {
    const minutes = Math.round(i.heuresSupplementaires * 60);
    this.state.heures.extensions.push({ minutes, motif: i.motif, le: now });
    this.state.heures.forfaitMinutes += minutes;
    this.resetWarningIfBelow();
    this.record(
      now,
      'unml',
      'Forfait étendu par l’UNML',
      `+${formatMinutes(minutes)} (forfait ${formatMinutes(this.state.heures.forfaitMinutes)}) : ${i.motif}`,
      i,
    );
  }

  private extensionsMinutes(): number {
    return this.state.heures.extensions.reduce((sum, e) => sum + e.minutes, 0);
  }

  /** After an extension or a rhythm change the 80 % warning may be due again. */
  private resetWarningIfBelow(): void {
    const h = this.state.heures;
    if (h.consommeesMinutes < h.forfaitMinutes * 0.8) h.alerte80Envoyee = false;
  }

  checkEndAccompagnement(): void {
    this.requireEtape(['accompagnement'], "Terminer l'accompagnement");
    if (this.state.ficheSuivi.seances.length === 0)
      refuse("Aucune séance n'a été enregistrée : enregistrez les séances avant de passer au bilan, ou abandonnez le dossier.");
  }
  endAccompagnement(i: M.EndAccompagnementInput, now: string): void {
    this.moveTo('bilan');
    this.state.ficheSuivi.prochaines = [];
    this.record(now, 'unml', 'Accompagnement terminé, passage au bilan', i.motif, i);
  }
}
