// The mise en œuvre of an Appui Conseil dossier (seed 001: 15 to 20 days of intervention; travel approved by UNML
// beforehand; intermediate calls as often as needed). The dossier class extends this part.
import { decideJournee, DEMI_JOURNEES_PAR_JOUR, formatJours, BUDGET_JOURS } from '../../domain/appui-conseil';
import { DossierBase } from '../shared/dossier-base';
import { refuse } from '../shared/refusal';
import type * as M from './messages';
import { type AppuiConseilState, type Deplacement, type EtapeAppui } from './state';

/** The steps until the end of the mise en œuvre (network members may join until then). */
export const AVANT_MISE_EN_OEUVRE_FINIE: EtapeAppui[] = [
  'mobilisation',
  'acte_engagement',
  'lancement',
  'diagnostic',
  'cadrage',
  'plan_action',
  'mise_en_oeuvre',
];

/** The mise en œuvre of an Appui Conseil dossier: intervention days against the budget, travel, intermediate calls. */
export abstract class MiseEnOeuvreAppuiConseil extends DossierBase<EtapeAppui, AppuiConseilState> {
  // --- Mise en œuvre: days, travel, calls ---------------------------------------------------------------
  extensionDemiJournees(): number {
    return this.state.budget.extensions.reduce((sum, e) => sum + e.demiJournees, 0);
  }

  checkLogJournee(i: M.LogJourneeInput, now: string): void {
    this.requireEtape(['mise_en_oeuvre'], "Enregistrer une journée d'intervention");
    if (i.demiJournees !== 1 && i.demiJournees !== 2) refuse('Une intervention dure une demi-journée (1) ou une journée (2).');
    if (Date.parse(i.date) > Date.parse(now)) refuse(`Une journée d'intervention s'enregistre une fois réalisée (date reçue : ${i.date}).`);
    this.requireText(i.objet, "Précisez l'objet de l'intervention.");
    const d = decideJournee(this.state.budget.demiJourneesRealisees, this.extensionDemiJournees(), i.demiJournees);
    if (!d.allowed) refuse(d.reason);
  }
  /** Returns true when this day reaches the 15-day minimum (UNML is warned once). */
  logJournee(i: M.LogJourneeInput, now: string): boolean {
    const d = decideJournee(this.state.budget.demiJourneesRealisees, this.extensionDemiJournees(), i.demiJournees);
    if (!d.allowed) refuse(d.reason);
    const journees = this.state.ficheSuiviIntermediaire.journees;
    journees.push({ numero: journees.length + 1, intervenant: i.intervenant, date: i.date, demiJournees: i.demiJournees, objet: i.objet });
    this.state.budget.demiJourneesRealisees = d.totalDemiJournees;
    this.record(
      now,
      'cabinet',
      "Journée d'intervention enregistrée",
      `${i.intervenant} : ${formatJours(i.demiJournees)} ; total ${formatJours(d.totalDemiJournees)}`,
      i.par,
    );
    const warn = d.atteintMinimum && !this.state.budget.alerte15Envoyee;
    if (warn) this.state.budget.alerte15Envoyee = true;
    return warn;
  }

  checkExtendBudget(i: M.ExtendBudgetInput): void {
    this.requireEtape(['mise_en_oeuvre'], "Étendre le budget d'intervention");
    if (!(i.jours > 0) || !Number.isInteger(i.jours * DEMI_JOURNEES_PAR_JOUR))
      refuse("L'extension est un nombre de jours positif, par demi-journées (0,5, 1, 1,5…).");
    this.requireText(i.motif, "Le motif de l'extension est obligatoire (seed 001 : 15 à 20 jours d'intervention).");
  }
  extendBudget(i: M.ExtendBudgetInput, now: string): void {
    const demiJournees = i.jours * DEMI_JOURNEES_PAR_JOUR;
    this.state.budget.extensions.push({ demiJournees, motif: i.motif, le: now, ...(i.par ? { par: i.par } : {}) });
    const total = BUDGET_JOURS.maximum * DEMI_JOURNEES_PAR_JOUR + this.extensionDemiJournees();
    this.record(now, 'unml', "Budget d'intervention étendu par l'UNML", `+${formatJours(demiJournees)} (budget ${formatJours(total)}) : ${i.motif}`, i.par);
  }

  checkRequestDeplacement(i: M.RequestDeplacementInput, now: string): void {
    this.requireEtape(
      AVANT_MISE_EN_OEUVRE_FINIE.filter((e) => e !== 'mobilisation'),
      'Demander un déplacement',
    );
    this.requireFuture(i.quand, now, 'Le déplacement');
  }
  requestDeplacement(i: M.RequestDeplacementInput, now: string): Deplacement {
    const { par, ...demande } = i;
    const list = this.state.ficheSuiviIntermediaire.deplacements;
    const d: Deplacement = { ...demande, numero: list.length + 1, statut: 'en_attente', demandeLe: now };
    list.push(d);
    this.record(now, 'cabinet', `Déplacement ${d.numero} demandé (approbation UNML préalable)`, `${i.qui} à ${i.ou}, ${i.coutEstimeEuros} €`, par);
    return d;
  }

