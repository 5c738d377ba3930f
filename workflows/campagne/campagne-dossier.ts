// The campaign's plain state and rules (seed 004's démarche de progrès): each action's check (a refusal with its French
// reason, changing nothing) and its apply. No Temporal here but the refusal: the workflow (campagne.ts) wires them.
import type { Recipient } from '../../activities/email/kinds';
import { LIBELLES_PHASES, progression, type EtatDesLieuxMl, type Phase } from '../../domain/campagne';
import { dateHeureFr } from '../../domain/format';
import { entreeChronologie, type Role } from '../shared/dossier-base';
import { refuse } from '../shared/refusal';
import type { Par } from '../shared/state';
import type * as M from './messages';
import type { CampagneInput, CampagneState, MlDansCampagne, PhaseCampagne, ReunionCampagne, TypeReunion } from './state';

export const TITRES_REUNION: Record<TypeReunion, string> = {
  groupe_de_travail: 'Groupe de travail des directeurs',
  presentation_presidents: 'Présentation de la démarche aux présidents',
  presentation_directeurs: 'Présentation de la démarche aux directeurs',
  restitution: 'Restitution de l’analyse transversale',
};

const NOMS_PHASES: Record<PhaseCampagne, string> = {
  ...LIBELLES_PHASES,
  suivi: 'suivi des projets de structure',
  cloturee: 'clôturée',
  annulee: 'annulée',
};

const estInstant = (s: string | undefined): s is string => typeof s === 'string' && !Number.isNaN(Date.parse(s));
const texte = (s: string | undefined): boolean => typeof s === 'string' && s.trim().length > 0;
const emailDe = (r: Recipient) => r.email.trim().toLowerCase();

export class CampagneDossier {
  readonly state: CampagneState;

  constructor(input: CampagneInput, at: string) {
    const territoireDe = new Map(input.territoires.flatMap((t) => t.mls.map((code) => [code, t.nom] as const)));
    this.state = {
      campagneId: input.campagneId,
      nom: input.nom,
      region: input.region,
      phase: 'cadrage',
      mls: input.mls.map((ml) => ({ ...ml, territoire: territoireDe.get(ml.code) ?? '' })),
      territoires: input.territoires,
      financeurs: input.financeurs,
      consultant: input.consultant,
      calendrier: input.calendrier,
      contactUnml: input.contactUnml,
      entretiensContextuels: [],
      reunions: {},
      etatsDesLieux: [],
      ...(input.enquete ? { enquete: { questions: input.enquete.questions, reponses: [] } } : {}),
      financement: input.financement,
      indicateurs: [],
      axe3: [],
      agenda: {},
      timeline: [],
    };
    this.echeanceDePhase();
    this.record(at, 'unml', 'Campagne créée', `${input.mls.length} Missions Locales, ${input.territoires.length} territoires`);
  }

  record(at: string, role: Role, evenement: string, details?: string, par?: string | Par): void {
    this.state.timeline.push(entreeChronologie(at, role, evenement, details, par));
  }

  get phase(): PhaseCampagne {
    return this.state.phase;
  }

  get termine(): boolean {
    return this.state.phase === 'cloturee' || this.state.phase === 'annulee';
  }

  get progression() {
    return progression(this.state.etatsDesLieux);
  }

  vue(): M.CampagneVue {
    return { ...this.state, progression: this.progression };
  }

  /** The MLs still in the campaign. */
  presentes(): MlDansCampagne[] {
    return this.state.mls.filter((m) => !m.retrait);
  }

  ml(code: string): MlDansCampagne | undefined {
    return this.state.mls.find((m) => m.code === code);
  }

  directions(mls = this.presentes()): Recipient[] {
    return mls.map((m) => m.direction);
  }

  presidences(mls = this.presentes()): Recipient[] {
    return mls.map((m) => m.presidence);
  }

  financeurs(): Recipient[] {
    return this.state.financeurs.map((f) => f.contact);
  }

