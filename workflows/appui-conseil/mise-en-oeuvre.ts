// The mise en œuvre of an Appui Conseil dossier (seed 001: 15 to 20 days of intervention; travel approved by UNML
// beforehand; intermediate calls as often as needed). The dossier class extends this part.
import { decideJournee, DEMI_JOURNEES_PAR_JOUR, formatJours, BUDGET_JOURS } from '../../domain/appui-conseil';
import { dateHeureFr, eurosFr } from '../../domain/format';
import { DossierBase, type Role } from '../shared/dossier-base';
import { refuse } from '../shared/refusal';
import type { Par } from '../shared/state';
import type * as M from './messages';
import { type AppuiConseilState, type Deplacement, type EtapeAppui, type Jalon } from './state';

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

/** The days budget of a new dossier: nothing done, 20 days (40 half-days) to use, no extension. */
export function budgetInitial(): AppuiConseilState['budget'] {
  const plafond = BUDGET_JOURS.maximum * DEMI_JOURNEES_PAR_JOUR;
  return {
    demiJourneesRealisees: 0,
    extensions: [],
    alerte15Envoyee: false,
    minimumJours: BUDGET_JOURS.minimum,
    maximumJours: BUDGET_JOURS.maximum,
    extensionsDemiJournees: 0,
    plafondDemiJournees: plafond,
    restantDemiJournees: plafond,
    realisesJours: 0,
    plafondJours: BUDGET_JOURS.maximum,
    restantJours: BUDGET_JOURS.maximum,
  };
}

/** A milestone is missed at `now` when its date is past and it was not reached. */
export const estManque = (j: Jalon, now: string): boolean => !j.atteint && Date.parse(j.date) <= Date.parse(now);

/** A milestone as read at `now`: `manque` set when missed, absent otherwise. */
export function jalonA(j: Jalon, now: string): Jalon {
  const lu = { ...j };
  delete lu.manque;
  return estManque(j, now) ? { ...lu, manque: true } : lu;
}

const memeNom = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The mise en œuvre of an Appui Conseil dossier: intervention days against the budget, travel, intermediate calls. */
export abstract class MiseEnOeuvreAppuiConseil extends DossierBase<EtapeAppui, AppuiConseilState> {
  /** Every entry also brings the rétroplanning up to the entry's time (a milestone past and not reached is missed). */
  override record(at: string, role: Role, evenement: string, details?: string, par?: string | Par): void {
    super.record(at, role, evenement, details, par);
    // In place: the milestone loop holds these objects across its awaits.
    for (const action of this.state.ficheSuiviIntermediaire?.planAction ?? [])
      for (const j of action.jalons) {
        if (estManque(j, at)) j.manque = true;
        else delete j.manque;
      }
  }

  /** The state as read at `now` (the getDossier query): the milestones missed by then shown so. */
  etatA(now: string): AppuiConseilState {
    const f = this.state.ficheSuiviIntermediaire;
    const planAction = f.planAction.map((a) => ({ ...a, jalons: a.jalons.map((j) => jalonA(j, now)) }));
    return { ...this.state, ficheSuiviIntermediaire: { ...f, planAction } };
  }

  /** Who intervenes on the dossier: the cabinet's consultants and the network members who accepted. */
  intervenantsDuDossier(): string[] {
    const consultants = (this.state.cabinet?.consultants ?? []).map((c) => c.nom);
    const membres = this.state.membresReseau.filter((m) => this.state.membresAcceptes.includes(m.id)).map((m) => m.nom);
    return [...new Set([...consultants, ...membres])];
  }

  /** An entry names someone who intervenes on the dossier (`regle`: what the refusal says an entry is for). */
  protected requireIntervenant(nom: string, regle: string): void {
    if (!nom?.trim() || this.intervenantsDuDossier().some((n) => memeNom(n, nom))) return;
    const possibles = this.intervenantsDuDossier();
    refuse(
      `${nom.trim()} n'intervient pas sur ce dossier : ${regle} un consultant du cabinet ou un membre du réseau qui a accepté sa mobilisation ` +
        `(${possibles.length ? `possible : ${possibles.join(', ')}` : "aucun intervenant n'est encore sur le dossier"}).`,
    );
  }