  private deplacement(n: number): Deplacement | undefined {
    return this.state.ficheSuiviIntermediaire.deplacements[n - 1];
  }
  checkDecideDeplacement(i: M.DecideDeplacementInput): void {
    this.requireNotEnded('Décider d’un déplacement');
    const d = this.deplacement(i.deplacement);
    if (!d) refuse(`Déplacement inconnu : ${i.deplacement}.`);
    if (d.statut !== 'en_attente') refuse(`Le déplacement ${d.numero} a déjà été ${d.statut === 'refuse' ? 'refusé' : 'approuvé'}.`);
    if (!i.approuve) this.requireText(i.motif, 'Le motif du refus du déplacement est obligatoire.');
  }
  decideDeplacement(i: M.DecideDeplacementInput, now: string): Deplacement {
    const d = this.deplacement(i.deplacement)!;
    d.statut = i.approuve ? 'approuve' : 'refuse';
    d.decision = { le: now, ...(i.motif ? { motif: i.motif } : {}), ...(i.par ? { par: i.par } : {}) };
    this.record(now, 'unml', `Déplacement ${d.numero} ${i.approuve ? 'approuvé' : 'refusé'}`, i.motif, i.par);
    return d;
  }

  checkLogDeplacement(i: M.LogDeplacementInput): void {
    this.requireEtape(['lancement', 'diagnostic', 'cadrage', 'plan_action', 'mise_en_oeuvre'], 'Enregistrer un déplacement réalisé');
    const d = this.deplacement(i.deplacement);
    if (!d) refuse(`Déplacement inconnu : ${i.deplacement}.`);
    if (d.statut === 'realise') refuse(`Le déplacement ${d.numero} est déjà enregistré comme réalisé.`);
    // seed 001 §4: travel is exceptional and approved by UNML beforehand.
    if (d.statut !== 'approuve')
      refuse(
        `Le déplacement ${d.numero} n'a pas été approuvé par l'UNML (${d.statut === 'refuse' ? 'refusé' : 'en attente de décision'}) : il ne peut ` +
          `pas être enregistré.`,
      );
  }
  logDeplacement(i: M.LogDeplacementInput, now: string): void {
    const d = this.deplacement(i.deplacement)!;
    d.statut = 'realise';
    d.realiseLe = now;
    this.record(now, 'cabinet', `Déplacement ${d.numero} réalisé`, d.ou, i.par);
  }

  checkCadence(i: M.SetCadenceAppelsInput): void {
    this.requireEtape(AVANT_MISE_EN_OEUVRE_FINIE, 'Fixer la cadence des appels de suivi');
    if (!Number.isInteger(i.joursEntreAppels) || i.joursEntreAppels < 1 || i.joursEntreAppels > 90)
      refuse('La cadence est un nombre entier de jours entre 1 et 90.');
  }
  setCadence(i: M.SetCadenceAppelsInput, now: string): void {
    this.state.cadenceAppelsJours = i.joursEntreAppels;
    this.record(now, 'unml', 'Cadence des appels de suivi fixée', `tous les ${i.joursEntreAppels} jours`, i.par);
  }

  checkLogAppel(i: M.LogAppelInput, now: string): void {
    this.requireEtape(['lancement', 'diagnostic', 'cadrage', 'plan_action', 'mise_en_oeuvre', 'bilan'], 'Enregistrer un appel de suivi');
    if (Date.parse(i.date) > Date.parse(now)) refuse(`Un appel s'enregistre une fois passé (date reçue : ${i.date}).`);
    this.requireText(i.resume, "Résumez l'appel.");
  }
  logAppel(i: M.LogAppelInput, now: string): void {
    this.state.ficheSuiviIntermediaire.appels.push({ avec: i.avec, date: i.date, resume: i.resume, ...(i.par ? { par: i.par } : {}) });
    this.record(now, 'unml', `Appel de suivi avec ${i.avec === 'ml' ? 'la Mission Locale' : 'les intervenants'}`, i.resume, i.par);
  }

  /** The last call with one side, or the start of the follow-up when there was none. */
  dernierAppel(avec: 'ml' | 'intervenants', depuis: string): string {
    const dates = this.state.ficheSuiviIntermediaire.appels.filter((a) => a.avec === avec).map((a) => Date.parse(a.date));
    return new Date(Math.max(Date.parse(depuis), ...dates)).toISOString();
  }

  checkEndMiseEnOeuvre(i: M.EndMiseEnOeuvreInput): void {
    this.requireEtape(['mise_en_oeuvre'], 'Terminer la mise en œuvre');
    const min = BUDGET_JOURS.minimum * DEMI_JOURNEES_PAR_JOUR;
    if (this.state.budget.demiJourneesRealisees < min && !i.motif?.trim()) {
      refuse(
        `${formatJours(this.state.budget.demiJourneesRealisees)} réalisés pour un minimum de ${BUDGET_JOURS.minimum} jours (seed 001) : précisez le ` +
          `motif d'une fin anticipée.`,
      );
    }
  }
  endMiseEnOeuvre(i: M.EndMiseEnOeuvreInput, now: string): void {
    this.moveTo('bilan');
    this.record(
      now,
      'unml',
      'Mise en œuvre terminée, passage au bilan',
      `${formatJours(this.state.budget.demiJourneesRealisees)} d'intervention${i.motif ? ` ; ${i.motif}` : ''}`,
      i.par,
    );
  }
}