  /** Everyone the campaign concerns (UNML aside): every ML's direction and présidence, the consultant, the funders. */
  tous(): Recipient[] {
    return [...this.presentes().flatMap((m) => [m.direction, m.presidence]), this.state.consultant, ...this.financeurs()];
  }

  private refuserSiTerminee(): void {
    if (this.termine) refuse(`La campagne est ${NOMS_PHASES[this.state.phase]} : plus aucune action n’y est possible.`);
  }

  private exigerPhase(phases: PhaseCampagne[], action: string): void {
    this.refuserSiTerminee();
    if (!phases.includes(this.state.phase))
      refuse(
        `${action} se fait en phase « ${phases.map((p) => NOMS_PHASES[p]).join(' » ou « ')} » ; la campagne est en phase « ${NOMS_PHASES[this.state.phase]} ».`,
      );
  }

  private mlPresente(code: string): MlDansCampagne {
    const ml = this.ml(code);
    if (!ml) refuse(`${code} ne fait pas partie des Missions Locales de la campagne.`);
    if (ml.retrait) refuse(`${ml.nom} a quitté la campagne le ${dateHeureFr(ml.retrait.le)} : ${ml.retrait.motif}`);
    return ml;
  }

  private echeanceDePhase(): void {
    const p = this.state.phase;
    if (p === 'cadrage' || p === 'etat_des_lieux' || p === 'analyse_transversale')
      this.state.prochaineEcheance = { quoi: `Fin de la phase « ${LIBELLES_PHASES[p]} »`, le: `${this.state.calendrier[p].fin}T18:00:00.000Z` };
    else delete this.state.prochaineEcheance;
  }

  moveTo(phase: PhaseCampagne, at: string, details?: string, par?: Par): void {
    // Phase 2 opens one état des lieux per ML still in the campaign.
    if (phase === 'etat_des_lieux') this.state.etatsDesLieux = this.presentes().map((m) => ({ ml: m.code, nom: m.nom, statut: 'en_cours' }));
    this.state.phase = phase;
    this.echeanceDePhase();
    this.record(at, par ? 'unml' : 'systeme', `Phase : ${NOMS_PHASES[phase]}`, details, par);
  }

  // --- Phase 1: cadrage ------------------------------------------------------------------------------------------
  checkEntretienContextuel(i: M.EntretienContextuelInput, at: string): void {
    this.exigerPhase(['cadrage'], 'Un entretien contextuel');
    if (!estInstant(i.date)) refuse('La date de l’entretien est invalide (date ISO 8601 attendue).');
    if (Date.parse(i.date) > Date.parse(at)) refuse('Un entretien s’enregistre une fois tenu : sa date ne peut pas être dans le futur.');
    if (!texte(i.avec)) refuse('Indiquez avec qui l’entretien a eu lieu.');
  }

  entretienContextuel(i: M.EntretienContextuelInput, at: string): void {
    this.state.entretiensContextuels.push({
      date: i.date,
      avec: i.avec.trim(),
      ...(i.par ? { par: i.par } : {}),
      ...(texte(i.notes) ? { notes: i.notes } : {}),
    });
    this.record(at, 'unml', 'Entretien contextuel', `${dateHeureFr(i.date)} avec ${i.avec.trim()}`, i);
  }

  /** The key a new meeting gets, or the one it moves. */
  cleReunion(i: M.PlanifierReunionInput): string {
    if (i.cle) return i.cle;
    if (i.type === 'groupe_de_travail') return `groupe_de_travail-${Object.values(this.state.reunions).filter((r) => r.type === i.type).length + 1}`;
    if (i.type === 'restitution') return `restitution-${this.state.territoires.findIndex((t) => t.nom === i.territoire) + 1}`;
    return i.type;
  }