  /** The name as the dossier knows it (the same person typed in another case keeps one line in the suivi document). */
  private nomIntervenant(nom: string): string {
    return this.intervenantsDuDossier().find((n) => memeNom(n, nom)) ?? nom;
  }

  /** `iso` is later than now; the refusal gives the date and time received. */
  protected requireAVenir(iso: string, now: string, what: string): void {
    if (!(Date.parse(iso) > Date.parse(now))) refuse(`${what} doit être dans le futur (reçu : ${dateHeureFr(iso)}).`);
  }

  // --- Mise en œuvre: days, travel, calls ---------------------------------------------------------------
  extensionDemiJournees(): number {
    return this.state.budget.extensions.reduce((sum, e) => sum + e.demiJournees, 0);
  }

  /** The budget's cap, use and remainder, in half-days and days, after a day or an extension. */
  private majBudget(): void {
    const b = this.state.budget;
    const extensions = this.extensionDemiJournees();
    const plafond = BUDGET_JOURS.maximum * DEMI_JOURNEES_PAR_JOUR + extensions;
    Object.assign(b, {
      minimumJours: BUDGET_JOURS.minimum,
      maximumJours: BUDGET_JOURS.maximum,
      extensionsDemiJournees: extensions,
      plafondDemiJournees: plafond,
      restantDemiJournees: Math.max(plafond - b.demiJourneesRealisees, 0),
      realisesJours: b.demiJourneesRealisees / DEMI_JOURNEES_PAR_JOUR,
      plafondJours: plafond / DEMI_JOURNEES_PAR_JOUR,
      restantJours: Math.max(plafond - b.demiJourneesRealisees, 0) / DEMI_JOURNEES_PAR_JOUR,
    });
  }

