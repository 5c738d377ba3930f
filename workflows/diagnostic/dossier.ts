// The Diagnostic dossier (seed 000) as a plain class: each action has a check (an Update validator: refuses with
// a reason, changes nothing) and an apply (changes the state, records the timeline). No I/O and no Temporal
// timers here: the workflow wires it to handlers and does the waiting, the pool and the emails.
import { dateParis } from '../../domain/calendar';
import { dateCivileFr, dateHeureFr, dureeFr, joursFr } from '../../domain/format';
import { NATURES_TRAVAIL } from '../../domain/reporting';
import { jour as jourDe } from '../shared/reporting';
import {
  ACCOMPAGNEMENTS_PROPOSABLES,
  DIAGNOSTIC_HEURES_MOIS,
  DIAGNOSTIC_SEMAINES,
  diagnosticRecevabilite,
  JOURNEE_SUR_SITE_MINUTES,
  MISE_EN_COMMUN_MAX_MINUTES,
  refusDiagnostiqueur,
  roleDiagnosticDe,
  ROLES_DIAGNOSTIC,
  type AccompagnementPropose,
  type RoleDiagnostic,
} from '../../domain/diagnostic';
import { refusChoixSuite } from '../../domain/suite-diagnostic';
import { resumeBinome, type PropositionBinome } from '../../domain/matching';
import { REGIONS } from '../../domain/regions';
import type { Intervenant } from '../../domain/schemas';
import type { BesoinDossier } from '../../domain/vivier';
import { checkChoix, etatVivierInitial, PRIORITE_PAR_DEFAUT, libelleChoix } from '../shared/designation';
import { reponseInvitation } from '../shared/agenda';
import type { Par } from '../shared/state';
import { DEJA_ACCEPTEE, DossierBase, etatInitial } from '../shared/dossier-base';
import { refuse } from '../shared/refusal';
import { ETAPES_JOURNEES, NOMS_ETAPES } from './etapes';
import { CLES_RENDEZVOUS, EVENEMENTS, nomRole, participantsRendezvous, refusHorsBinome } from './regles';
import type * as M from './messages';
import {
  ETAPES_FINALES_DIAGNOSTIC,
  EVENEMENTS_DIAGNOSTIC,
  type Precision,
  type DiagnosticInput,
  type DiagnosticState,
  type EtapeDiagnostic,
  type EvenementDiagnostic,
  type NatureJourneeDiagnostic,
} from './state';

/** Each kind of day, from the step its work starts at. */
const NATURES_JOURNEE: Record<NatureJourneeDiagnostic, { depuis: EtapeDiagnostic }> = {
  analyse_individuelle: { depuis: 'analyses_individuelles' },
  mise_en_commun: { depuis: 'mise_en_commun' },
  journee_sur_site: { depuis: 'journee_sur_site' },
  rapport: { depuis: 'rapports_individuels' },
};

export class DiagnosticDossier extends DossierBase<EtapeDiagnostic, DiagnosticState> {
  readonly state: DiagnosticState;
  protected readonly nomsEtapes = NOMS_ETAPES;
  protected readonly etapesFinales = ETAPES_FINALES_DIAGNOSTIC;
  protected readonly etapesDeclinables = ['qualification'] as const;

  constructor(input: DiagnosticInput, now: string) {
    super();
    this.state = {
      ...etatInitial(input, 'diagnostic', 'qualification', now),
      vivier: {
        diagnostiqueur_consultant: etatVivierInitial('diagnostiqueur_consultant'),
        diagnostiqueur_directeur: etatVivierInitial('diagnostiqueur_directeur'),
      },
      binomesProposes: [],
      binome: {},
      analyses: {},
      rapports: {},
      precisions: [],
      retoursMl: [],
    };
    const qui = input.demande.demandeur === 'presidence' ? 'présidence' : 'direction';
    this.demandeDeposee(now, input.demande.missionLocale, `Demande de diagnostic déposée par la ${qui}`);
  }

  // --- Intake and qualification -------------------------------------------------------------------------
  /** seed 000 sets no eligibility rule beyond the demand's shape (domain/diagnostic.ts). */
  protected jugerDemande() {
    return diagnosticRecevabilite(this.state.demande);
  }

  checkAccept(i: M.AcceptDiagnosticInput): void {
    this.refuserSiDejaFait(['qualification'], 'Demande acceptée', DEJA_ACCEPTEE);
    this.requireEtape(['qualification'], 'Accepter la demande');
    if (!i.interlocutrice && !this.state.interlocutrice)
      refuse("Désignez l'interlocutrice UNML du dossier (champ interlocutrice) : elle forme un trio avec le binôme.");
    if (i.priorite !== undefined && (!Number.isInteger(i.priorite) || i.priorite < 1)) refuse('La priorité est un entier à partir de 1 (1 = la plus haute).');
  }
  accept(i: M.AcceptDiagnosticInput, now: string): void {
    if (i.interlocutrice) this.state.interlocutrice = i.interlocutrice;
    this.state.priorite = i.priorite ?? PRIORITE_PAR_DEFAUT;
    this.moveTo('designation_binome');
    this.record(now, 'unml', 'Demande acceptée', `Interlocutrice : ${this.state.interlocutrice!.nom}`, i);
  }