  checkPlanifierReunion(i: M.PlanifierReunionInput, at: string): void {
    this.exigerPhase(i.type === 'restitution' ? ['analyse_transversale'] : ['cadrage'], `${TITRES_REUNION[i.type]} (réunion)`);
    if (!estInstant(i.debut)) refuse('La date de la réunion est invalide (date et heure ISO 8601 attendues).');
    if (Date.parse(i.debut) <= Date.parse(at)) refuse('Une réunion se planifie dans le futur.');
    if (i.dureeMinutes !== undefined && (!Number.isInteger(i.dureeMinutes) || i.dureeMinutes < 15 || i.dureeMinutes > 600))
      refuse('La durée de la réunion est de 15 à 600 minutes.');
    if (i.type === 'restitution' && !this.state.territoires.some((t) => t.nom === i.territoire))
      refuse(`Une restitution se tient par territoire : indiquez l’un de ${this.state.territoires.map((t) => `« ${t.nom} »`).join(', ')}.`);
    for (const code of i.mls ?? []) this.mlPresente(code);
    const cle = this.cleReunion(i);
    const existante = this.state.reunions[cle];
    if (i.cle && !existante) refuse(`La réunion ${i.cle} n’existe pas.`);
    if (existante?.type !== undefined && existante.type !== i.type)
      refuse(`La réunion ${cle} est « ${TITRES_REUNION[existante.type]} » : son type ne change pas.`);
    if (existante?.tenue) refuse(`${existante.titre} a déjà eu lieu le ${dateHeureFr(existante.debut)}.`);
  }

  /** Who a meeting gathers (seed 004): directors, presidents, or a territory's both; always the consultant and, but for the working group, the funders. */
  invitesDe(i: M.PlanifierReunionInput): Recipient[] {
    const choisies = i.mls?.length ? this.presentes().filter((m) => i.mls!.includes(m.code)) : this.presentes();
    const consultant: Recipient = { nom: this.state.consultant.nom, email: this.state.consultant.email };
    switch (i.type) {
      case 'groupe_de_travail':
        return [...this.directions(choisies), consultant];
      case 'presentation_presidents':
        return [...this.presidences(), consultant, ...this.financeurs()];
      case 'presentation_directeurs':
        return [...this.directions(), consultant, ...this.financeurs()];
      case 'restitution': {
        const duTerritoire = this.presentes().filter((m) => m.territoire === i.territoire);
        return [...this.presidences(duTerritoire), ...this.directions(duTerritoire), consultant, ...this.financeurs()];
      }
    }
  }

  planifierReunion(i: M.PlanifierReunionInput, at: string): { cle: string; reunion: ReunionCampagne } {
    const cle = this.cleReunion(i);
    const titre = `${TITRES_REUNION[i.type]}${i.territoire ? ` – territoire ${i.territoire}` : ''} – ${this.state.nom}`;
    const reunion: ReunionCampagne = {
      type: i.type,
      ...(i.territoire ? { territoire: i.territoire } : {}),
      titre,
      debut: i.debut,
      dureeMinutes: i.dureeMinutes ?? 120,
      ...(texte(i.lieu) ? { lieu: i.lieu } : {}),
      ...(texte(i.lien) ? { lien: i.lien } : {}),
      invites: this.invitesDe(i),
    };
    const deplacee = this.state.reunions[cle];
    this.state.reunions[cle] = reunion;
    this.record(at, 'unml', deplacee ? 'Réunion déplacée' : 'Réunion planifiée', `${titre} : ${dateHeureFr(i.debut)}`, i);
    return { cle, reunion };
  }

  checkAnnulerReunion(i: M.AnnulerReunionInput): void {
    this.refuserSiTerminee();
    const r = this.state.reunions[i.cle];
    if (!r) refuse(`La réunion ${i.cle} n’existe pas.`);
    if (r.tenue) refuse(`${r.titre} a déjà eu lieu.`);
    if (r.annulee) refuse(`${r.titre} est déjà annulée.`);
  }

  annulerReunion(i: M.AnnulerReunionInput, at: string): void {
    const r = this.state.reunions[i.cle]!;
    r.annulee = true;
    this.record(at, 'unml', 'Réunion annulée', `${r.titre}${i.motif ? ` : ${i.motif}` : ''}`, i);
  }