  checkLogJournee(i: M.LogJourneeInput, now: string): void {
    this.requireEtape(['mise_en_oeuvre'], "Enregistrer une journée d'intervention");
    if (i.demiJournees !== 1 && i.demiJournees !== 2) refuse('Une intervention dure une demi-journée (1) ou une journée (2).');
    this.requireDateDansDossier("La journée d'intervention", i.date, now);
    this.requireText(i.intervenant, 'Indiquez qui est intervenu (un consultant du cabinet ou un membre du réseau).');
    this.requireIntervenant(i.intervenant, "une journée d'intervention s'enregistre pour");
    this.requireText(i.objet, "Précisez l'objet de l'intervention.");
    const d = decideJournee(this.state.budget.demiJourneesRealisees, this.extensionDemiJournees(), i.demiJournees);
    if (!d.allowed) refuse(d.reason);
  }
  /** Returns true when this day reaches the 15-day minimum (UNML is warned once). */
  logJournee(i: M.LogJourneeInput, now: string): boolean {
    const d = decideJournee(this.state.budget.demiJourneesRealisees, this.extensionDemiJournees(), i.demiJournees);
    if (!d.allowed) refuse(d.reason);
    const journees = this.state.ficheSuiviIntermediaire.journees;
    const intervenant = this.nomIntervenant(i.intervenant);
    // A network member's pool id kept with the day (issue #14: the reporting counts network and cabinet days apart).
    const membre = this.state.membresReseau.find((m) => this.state.membresAcceptes.includes(m.id) && memeNom(m.nom, intervenant));
    journees.push({
      numero: journees.length + 1,
      intervenant,
      ...(membre ? { intervenantId: membre.id } : {}),
      date: i.date,
      demiJournees: i.demiJournees,
      objet: i.objet,
    });
    this.state.budget.demiJourneesRealisees = d.totalDemiJournees;
    this.majBudget();
    this.record(
      now,
      'cabinet',
      "Journée d'intervention enregistrée",
      `${intervenant} : ${formatJours(i.demiJournees)} ; total ${formatJours(d.totalDemiJournees)}`,
      i,
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
    this.majBudget();
    const total = BUDGET_JOURS.maximum * DEMI_JOURNEES_PAR_JOUR + this.extensionDemiJournees();
    this.record(now, 'unml', "Budget d'intervention étendu par l'UNML", `+${formatJours(demiJournees)} (budget ${formatJours(total)}) : ${i.motif}`, i);
  }

  checkRequestDeplacement(i: M.RequestDeplacementInput, now: string): void {
    this.requireEtape(
      AVANT_MISE_EN_OEUVRE_FINIE.filter((e) => e !== 'mobilisation'),
      'Demander un déplacement',
    );
    this.requireAVenir(i.quand, now, 'Le déplacement');
    this.requireIntervenant(i.qui, 'un déplacement se demande pour');
  }
  requestDeplacement(i: M.RequestDeplacementInput, now: string): Deplacement {
    const demande = { qui: i.qui, ou: i.ou, quand: i.quand, pourquoi: i.pourquoi, coutEstimeEuros: i.coutEstimeEuros };
    const list = this.state.ficheSuiviIntermediaire.deplacements;
    const d: Deplacement = { ...demande, qui: this.nomIntervenant(i.qui), numero: list.length + 1, statut: 'en_attente', demandeLe: now };
    list.push(d);
    this.record(
      now,
      'cabinet',
      `Déplacement ${d.numero} demandé (approbation UNML préalable)`,
      `${d.qui} à ${i.ou} le ${dateHeureFr(i.quand)}, ${eurosFr(i.coutEstimeEuros)}`,
      i,
    );
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
    this.record(now, 'unml', `Déplacement ${d.numero} ${i.approuve ? 'approuvé' : 'refusé'}`, i.motif, i);
    return d;
  }

  checkLogDeplacement(i: M.LogDeplacementInput, now: string): void {
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
    // A trip is recorded as done once its date has come.
    this.requireDateDansDossier(`Le déplacement ${d.numero} à ${d.ou}`, d.quand, now);
  }
  logDeplacement(i: M.LogDeplacementInput, now: string): void {
    const d = this.deplacement(i.deplacement)!;
    d.statut = 'realise';
    d.realiseLe = now;
    this.record(now, 'cabinet', `Déplacement ${d.numero} réalisé`, `${d.qui} à ${d.ou} le ${dateHeureFr(d.quand)}`, i);
  }

  checkCadence(i: M.SetCadenceAppelsInput): void {
    this.requireEtape(AVANT_MISE_EN_OEUVRE_FINIE, 'Fixer la cadence des appels de suivi');
    if (!Number.isInteger(i.joursEntreAppels) || i.joursEntreAppels < 1 || i.joursEntreAppels > 90)
      refuse('La cadence est un nombre entier de jours entre 1 et 90.');
  }
  setCadence(i: M.SetCadenceAppelsInput, now: string): void {
    this.state.cadenceAppelsJours = i.joursEntreAppels;
    this.record(now, 'unml', 'Cadence des appels de suivi fixée', `tous les ${i.joursEntreAppels} jours`, i);
  }

  checkLogAppel(i: M.LogAppelInput, now: string): void {
    this.requireEtape(['lancement', 'diagnostic', 'cadrage', 'plan_action', 'mise_en_oeuvre', 'bilan'], 'Enregistrer un appel de suivi');
    this.requireDateDansDossier("L'appel de suivi", i.date, now);
    this.requireText(i.resume, "Résumez l'appel.");
  }
  logAppel(i: M.LogAppelInput, now: string): void {
    this.state.ficheSuiviIntermediaire.appels.push({ avec: i.avec, date: i.date, resume: i.resume, ...(i.par ? { par: i.par } : {}) });
    this.record(now, 'unml', `Appel de suivi avec ${i.avec === 'ml' ? 'la Mission Locale' : 'les intervenants'}`, i.resume, i);
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
      i,
    );
  }
}