  // --- The binôme, through the pool ---------------------------------------------------------------------
  /** What the dossier asks of the pool for `role`: null unless that diagnostiqueur is still to designate. */
  /** The pool corrected a diagnostiqueur's record (workflows/shared/coordonnees.ts). */
  remplacerIntervenant(nouveau: Intervenant): Intervenant | undefined {
    const d = ROLES_DIAGNOSTIC.map((r) => this.state.binome[r]).find((x) => x?.intervenant.id === nouveau.id);
    if (!d) return undefined;
    const ancien = d.intervenant;
    d.intervenant = nouveau;
    return ancien;
  }

  besoinVivier(role: RoleDiagnostic, now: string): BesoinDossier | null {
    if (this.etape !== 'designation_binome' || this.state.binome[role]) return null;
    const fin = new Date(Date.parse(now) + DIAGNOSTIC_SEMAINES * 7 * 86_400_000).toISOString();
    return {
      dossierId: this.state.dossierId,
      dispositif: 'diagnostic',
      role,
      missionLocale: this.state.demande.missionLocale,
      sujets: [...this.state.demande.sujets],
      periode: { debut: dateParis(now), fin: dateParis(fin) },
      heuresMois: DIAGNOSTIC_HEURES_MOIS,
      dejaSollicites: this.state.vivier[role].sollicites.map((s) => ({ intervenantId: s.intervenantId, motif: `A déjà décliné ce diagnostic : ${s.motif}` })),
    };
  }

  /** The first role still to fill (the waiting list asks without a role). */
  premierBesoin(now: string): BesoinDossier | null {
    for (const role of ROLES_DIAGNOSTIC) {
      const b = this.besoinVivier(role, now);
      if (b) return b;
    }
    return null;
  }

  /** The pool's best binômes: each role's propositions are its members, best first. */
  proposerBinomes(binomes: PropositionBinome[], now: string): void {
    this.state.binomesProposes = binomes;
    const uniques = <T extends { intervenantId: string }>(xs: T[]) => xs.filter((x, k) => xs.findIndex((y) => y.intervenantId === x.intervenantId) === k);
    this.state.vivier.diagnostiqueur_consultant.propositions = uniques(binomes.map((b) => b.consultant));
    this.state.vivier.diagnostiqueur_directeur.propositions = uniques(binomes.map((b) => b.directeur));
    for (const role of ROLES_DIAGNOSTIC) delete this.state.vivier[role].attente;
    this.record(now, 'systeme', 'Binômes proposés par le vivier', binomes.map(resumeBinome).join(' ; '));
  }

  /** The role a designation fills: the one given, else the one of the intervenant's kind. */
  roleDe(i: M.DesignateDiagnostiqueurInput): RoleDiagnostic {
    const role = i.role ?? roleDiagnosticDe(i.intervenant.type);
    if (!role)
      refuse(
        `${i.intervenant.nom} ne peut pas être diagnostiqueur·se : le binôme réunit un·e consultant·e de cabinet et un·e directeur·rice de Mission Locale.`,
      );
    return role;
  }

  checkDesignate(i: M.DesignateDiagnostiqueurInput): RoleDiagnostic {
    this.requireEtape(['designation_binome'], 'Désigner un·e diagnostiqueur·se');
    const role = this.roleDe(i);
    const deja = this.state.binome[role];
    if (deja) refuse(`Le rôle « ${nomRole(role)} » est déjà pourvu par ${deja.intervenant.nom} : il ne se libère que s'il ou elle décline.`);
    const refus = refusDiagnostiqueur(i.intervenant, role, this.state.demande.missionLocale.region);
    if (refus) refuse(refus);
    const decline = this.state.vivier[role].sollicites.find((s) => s.intervenantId === i.intervenant.id);
    if (decline) refuse(`${i.intervenant.nom} a déjà décliné ce diagnostic (${decline.motif}) : désignez quelqu'un d'autre.`);
    checkChoix(i.choix);
    return role;
  }
  designate(i: M.DesignateDiagnostiqueurInput, role: RoleDiagnostic, now: string): void {
    this.state.binome[role] = { intervenant: i.intervenant, choix: this.state.vivier[role].choix ?? i.choix ?? { source: 'manuel' }, designeLe: now };
    const choix = libelleChoix(i.choix);
    this.record(now, 'unml', `${nomRole(role)} désigné·e, en attente de son acceptation`, `${i.intervenant.nom} (${REGIONS[i.intervenant.region]})${choix}`, i);
  }