  checkPresence(i: M.PresenceReunionInput, at: string): void {
    this.refuserSiTerminee();
    const r = this.state.reunions[i.cle];
    if (!r || r.annulee) refuse(`La réunion ${i.cle} n’existe pas ou a été annulée.`);
    if (Date.parse(r.debut) > Date.parse(at)) refuse(`${r.titre} n’a pas encore commencé (${dateHeureFr(r.debut)}) : la présence s’enregistre ensuite.`);
    const invites = new Set(r.invites.map(emailDe));
    const inconnus = i.presents.filter((e) => !invites.has(e.trim().toLowerCase()));
    if (inconnus.length) refuse(`Ces personnes n’étaient pas invitées à « ${r.titre} » : ${inconnus.join(', ')}.`);
  }

  presence(i: M.PresenceReunionInput, at: string): void {
    const r = this.state.reunions[i.cle]!;
    r.tenue = { le: at, presents: i.presents.map((e) => e.trim().toLowerCase()), ...(texte(i.compteRendu) ? { compteRendu: i.compteRendu } : {}) };
    this.record(at, 'unml', 'Réunion tenue', `${r.titre} : ${i.presents.length} présent(s) sur ${r.invites.length} invité(s)`, i);
  }

  checkSupport(i: M.DiffuserSupportInput): void {
    this.exigerPhase(['cadrage'], 'La diffusion du support de la démarche');
    if (!texte(i.nom)) refuse('Le nom du support est obligatoire.');
    if (!texte(i.url) && !i.fichier) refuse('Joignez le support (un fichier) ou son adresse (url).');
  }

  support(i: M.DiffuserSupportInput, at: string): void {
    this.state.support = {
      nom: i.nom.trim(),
      ...(texte(i.url) ? { url: i.url } : {}),
      ...(i.fichier ? { fichier: i.fichier } : {}),
      diffuseLe: at,
      accuses: this.state.support?.accuses ?? [],
    };
    this.record(at, 'unml', 'Support de la démarche diffusé', i.nom, i);
  }

  checkAccuserSupport(i: M.AccuserSupportInput): void {
    this.refuserSiTerminee();
    if (!this.state.support) refuse('Le support de la démarche n’a pas encore été diffusé.');
    const ml = this.mlPresente(i.ml);
    if (this.state.support.accuses.some((a) => a.ml === i.ml)) refuse(`${ml.nom} a déjà pris connaissance du support de la démarche.`);
  }

  accuserSupport(i: M.AccuserSupportInput, at: string): void {
    this.state.support!.accuses.push({ ml: i.ml, le: at, ...(i.par ? { par: i.par } : {}) });
    this.record(at, 'ml', 'Support de la démarche : pris connaissance', this.ml(i.ml)!.nom, i);
  }

  // --- Phases --------------------------------------------------------------------------------------------------------
  checkPasserPhase(i: M.PasserPhaseInput): void {
    this.refuserSiTerminee();
    const attendue: Record<Phase, M.PasserPhaseInput['phase']> = {
      cadrage: 'etat_des_lieux',
      etat_des_lieux: 'analyse_transversale',
      analyse_transversale: 'suivi',
    };
    const phase = this.state.phase as Phase;
    if (this.state.phase === 'suivi' || attendue[phase] !== i.phase)
      refuse(`La campagne est en phase « ${NOMS_PHASES[this.state.phase]} » : la phase suivante n’est pas « ${NOMS_PHASES[i.phase]} ».`);
    const manque: string[] = [];
    if (i.phase === 'etat_des_lieux') {
      for (const type of ['presentation_presidents', 'presentation_directeurs'] as const)
        if (!this.state.reunions[type]?.tenue) manque.push(`la ${TITRES_REUNION[type].toLowerCase()} n’a pas eu lieu`);
      if (!this.state.support) manque.push('le support de la démarche n’a pas été diffusé');
    }
    if (i.phase === 'analyse_transversale' && !this.progression.complet && !texte(i.motif))
      refuse(
        `${this.progression.texte}. Pour clore la phase sans ${this.progression.manquantes.join(', ')}, indiquez le motif : il est enregistré avec leurs noms.`,
      );
    if (i.phase === 'suivi') {
      if (!this.state.analyse) manque.push('l’analyse transversale n’est pas enregistrée');
      for (const t of this.state.territoires)
        if (!Object.values(this.state.reunions).some((r) => r.type === 'restitution' && r.territoire === t.nom && r.tenue))
          manque.push(`la restitution du territoire « ${t.nom} » n’a pas eu lieu`);
    }
    if (manque.length) refuse(`Pas encore : ${manque.join(' ; ')}.`);
  }