  private roleRepondant(i: M.RespondDiagnostiqueurInput): RoleDiagnostic {
    const role = i.role ?? ROLES_DIAGNOSTIC.find((r) => this.state.binome[r]?.intervenant.id === i.intervenantId);
    if (!role) refuse("Précisez le rôle (champ role) ou l'identifiant (intervenantId) du ou de la diagnostiqueur·se qui répond.");
    return role;
  }

  checkRespond(i: M.RespondDiagnostiqueurInput): void {
    this.requireEtape(['designation_binome'], 'Répondre à la proposition de diagnostic');
    const role = this.roleRepondant(i);
    const d = this.state.binome[role];
    if (!d) refuse(`Aucun·e ${nomRole(role).toLowerCase()} n'est désigné·e pour ce diagnostic.`);
    if (i.intervenantId !== undefined && i.intervenantId !== d.intervenant.id)
      refuse(`Seul·e ${d.intervenant.nom}, désigné·e comme ${nomRole(role).toLowerCase()}, peut répondre pour ce rôle.`);
    if (d.accepteLe) refuse(`${d.intervenant.nom} a déjà accepté ce diagnostic.`);
    if (!i.accepte) this.requireText(i.motif, "Indiquez pourquoi vous déclinez (champ motif) : l'UNML en tient compte pour proposer quelqu'un d'autre.");
  }
  /** Accepted: once both have, on to the analyses. Declined: the role is free again; returns who declined and their role. */
  respond(i: M.RespondDiagnostiqueurInput, now: string): { role: RoleDiagnostic; intervenant: Intervenant; accepte: boolean } {
    const role = this.roleRepondant(i);
    const d = this.state.binome[role]!;
    if (i.accepte) {
      d.accepteLe = now;
      this.record(now, 'intervenant', `Diagnostic accepté (${nomRole(role).toLowerCase()})`, d.intervenant.nom, i);
      if (this.binomeConstitue) {
        this.moveTo('analyses_individuelles');
        this.record(now, 'systeme', 'Binôme constitué : analyses individuelles du dossier');
      }
      return { role, intervenant: d.intervenant, accepte: true };
    }
    delete this.state.binome[role];
    this.record(now, 'intervenant', `Diagnostic décliné (${nomRole(role).toLowerCase()})`, `${d.intervenant.nom} : ${i.motif!}`, i);
    return { role, intervenant: d.intervenant, accepte: false };
  }

  get binomeConstitue(): boolean {
    return ROLES_DIAGNOSTIC.every((r) => !!this.state.binome[r]?.accepteLe);
  }

  // --- Analyses and pooling -----------------------------------------------------------------------------
  checkAnalyse(i: M.SubmitAnalyseInput): void {
    this.requireEtape(['analyses_individuelles'], 'Déposer son analyse individuelle');
    this.requireRole(i.role);
    this.requireDiagnostiqueur(i, 'L’analyse individuelle');
    if (this.state.analyses[i.role]) refuse(`L'analyse du ou de la ${nomRole(i.role).toLowerCase()} est déjà déposée.`);
    this.requireText(i.synthese, "La synthèse de l'analyse est obligatoire.");
  }
  submitAnalyse(i: M.SubmitAnalyseInput, now: string): void {
    this.state.analyses[i.role] = { synthese: i.synthese, le: now, ...(i.par ? { par: i.par } : {}) };
    this.record(now, 'intervenant', `Analyse individuelle déposée (${nomRole(i.role).toLowerCase()})`, undefined, i);
    if (ROLES_DIAGNOSTIC.every((r) => this.state.analyses[r])) this.moveTo('mise_en_commun');
  }

  checkPlanEvenement(i: M.PlanEvenementInput, now: string): void {
    if (!EVENEMENTS_DIAGNOSTIC.includes(i.evenement)) refuse(`Rendez-vous inconnu : ${i.evenement} (attendu : ${EVENEMENTS_DIAGNOSTIC.join(', ')}).`);
    const e = EVENEMENTS[i.evenement];
    this.requireEtape(e.etapes, `Planifier ${e.nom.toLowerCase()}`);
    this.requireFuture(i.debut, now, e.nom);
    const duree = this.dureeDe(i);
    if (!Number.isInteger(duree) || duree <= 0) refuse('La durée est un nombre entier de minutes.');
    if (i.evenement === 'mise_en_commun' && duree > MISE_EN_COMMUN_MAX_MINUTES)
      refuse(`La mise en commun des analyses dure au plus ${dureeFr(MISE_EN_COMMUN_MAX_MINUTES)} (${MISE_EN_COMMUN_MAX_MINUTES} minutes).`);
    if (i.evenement === 'journee_sur_site' && !this.state.programme?.validation?.accepte)
      refuse('Convenez d’abord avec la direction des personnes à rencontrer (programme des rencontres).');
    if (i.evenement === 'revue_finale' && this.state.retoursMl.length === 0)
      refuse('La Mission Locale a son mot à dire sur le rapport : attendez son retour avant la revue finale.');
    // One person is not in two of the dossier's meetings at once (the same meeting moved is not its own conflict).
    this.requireCreneauLibre(i.evenement, e.nom, i.debut, duree, participantsRendezvous(this.state, i.evenement));
  }
  dureeDe(i: M.PlanEvenementInput): number {
    return (
      i.dureeMinutes ?? (i.evenement === 'journee_sur_site' ? JOURNEE_SUR_SITE_MINUTES : i.evenement === 'mise_en_commun' ? MISE_EN_COMMUN_MAX_MINUTES : 120)
    );
  }
  /** Returns true when the meeting was already planned (its invitation is then an update). */
  planEvenement(i: M.PlanEvenementInput, now: string): boolean {
    const cle = CLES_RENDEZVOUS[i.evenement];
    const deja = !!this.state[cle];
    this.state[cle] = { debut: i.debut, dureeMinutes: this.dureeDe(i), ...(i.lien ? { lien: i.lien } : {}) };
    // A (re)scheduled meeting asks its participants again.
    if (this.state.reponsesRendezvous) delete this.state.reponsesRendezvous[i.evenement];
    if (i.evenement === 'revue_finale') this.moveTo('revue_finale');
    this.state.prochaineEcheance = { quoi: EVENEMENTS[i.evenement].nom, le: i.debut };
    this.record(
      now,
      'unml',
      `${EVENEMENTS[i.evenement].nom} ${deja ? 'replanifiée' : 'planifiée'}`,
      `${dateHeureFr(i.debut)} (${dureeFr(this.dureeDe(i))})`,
      i,
    );
    return deja;
  }

  checkRespondRendezvous(i: M.RespondRendezvousInput, now: string): void {
    if (!EVENEMENTS_DIAGNOSTIC.includes(i.evenement)) refuse(`Rendez-vous inconnu : ${i.evenement} (attendu : ${EVENEMENTS_DIAGNOSTIC.join(', ')}).`);
    const nom = EVENEMENTS[i.evenement].nom;
    const r = this.state[CLES_RENDEZVOUS[i.evenement]];
    if (!r || this.state.agenda[i.evenement]?.annule) refuse(`${nom} n'est pas (ou plus) planifiée.`);
    if (r.tenu) refuse(`${nom} a déjà eu lieu.`);
    if (Date.parse(r.debut) <= Date.parse(now)) refuse(`${nom} a commencé le ${dateHeureFr(r.debut)} : il n’est plus possible de répondre à son invitation.`);
    if (!this.inviteRendezvous(i.evenement, i.email ?? ''))
      refuse("Vous n'êtes pas invité(e) à ce rendez-vous : seules les personnes qui ont reçu son invitation peuvent y répondre.");
    if (!i.confirme) {
      if (!i.proposition) refuse('Proposez une autre date et heure (champ proposition) pour ce rendez-vous.');
      this.requireFuture(i.proposition, now, 'La date proposée');
    }
  }
  /** Records the answer of the person (replacing their previous one); returns their name. */
  respondRendezvous(i: M.RespondRendezvousInput, now: string): string {
    const qui = this.inviteRendezvous(i.evenement, i.email)!;
    const entree = this.state.agenda[i.evenement]!;
    const reponses = ((this.state.reponsesRendezvous ??= {})[i.evenement] ??= {});
    const { reponse, details } = reponseInvitation(i, entree.debut, now, entree.sequence);
    reponses[i.email.trim().toLowerCase()] = { nom: qui.nom, ...reponse };
    const nom = EVENEMENTS[i.evenement].nom.toLowerCase();
    this.record(now, this.roleInvite(qui.email), i.confirme ? `Présence confirmée à ${nom}` : `Autre créneau proposé pour ${nom}`, details, {
      ...i,
      par: i.par ?? qui.nom,
    });
    return qui.nom;
  }
  /** The person the meeting's invitation went to with this email, if any. */
  private inviteRendezvous(evenement: EvenementDiagnostic, email: string): { nom: string; email: string } | undefined {
    const e = email.trim().toLowerCase();
    return this.state.agenda[evenement]?.participants.find((p) => p.email.trim().toLowerCase() === e);
  }
  private roleInvite(email: string): 'intervenant' | 'ml' | 'unml' {
    const e = email.trim().toLowerCase();
    if (ROLES_DIAGNOSTIC.some((r) => this.state.binome[r]?.intervenant.email.trim().toLowerCase() === e)) return 'intervenant';
    const { direction, presidence } = this.state.demande;
    return [direction.email, presidence.email].some((m) => m.trim().toLowerCase() === e) ? 'ml' : 'unml';
  }