  /** UNML closes the état des lieux with some missing (named, with the reason). */
  cloreEtatDesLieux(i: M.PasserPhaseInput, at: string): void {
    const p = this.progression;
    if (!p.complet) this.state.clotureEtatDesLieux = { le: at, motif: i.motif!.trim(), manquantes: p.manquantes };
  }

  etatDesLieuxRecu(e: EtatDesLieuxMl, at: string): void {
    const avant = this.state.etatsDesLieux.find((x) => x.ml === e.ml);
    if (!avant) return;
    Object.assign(avant, { statut: avant.statut === 'retiree' ? 'retiree' : e.statut });
    if (e.pointBloquant) avant.pointBloquant = e.pointBloquant;
    else delete avant.pointBloquant;
    if (e.relance) avant.relance = e.relance;
    else delete avant.relance;
    if (e.statut === 'valide') this.record(at, 'ml', 'État des lieux validé', `${avant.nom} — ${this.progression.texte}`);
  }

  checkRetirerMl(i: M.RetirerMlInput): void {
    this.refuserSiTerminee();
    this.mlPresente(i.ml);
    if (!texte(i.motif)) refuse('Le motif du retrait est obligatoire : il est communiqué à la Mission Locale, au consultant et aux financeurs.');
    if (this.presentes().length <= 1) refuse('C’est la dernière Mission Locale de la campagne : annulez plutôt la campagne.');
  }

  retirerMl(i: M.RetirerMlInput, at: string): MlDansCampagne {
    const ml = this.ml(i.ml)!;
    ml.retrait = { motif: i.motif.trim(), le: at };
    const e = this.state.etatsDesLieux.find((x) => x.ml === i.ml);
    if (e) e.statut = 'retiree';
    this.record(at, 'unml', 'Mission Locale retirée de la campagne', `${ml.nom} : ${i.motif.trim()}`, i);
    return ml;
  }

  // --- Phase 3 -------------------------------------------------------------------------------------------------------
  checkAnalyse(i: M.AnalyseInput): void {
    this.exigerPhase(['analyse_transversale'], 'L’analyse transversale');
    const rubriques = [i.bonnesPratiques, i.difficultesStructurelles, i.obstaclesExternes, i.preconisations];
    if (rubriques.some((r) => !Array.isArray(r)))
      refuse('L’analyse a quatre rubriques : bonnes pratiques, difficultés structurelles, obstacles externes, préconisations.');
    if (!i.preconisations.some(texte)) refuse('L’analyse transversale aboutit à des préconisations : indiquez-en au moins une.');
  }

  analyse(i: M.AnalyseInput, at: string): void {
    const propre = (l: string[]) => l.map((s) => s.trim()).filter(Boolean);
    this.state.analyse = {
      bonnesPratiques: propre(i.bonnesPratiques),
      difficultesStructurelles: propre(i.difficultesStructurelles),
      obstaclesExternes: propre(i.obstaclesExternes),
      preconisations: propre(i.preconisations),
      le: at,
    };
    this.record(at, 'unml', 'Analyse transversale enregistrée', `${this.state.analyse.preconisations.length} préconisation(s)`, i);
  }

  // --- Seed 002's survey -----------------------------------------------------------------------------------------------
  checkLancerEnquete(): void {
    this.refuserSiTerminee();
    if (!this.state.enquete) refuse('Cette campagne n’a pas d’enquête auprès des directeurs (elle se définit à la création).');
    if (this.state.enquete.lanceeLe) refuse(`L’enquête a déjà été lancée le ${dateHeureFr(this.state.enquete.lanceeLe)}.`);
  }