  checkRecordMiseEnCommun(i: M.RecordMiseEnCommunInput, now: string): void {
    this.requireEtape(['mise_en_commun'], 'Enregistrer la mise en commun des analyses');
    this.requireText(i.compteRendu, 'Résumez ce que le binôme retient de la mise en commun (champ compteRendu).');
    const m = this.state.miseEnCommun;
    if (m && !this.state.agenda.mise_en_commun?.annule) this.requireCommencee(EVENEMENTS.mise_en_commun.nom, m.debut, now);
  }
  recordMiseEnCommun(i: M.RecordMiseEnCommunInput, now: string): void {
    this.state.miseEnCommun = { ...(this.state.miseEnCommun ?? { debut: now, dureeMinutes: 0 }), tenu: true, compteRendu: i.compteRendu };
    this.moveTo('programme_rencontres');
    this.record(now, 'intervenant', 'Analyses mises en commun', i.compteRendu, i);
  }

  // --- Programme of meetings, the day on site, the debrief ----------------------------------------------
  checkProposeProgramme(i: M.ProposeProgrammeInput): void {
    this.requireEtape(['programme_rencontres'], 'Proposer les personnes à rencontrer');
    if (!i.rencontres?.some((r) => r.trim())) refuse('Indiquez au moins une personne ou fonction à rencontrer (la direction et la présidence, en général).');
  }
  proposeProgramme(i: M.ProposeProgrammeInput, now: string): void {
    this.state.programme = { rencontres: i.rencontres.map((r) => r.trim()).filter(Boolean), proposeLe: now };
    this.record(now, 'intervenant', 'Programme des rencontres proposé à la direction', this.state.programme.rencontres.join(', '), i);
  }

  checkRespondProgramme(i: M.RespondProgrammeInput): void {
    this.requireEtape(['programme_rencontres'], 'Répondre au programme des rencontres');
    if (!this.state.programme) refuse("Le binôme n'a pas encore proposé de programme de rencontres.");
    if (!i.accepte) this.requireText(i.commentaire, 'Dites ce que vous souhaitez changer au programme (champ commentaire).');
  }
  respondProgramme(i: M.RespondProgrammeInput, now: string): void {
    this.state.programme!.validation = {
      accepte: i.accepte,
      ...(i.commentaire ? { commentaire: i.commentaire } : {}),
      le: now,
      ...(i.par ? { par: i.par } : {}),
    };
    if (i.accepte) this.moveTo('journee_sur_site');
    this.record(now, 'ml', i.accepte ? 'Programme des rencontres convenu avec la direction' : 'Programme des rencontres à revoir', i.commentaire, i);
  }

  checkRecordJournee(_i: M.RecordJourneeInput, now: string): void {
    this.requireEtape(['journee_sur_site'], 'Enregistrer la journée sur site');
    const j = this.state.journeeSurSite;
    if (!j) refuse("Planifiez d'abord la journée sur site.");
    this.requireCommencee(EVENEMENTS.journee_sur_site.nom, j.debut, now);
  }
  recordJournee(i: M.RecordJourneeInput, now: string): void {
    this.state.journeeSurSite = { ...this.state.journeeSurSite!, tenu: true, ...(i.compteRendu ? { compteRendu: i.compteRendu } : {}) };
    this.moveTo('debriefing');
    this.record(now, 'intervenant', 'Journée sur site tenue', i.compteRendu, i);
  }

  checkDebriefing(i: M.RecordDebriefingInput, now: string): void {
    this.requireEtape(['debriefing'], 'Enregistrer le débriefing');
    // seed 000: the debrief follows the day on site; it is recorded once the day is over.
    const j = this.state.journeeSurSite;
    if (j) this.requireReunionsTenues('Enregistrer le débriefing', [{ quoi: 'la journée sur site', debut: j.debut, dureeMinutes: j.dureeMinutes }], now);
    if (!i.pistes?.some((p) => p.trim())) refuse('Le débriefing identifie les premières pistes de travail : au moins une.');
  }
  recordDebriefing(i: M.RecordDebriefingInput, now: string): void {
    this.state.debriefing = { pistes: i.pistes.map((p) => p.trim()).filter(Boolean), le: now, ...(i.par ? { par: i.par } : {}) };
    this.moveTo('rapports_individuels');
    this.record(now, 'unml', 'Débriefing avec l’UNML : premières pistes', this.state.debriefing.pistes.join(' ; '), i);
  }

  // --- Reports ------------------------------------------------------------------------------------------
  checkRapportIndividuel(i: M.SubmitRapportIndividuelInput): void {
    this.requireEtape(['rapports_individuels'], 'Déposer son rapport normé');
    this.requireRole(i.role);
    this.requireDiagnostiqueur(i, 'Le rapport normé');
    if (this.state.rapports[i.role]) refuse(`Le rapport du ou de la ${nomRole(i.role).toLowerCase()} est déjà déposé.`);
    if (!i.forces?.trim() || !i.faiblesses?.trim() || !i.preconisations?.length)
      refuse('Le rapport normé renseigne les forces, les faiblesses et au moins une préconisation.');
  }
  submitRapportIndividuel(i: M.SubmitRapportIndividuelInput, now: string): void {
    this.state.rapports[i.role] = { forces: i.forces, faiblesses: i.faiblesses, preconisations: i.preconisations, le: now, ...(i.par ? { par: i.par } : {}) };
    this.record(now, 'intervenant', `Rapport normé déposé (${nomRole(i.role).toLowerCase()})`, undefined, i);
    if (ROLES_DIAGNOSTIC.every((r) => this.state.rapports[r])) this.moveTo('rapport_croise');
  }

  // seed 000: "they cross their analyses and reconcile differences; they may ask the ML for details".
  checkAskPrecisions(i: M.AskPrecisionsInput): void {
    this.requireEtape(['rapports_individuels', 'rapport_croise'], 'Demander des précisions à la Mission Locale');
    this.requireText(i.question, 'Posez la question à la Mission Locale (champ question).');
  }
  /** Returns the question, numbered. */
  askPrecisions(i: M.AskPrecisionsInput, now: string): Precision {
    const p: Precision = { numero: this.state.precisions.length + 1, question: i.question, le: now, ...(i.par ? { par: i.par } : {}) };
    this.state.precisions.push(p);
    this.record(now, 'intervenant', `Précisions demandées à la Mission Locale (question ${p.numero})`, i.question, i);
    return p;
  }
  checkAnswerPrecisions(i: M.AnswerPrecisionsInput): void {
    this.requireNotEnded('Apporter des précisions');
    const p = this.state.precisions.find((x) => x.numero === i.numero);
    if (!p) refuse(`Aucune question n° ${i.numero} du binôme dans ce dossier.`);
    if (p.reponse) refuse(`La question n° ${i.numero} a déjà reçu une réponse, le ${dateHeureFr(p.reponse.le)}.`);
    this.requireText(i.reponse, 'Écrivez votre réponse (champ reponse).');
  }
  answerPrecisions(i: M.AnswerPrecisionsInput, now: string): Precision {
    const p = this.state.precisions.find((x) => x.numero === i.numero)!;
    p.reponse = { texte: i.reponse, le: now, ...(i.par ? { par: i.par } : {}) };
    this.record(now, 'ml', `Précisions apportées par la Mission Locale (question ${p.numero})`, i.reponse, i);
    return p;
  }

  checkRapportCroise(i: M.SubmitRapportCroiseInput): void {
    this.requireEtape(['rapport_croise'], 'Déposer le rapport croisé');
    this.requireText(i.constats, 'Le rapport croisé présente les constats du binôme.');
    if (!i.preconisations?.length) refuse('Le rapport croisé comporte au moins une préconisation.');
  }
  submitRapportCroise(i: M.SubmitRapportCroiseInput, now: string): void {
    this.state.rapportCroise = {
      constats: i.constats,
      preconisations: i.preconisations,
      ...(i.divergences ? { divergences: i.divergences } : {}),
      version: 1,
      le: now,
      modifications: [],
    };
    this.moveTo('retour_ml');
    this.record(
      now,
      'intervenant',
      'Rapport croisé déposé, soumis à la Mission Locale',
      i.divergences ? `Divergences éclaircies : ${i.divergences}` : undefined,
      i,
    );
  }

  checkComment(i: M.CommentRapportInput): void {
    this.requireEtape(['retour_ml'], 'Commenter le rapport de diagnostic');
    this.requireText(i.commentaire, 'Le commentaire est vide.');
  }
  comment(i: M.CommentRapportInput, now: string): void {
    this.state.retoursMl.push({ commentaire: i.commentaire, le: now, version: this.state.rapportCroise!.version, ...(i.par ? { par: i.par } : {}) });
    this.record(now, 'ml', 'Retour de la Mission Locale sur le rapport', i.commentaire, i);
  }

  checkAmend(i: M.AmendRapportInput): void {
    this.requireEtape(['retour_ml'], 'Modifier le rapport de diagnostic');
    if (!i.constats?.trim() && !i.preconisations?.length) refuse('Indiquez les constats ou les préconisations modifiés.');
    this.requireText(i.motif, 'Indiquez le motif de la modification (par exemple, la précision apportée par la Mission Locale).');
  }
  amend(i: M.AmendRapportInput, now: string): void {
    const r = this.state.rapportCroise!;
    if (i.constats?.trim()) r.constats = i.constats;
    if (i.preconisations?.length) r.preconisations = i.preconisations;
    r.version += 1;
    r.modifications.push({ motif: i.motif, le: now, ...(i.par ? { par: i.par } : {}) });
    this.record(now, 'intervenant', `Rapport modifié (version ${r.version})`, i.motif, i);
  }