  lancerEnquete(i: M.LancerEnqueteInput, at: string): void {
    this.state.enquete!.lanceeLe = at;
    this.record(at, 'unml', 'Enquête lancée auprès des directeurs', `${this.state.enquete!.questions.length} question(s)`, i);
  }

  checkRepondreEnquete(i: M.RepondreEnqueteInput): void {
    this.refuserSiTerminee();
    const e = this.state.enquete;
    if (!e?.lanceeLe) refuse('L’enquête n’est pas ouverte.');
    const ml = this.mlPresente(i.ml);
    if (e.reponses.some((r) => r.ml === i.ml)) refuse(`${ml.nom} a déjà répondu à l’enquête.`);
    const codes = new Set(e.questions.map((q) => q.code));
    const inconnues = Object.keys(i.reponses).filter((c) => !codes.has(c));
    if (inconnues.length) refuse(`Questions inconnues : ${inconnues.join(', ')}.`);
    if (Object.keys(i.reponses).length === 0) refuse('Répondez à au moins une question.');
  }

  repondreEnquete(i: M.RepondreEnqueteInput, at: string): void {
    this.state.enquete!.reponses.push({ ml: i.ml, reponses: i.reponses, le: at });
    this.record(at, 'ml', 'Réponse à l’enquête', this.ml(i.ml)!.nom, i);
  }

  // --- Funding ---------------------------------------------------------------------------------------------------------
  checkIndicateurs(i: M.IndicateursInput): void {
    this.refuserSiTerminee();
    if (!Number.isInteger(i.annee) || i.annee < 2000 || i.annee > 2100) refuse('L’année de financement est invalide (par exemple 2027).');
    const fixes = new Set(this.state.financement.axes.filter((a) => a.nature === 'fixe').flatMap((a) => a.indicateurs.map((x) => x.code)));
    const vues = new Set<string>();
    for (const ml of i.mls) {
      this.mlPresente(ml.code);
      if (vues.has(ml.code)) refuse(`${ml.code} figure deux fois.`);
      vues.add(ml.code);
      for (const [code, v] of Object.entries(ml.valeurs)) {
        if (!fixes.has(code)) refuse(`${ml.code} : ${code} n’est pas un indicateur des axes fixes (l’axe 3 se règle au dialogue de gestion).`);
        if (!Number.isInteger(v) || v < 0) refuse(`${ml.code} : la valeur de ${code} doit être un entier positif ou nul.`);
      }
    }
  }

  indicateurs(i: M.IndicateursInput, at: string): void {
    const nom = (code: string) => this.ml(code)!.nom;
    const entree = { annee: i.annee, mls: i.mls.map((m) => ({ code: m.code, nom: nom(m.code), valeurs: m.valeurs })), le: at };
    this.state.indicateurs = [...this.state.indicateurs.filter((x) => x.annee !== i.annee), entree].sort((a, b) => a.annee - b.annee);
    this.record(at, 'unml', `Indicateurs ${i.annee} enregistrés`, `${i.mls.length} Mission(s) Locale(s)`, i);
  }

  axe3Recu(a: M.Axe3ArreteInput, at: string): void {
    this.state.axe3 = [...this.state.axe3.filter((x) => !(x.annee === a.annee && x.ml === a.ml)), { ...a, le: at }];
    this.record(at, 'systeme', `Axe 3 ${a.annee} arrêté au dialogue de gestion`, `${this.ml(a.ml)?.nom ?? a.ml} : ${a.motif}`);
  }

  // --- End ---------------------------------------------------------------------------------------------------------------
  checkCloturer(): void {
    this.exigerPhase(['suivi'], 'La clôture de la campagne');
  }

  checkAnnuler(i: M.AnnulerCampagneInput): void {
    this.refuserSiTerminee();
    if (!texte(i.motif)) refuse('Le motif de l’annulation est obligatoire : il est communiqué à tous les participants.');
  }

  terminer(phase: 'cloturee' | 'annulee', motif: string | undefined, at: string, par?: Par): void {
    if (motif?.trim()) this.state.issue = { motif: motif.trim(), le: at };
    this.moveTo(phase, at, motif, par);
  }
}