  // --- Final review, closure, abandon -------------------------------------------------------------------
  checkConclude(i: M.ConcludeDiagnosticInput, now: string): void {
    this.requireEtape(['revue_finale'], 'Conclure le diagnostic');
    this.requireText(i.conclusions, 'Les conclusions de la revue finale sont obligatoires.');
    if (i.accompagnement !== undefined && !(i.accompagnement in ACCOMPAGNEMENTS_PROPOSABLES))
      refuse(`Accompagnement inconnu : ${String(i.accompagnement)} (attendu : ${Object.keys(ACCOMPAGNEMENTS_PROPOSABLES).join(', ')}).`);
    if (i.accompagnement === undefined)
      this.requireText(i.motif, "Sans accompagnement proposé, dites pourquoi (champ motif) : l'appui-conseil n'est pas toujours nécessaire.");
    // Closure waits for what it closes: the diagnostic is concluded at its final review, once it has begun.
    const r = this.state.revueFinale;
    if (!r) refuse('Planifiez d’abord la revue finale avec l’UNML : le diagnostic se conclut lors de cette revue.');
    this.requireCommencee(EVENEMENTS.revue_finale.nom, r.debut, now);
  }
  conclude(i: M.ConcludeDiagnosticInput, now: string): void {
    this.state.conclusion = {
      conclusions: i.conclusions,
      ...(i.accompagnement ? { accompagnement: i.accompagnement } : {}),
      ...(i.motif ? { motif: i.motif } : {}),
      le: now,
    };
    if (this.state.revueFinale) this.state.revueFinale.tenu = true;
    this.end(
      'cloture',
      i.accompagnement
        ? `Diagnostic mené à son terme ; accompagnement proposé : ${ACCOMPAGNEMENTS_PROPOSABLES[i.accompagnement]}`
        : 'Diagnostic mené à son terme, sans accompagnement',
      now,
    );
    this.record(
      now,
      'unml',
      'Revue finale faite, dossier clôturé',
      i.accompagnement ? `Accompagnement proposé : ${ACCOMPAGNEMENTS_PROPOSABLES[i.accompagnement]}` : `Pas d'accompagnement : ${i.motif!}`,
      i,
    );
  }

  // --- What the diagnostic led to (issue #14) ------------------------------------------------------------
  /** The proposed accompaniment is put to the direction, who answers from its link until `jusquAu`. */
  proposerSuite(dispositif: AccompagnementPropose, jusquAu: string, now: string): void {
    this.state.suite = { dispositif, proposeeLe: now, jusquAu };
  }
  checkRepondreSuite(i: M.RepondreSuiteInput, now: string): void {
    const s = this.state.suite;
    if (!s) refuse('Aucun accompagnement n’a été proposé à la Mission Locale à l’issue de ce diagnostic.');
    if (s.reponse) refuse(`La direction a déjà ${s.reponse.accepte ? 'accepté' : 'décliné'} l’accompagnement proposé.`);
    if (s.expireeLe || Date.parse(now) > Date.parse(s.jusquAu))
      refuse(`La proposition d’accompagnement n’est plus ouverte depuis le ${dateHeureFr(s.jusquAu)} : contactez votre interlocutrice UNML.`);
    if (typeof i.accepte !== 'boolean') refuse('Dites si la direction accepte ou décline l’accompagnement proposé (champ accepte).');
    if (i.accepte) {
      const r = refusChoixSuite(s.dispositif, i.casMobilisation, i.sujets);
      if (r) refuse(r);
    }
  }
  repondreSuite(i: M.RepondreSuiteInput, now: string): void {
    const s = this.state.suite!;
    const motif = i.motif?.trim();
    s.reponse = { accepte: i.accepte, ...(motif ? { motif } : {}), le: now, ...(i.par ? { par: i.par } : {}) };
    const nom = ACCOMPAGNEMENTS_PROPOSABLES[s.dispositif];
    this.record(now, 'ml', i.accepte ? `Accompagnement proposé accepté : ${nom}` : `Accompagnement proposé décliné : ${nom}`, motif, i);
  }
  /** The accepted proposal's dossier is started: this diagnostic led to it. */
  suiteDemarree(dossierId: string, now: string): void {
    this.state.aConduitA = dossierId;
    this.record(now, 'systeme', `A conduit au dossier ${dossierId}`, `${ACCOMPAGNEMENTS_PROPOSABLES[this.state.suite!.dispositif]} issu de ce diagnostic`);
  }
  /** Accepted, but the demand it made is not receivable (its dispositif's rules): nothing started, why recorded. */
  suiteNonRecevable(motifs: string[], now: string): void {
    this.state.suite!.nonRecevable = motifs;
    this.record(now, 'systeme', 'Demande d’accompagnement non recevable', motifs.join(' '));
  }
  /** Nobody answered in time: the proposal lapses (the ML may still ask from the public form). */
  suiteExpiree(now: string): void {
    this.state.suite!.expireeLe = now;
    this.record(now, 'systeme', 'Proposition d’accompagnement sans réponse', `Délai de réponse dépassé (${dateHeureFr(this.state.suite!.jusquAu)})`);
  }

  // --- Evaluation questionnaires after the closure (issue #14) -------------------------------------------
  envoyerQuestionnaires(jusquAu: string): void {
    this.state.evaluationDateLimite = jusquAu;
    this.state.evaluations = [];
  }
  checkEvaluation(i: M.EvaluationDiagnosticInput, now: string): void {
    const limite = this.state.evaluationDateLimite;
    if (!limite) refuse('Le questionnaire d’évaluation n’a pas été envoyé pour ce dossier.');
    if (Date.parse(now) > Date.parse(limite)) refuse(`Le questionnaire est clos depuis le ${dateHeureFr(limite)} : les réponses ne sont plus reçues.`);
    this.requireText(i.nom, 'Indiquez qui répond au questionnaire.');
    if (!i.reponses || Object.keys(i.reponses).length === 0) refuse('Répondez à au moins une question.');
    if ((this.state.evaluations ?? []).some((e) => e.repondant === i.repondant && (i.repondant === 'ml' || e.nom === i.nom)))
      refuse(`${i.nom} a déjà répondu au questionnaire.`);
  }
  submitEvaluation(i: M.EvaluationDiagnosticInput, now: string): void {
    (this.state.evaluations ??= []).push({ repondant: i.repondant, nom: i.nom, reponses: i.reponses, le: now });
    this.record(now, i.repondant, "Questionnaire d'évaluation rempli", i.nom, i);
  }
  /** Every questionnaire sent is answered: the ML's and each diagnostiqueur's. */
  get evaluationsCompletes(): boolean {
    const e = this.state.evaluations ?? [];
    const binome = ROLES_DIAGNOSTIC.flatMap((r) => (this.state.binome[r] ? [this.state.binome[r].intervenant.nom] : []));
    return e.some((x) => x.repondant === 'ml') && binome.every((nom) => e.some((x) => x.repondant === 'intervenant' && x.nom === nom));
  }

  // --- The days each diagnostiqueur spends (issue #14: the network's figures) ---------------------------------
  checkLogJournee(i: M.LogJourneeDiagnostiqueurInput, now: string): void {
    const action = 'Enregistrer une journée de diagnostic';
    this.requireNotEnded(action);
    const nature = Object.hasOwn(NATURES_JOURNEE, i.nature) ? NATURES_JOURNEE[i.nature] : undefined;
    if (!nature) refuse(`Nature de journée inconnue : ${String(i.nature)} (attendu : ${Object.keys(NATURES_JOURNEE).join(', ')}).`);
    // A day is logged for work the diagnostic has reached: from its step until the final review.
    const rang = (e: EtapeDiagnostic) => ETAPES_JOURNEES.indexOf(e);
    if (rang(this.etape) < 0)
      refuse(`${action} n'est possible que du début des analyses individuelles jusqu'à la revue finale : le dossier est à l'étape « ${this.nomEtape} ».`);
    if (rang(this.etape) < rang(nature.depuis))
      refuse(
        `Une journée de « ${NATURES_TRAVAIL[i.nature].toLowerCase()} » s'enregistre à partir de l'étape « ${NOMS_ETAPES[nature.depuis]} » : ` +
          `le dossier est à l'étape « ${this.nomEtape} ».`,
      );
    this.requireRole(i.role);
    this.requireDiagnostiqueur(i, 'Une journée de diagnostic');
    if (i.demiJournees !== 1 && i.demiJournees !== 2) refuse('Une journée se compte en demi-journée (1) ou en journée entière (2).');
    this.requireDateDansDossier('La journée de diagnostic', i.date, now);
  }
  logJournee(i: M.LogJourneeDiagnostiqueurInput, now: string): void {
    const journees = (this.state.journees ??= []);
    const intervenant = this.state.binome[i.role]!.intervenant;
    journees.push({
      numero: journees.length + 1,
      role: i.role,
      intervenantId: intervenant.id,
      nature: i.nature,
      date: i.date,
      demiJournees: i.demiJournees,
      le: now,
      ...(i.par ? { par: i.par } : {}),
    });
    this.record(
      now,
      'intervenant',
      `Journée de diagnostic enregistrée (${nomRole(i.role).toLowerCase()})`,
      `${NATURES_TRAVAIL[i.nature]} : ${joursFr(i.demiJournees / 2)}, le ${dateCivileFr(jourDe(i.date))}`,
      i,
    );
  }

  /** A date in the future, written as people read it (issue #17 §3: a refusal that names a date gives the time). */
  protected override requireFuture(iso: string, now: string, what: string): void {
    if (Date.parse(iso) > Date.parse(now)) return;
    refuse(`${what} doit être dans le futur (reçu : ${Number.isNaN(Date.parse(iso)) ? iso : dateHeureFr(iso)}).`);
  }

  /** An analysis or a rapport normé comes from the binôme (regles.ts refusHorsBinome). */
  private requireDiagnostiqueur(i: Par & { role: RoleDiagnostic }, quoi: string): void {
    const r = refusHorsBinome(this.state, i, quoi);
    if (r) refuse(r);
  }

  private requireRole(role: RoleDiagnostic): void {
    if (!ROLES_DIAGNOSTIC.includes(role)) refuse(`Rôle inconnu : ${String(role)} (attendu : ${ROLES_DIAGNOSTIC.join(', ')}).`);
  }
}
