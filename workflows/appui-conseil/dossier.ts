// The Appui Conseil dossier (seed 001) as a plain class: a check per action (Update validator, refuses with
// a reason and changes nothing) and an apply (changes the state, records the timeline). No I/O, no timers.
import { appuiConseilRecevabilite, refusMembreReseau } from '../../domain/appui-conseil';
import { REGIONS } from '../../domain/regions';
import { dateParis } from '../../domain/calendar';
import { dateHeureFr, delaiFr } from '../../domain/format';
import { expertisesDesSujets, type BesoinDossier } from '../../domain/vivier';
import type { Intervenant } from '../../domain/schemas';
import { checkChoix, libelleChoix } from '../shared/designation';
import { reponseInvitation } from '../shared/agenda';
import { refuse } from '../shared/refusal';
import { etatInitial } from '../shared/dossier-base';
import { NOMS_ETAPES, TITRES_VISIO } from './etapes';
import { AVANT_MISE_EN_OEUVRE_FINIE, budgetInitial, MiseEnOeuvreAppuiConseil } from './mise-en-oeuvre';
import type * as M from './messages';
import {
  ETAPES_FINALES_APPUI,
  VISIOS_APPUI,
  VISIOS_BILAN_APPUI,
  type AppuiConseilInput,
  type AppuiConseilState,
  type EtapeAppui,
  type Jalon,
  type RoleInviteAppui,
  type Visio,
  type VisioAppui,
} from './state';

/** What a network member's support weighs in the pool: occasional (seed 001: "if mobilised"), over the mission. */
export const MEMBRE_RESEAU_HEURES_MOIS = 4;
const MEMBRE_RESEAU_MOIS = 6;
/** How long the evaluation questionnaires stay open when the dossier's input does not say (EVALUATION_ANSWER_DELAY). */
export const QUESTIONNAIRE_REPONSE_PAR_DEFAUT = 15 * 86_400_000;
const memeNom = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
type Destinataire = NonNullable<AppuiConseilState['questionnaires']>['destinataires'][number];

export class AppuiConseilDossier extends MiseEnOeuvreAppuiConseil {
  readonly state: AppuiConseilState;
  protected readonly nomsEtapes = NOMS_ETAPES;
  protected readonly etapesFinales = ETAPES_FINALES_APPUI;
  protected readonly etapesDeclinables = ['prise_de_contact', 'mobilisation'] as const;
  protected override readonly etapesAvecEcheance: readonly EtapeAppui[] = ['mise_en_oeuvre'];

  /** How long the evaluation questionnaires stay open (input's delais, 15 days in dossiers started before it). */
  private readonly delaiQuestionnaire: number;

  constructor(input: AppuiConseilInput, now: string) {
    super();
    this.delaiQuestionnaire = input.delais.questionnaireReponse ?? QUESTIONNAIRE_REPONSE_PAR_DEFAUT;
    this.state = {
      ...etatInitial(input, 'appui_conseil', 'prise_de_contact', now),
      membresReseau: [],
      membresAcceptes: [],
      ficheSuiviIntermediaire: { planAction: [], journees: [], deplacements: [], appels: [] },
      budget: budgetInitial(),
      visiosBilan: {},
      reponsesVisio: {},
      agenda: {},
      livrables: [],
      evaluations: [],
      timeline: [],
    };
    this.demandeDeposee(now, input.demande.missionLocale);
  }

  // --- Intake and prise de contact ----------------------------------------------------------------------
  /** seed 001 §3: the mobilisation cases and what the dispositif does not cover (domain/). */
  protected jugerDemande() {
    return appuiConseilRecevabilite(this.state.demande);
  }

  checkPriseDeContact(i: M.PriseDeContactInput): void {
    this.refuserSiDejaFait(['prise_de_contact'], 'Prise de contact : besoin précisé', 'La prise de contact est déjà enregistrée : cet envoi n’a rien changé.');
    this.requireEtape(['prise_de_contact'], 'Enregistrer la prise de contact');
    this.requireText(i.besoin, 'Précisez le besoin clarifié avec la Mission Locale.');
    if (!i.interlocutrice && !this.state.interlocutrice) refuse("Désignez l'interlocutrice UNML du dossier (champ interlocutrice).");
  }
  priseDeContact(i: M.PriseDeContactInput, now: string): void {
    if (i.interlocutrice) this.state.interlocutrice = i.interlocutrice;
    this.state.besoin = i.besoin;
    this.moveTo('mobilisation');
    this.record(now, 'unml', 'Prise de contact : besoin précisé', i.besoin, i);
  }

  // --- Mobilisation -------------------------------------------------------------------------------------
  checkMobiliseCabinet(): void {
    this.requireEtape(['mobilisation'], 'Mobiliser le cabinet');
  }
  mobiliseCabinet(i: M.MobiliseCabinetInput, now: string, dateLimiteActe: string): void {
    this.state.cabinet = i.cabinet;
    this.moveTo('acte_engagement');
    this.state.prochaineEcheance = { quoi: "Signature de l'acte d'engagement", le: dateLimiteActe };
    this.record(now, 'unml', 'Cabinet mobilisé', `${i.cabinet.nom} : ${i.cabinet.consultants.map((c) => c.nom).join(', ')}`, i);
  }

  /** `avecVivier`: the member is designated through the pool, which holds one network member per dossier. */
  checkAddMembre(i: M.AddMembreReseauInput, avecVivier = false): void {
    this.requireEtape(AVANT_MISE_EN_OEUVRE_FINIE, 'Mobiliser un membre du réseau');
    if (i.membre.type === 'consultant_cabinet')
      refuse('Un membre du réseau est un directeur ou une directrice de ML, ou un expert du réseau : un consultant se mobilise avec son cabinet.');
    const refus = refusMembreReseau(i.membre, this.state.demande.missionLocale.region);
    if (refus) refuse(refus);
    if (this.state.membresReseau.some((m) => m.id === i.membre.id)) refuse(`${i.membre.nom} est déjà mobilisé(e) sur ce dossier.`);
    if (avecVivier) {
      const deja = this.state.membresReseau[0];
      if (deja) refuse(`${deja.nom} tient déjà le rôle de membre du réseau de ce dossier dans le vivier : un seul membre du réseau y est réservé par dossier.`);
      checkChoix(i.choix);
    }
  }
  addMembre(i: M.AddMembreReseauInput, now: string): void {
    this.state.membresReseau.push(i.membre);
    const choix = libelleChoix(i.choix);
    this.record(now, 'unml', 'Membre du réseau mobilisé, en attente de son acceptation', `${i.membre.nom} (${REGIONS[i.membre.region]})${choix}`, i);
  }

  /** The pool corrected a mobilised network member's record (workflows/shared/coordonnees.ts). */
  remplacerIntervenant(nouveau: Intervenant): Intervenant | undefined {
    const k = this.state.membresReseau.findIndex((m) => m.id === nouveau.id);
    if (k < 0) return undefined;
    const ancien = this.state.membresReseau[k];
    this.state.membresReseau[k] = nouveau;
    return ancien;
  }

  /**
   * What the dossier asks of the pool (role membre_reseau) while a network member may be added and none holds
   * the role; who declined is never proposed again. The member is optional: the dossier never waits in line.
   */
  besoinVivier(now: string): BesoinDossier | null {
    if (this.termine || !AVANT_MISE_EN_OEUVRE_FINIE.includes(this.etape) || this.state.membresReseau.length > 0) return null;
    const fin = new Date(Date.parse(now) + MEMBRE_RESEAU_MOIS * 30 * 86_400_000).toISOString();
    return {
      dossierId: this.state.dossierId,
      dispositif: 'appui_conseil',
      role: 'membre_reseau',
      missionLocale: this.state.demande.missionLocale,
      sujets: expertisesDesSujets(this.state.demande.sujets),
      periode: { debut: dateParis(now), fin: dateParis(fin) },
      heuresMois: MEMBRE_RESEAU_HEURES_MOIS,
      dejaSollicites: (this.state.vivier?.sollicites ?? []).map((s) => ({ intervenantId: s.intervenantId, motif: `A déjà décliné ce dossier : ${s.motif}` })),
    };
  }

  checkRespondDesignation(i: M.RespondDesignationAppuiInput): void {
    this.requireNotEnded('répondre à une mobilisation');
    const membre = this.state.membresReseau.find((m) => m.id === i.intervenantId);
    if (!membre) refuse('Seul un membre du réseau mobilisé sur ce dossier peut accepter ou décliner sa mobilisation.');
    if (this.state.membresAcceptes.includes(membre.id)) refuse(`${membre.nom} a déjà accepté cette intervention.`);
    if (!i.accepte && !i.motif?.trim()) refuse("Indiquez la raison pour laquelle vous déclinez l'intervention (champ motif).");
  }
  /** Returns the member who declined (removed from the dossier), if so. */
  respondDesignation(i: M.RespondDesignationAppuiInput, now: string): AppuiConseilState['membresReseau'][number] | undefined {
    const membre = this.state.membresReseau.find((m) => m.id === i.intervenantId)!;
    if (i.accepte) {
      this.state.membresAcceptes.push(membre.id);
      this.record(now, 'intervenant', 'Intervention acceptée par le membre du réseau', membre.nom, i);
      return undefined;
    }
    this.state.membresReseau = this.state.membresReseau.filter((m) => m.id !== membre.id);
    this.record(now, 'intervenant', 'Intervention déclinée par le membre du réseau', `${membre.nom} : ${i.motif!}`, i);
    return membre;
  }

  // --- Acte, lancement, diagnostic, cadrage, plan d'action ----------------------------------------------
  checkSignActe(i: M.SignActeInput): void {
    this.requireEtape(['acte_engagement'], "Signer l'acte d'engagement");
    this.requireText(i.signataire, "Indiquez le nom du ou de la signataire de l'acte d'engagement.");
  }
  signActe(i: M.SignActeInput, now: string): void {
    this.state.acteEngagement = { signataire: i.signataire, signeLe: now };
    this.moveTo('lancement');
    this.record(now, 'ml', "Acte d'engagement signé", i.signataire, i);
  }

  checkScheduleVisioLancement(i: M.ScheduleVisioLancementInput, now: string): void {
    this.requireEtape(['lancement'], 'Planifier la visio de lancement');
    this.requireAVenir(i.debut, now, 'La visio de lancement');
    this.requireCreneauLibre('lancement', TITRES_VISIO.lancement, i.debut, 60, this.participantsVisio('lancement'));
  }

  /** The emails a visio invites (as the workflow's invitation does): its sides and the interlocutrice UNML. */
  private participantsVisio(v: VisioAppui): string[] {
    const { demande, cabinet, membresReseau, interlocutrice } = this.state;
    const ml = [demande.direction.email];
    const intervenants = [...(cabinet ? [cabinet.contact, ...cabinet.consultants] : []), ...membresReseau].map((p) => p.email);
    const cotes = v === 'lancement' ? [...ml, ...intervenants] : v === 'bilan_ml' ? ml : intervenants;
    return [...cotes, ...(interlocutrice ? [interlocutrice.email] : [])];
  }
  scheduleVisioLancement(i: M.ScheduleVisioLancementInput, now: string): void {
    const replanifiee = !!this.state.visioLancement;
    this.state.visioLancement = { debut: i.debut, dureeMinutes: 60, ...(i.lien ? { lien: i.lien } : {}) };
    this.record(now, 'unml', replanifiee ? 'Visio de lancement replanifiée' : 'Visio de lancement planifiée', dateHeureFr(i.debut), i);
  }

  checkRecordVisioLancement(_i: M.RecordVisioLancementInput, now: string): void {
    this.requireEtape(['lancement'], 'Enregistrer la tenue de la visio de lancement');
    if (!this.state.visioLancement) refuse("Planifiez d'abord la visio de lancement.");
    this.requireCommencee('La visio de lancement', this.state.visioLancement.debut, now);
  }
  recordVisioLancement(i: M.RecordVisioLancementInput, now: string): void {
    this.state.visioLancement = { ...this.state.visioLancement!, tenue: true, ...(i.compteRendu ? { compteRendu: i.compteRendu } : {}) };
    this.moveTo('diagnostic');
    this.record(now, 'unml', 'Visio de lancement tenue', i.compteRendu, i);
  }

  // --- Answers to visio invitations ---------------------------------------------------------------------
  /** The visio as scheduled (lancement or a bilan visio), if any. */
  private visio(v: VisioAppui): Visio | undefined {
    return v === 'lancement' ? this.state.visioLancement : this.state.visiosBilan[v];
  }

  /**
   * Who may answer an invitation to `v`: a person it was sent to (the agenda's attendees), as the ML's
   * direction or présidence, the cabinet (contact or consultant) or a network member; never UNML (it organises).
   */
  inviteVisio(v: VisioAppui, email: string): { role: RoleInviteAppui; nom: string } | undefined {
    const cle = email.trim().toLowerCase();
    const meme = (r: { email: string }) => r.email.trim().toLowerCase() === cle;
    const evenement = this.state.agenda[v];
    if (!evenement || evenement.annule || !evenement.participants.some(meme)) return undefined;
    const { demande, cabinet, membresReseau } = this.state;
    const parRole: [RoleInviteAppui, { nom: string; email: string }[]][] = [
      ['ml', [demande.direction, demande.presidence]],
      ['cabinet', cabinet ? [cabinet.contact, ...cabinet.consultants] : []],
      ['intervenant', membresReseau],
    ];
    for (const [role, personnes] of parRole) {
      const p = personnes.find(meme);
      if (p) return { role, nom: p.nom };
    }
    return undefined;
  }

  checkRespondVisio(i: M.RespondVisioAppuiInput, now: string): void {
    if (!VISIOS_APPUI.includes(i.visio)) refuse(`Visio inconnue : ${i.visio} (attendu : ${VISIOS_APPUI.join(', ')}).`);
    this.requireEtape(i.visio === 'lancement' ? ['lancement'] : ['bilan', 'evaluation'], 'Répondre à une invitation de visio');
    const v = this.visio(i.visio);
    if (!v) refuse("Cette visio n'est pas planifiée.");
    if (v.tenue) refuse('Cette visio a déjà eu lieu.');
    if (Date.parse(v.debut) <= Date.parse(now))
      refuse(`Cette visio a déjà commencé (le ${dateHeureFr(v.debut)}) : il n’est plus possible de répondre à son invitation.`);
    if (!this.inviteVisio(i.visio, i.email ?? ''))
      refuse("Vous n'êtes pas invité(e) à cette visio : seules les personnes qui ont reçu son invitation peuvent y répondre.");
    if (!i.confirme) {
      if (!i.proposition) refuse('Proposez une autre date et heure (champ proposition) pour cette visio.');
      this.requireAVenir(i.proposition, now, 'La date proposée');
    }
  }
  /** Records the answer of the person (replacing their previous one to the same invitation); returns who they are. */
  respondVisio(i: M.RespondVisioAppuiInput, now: string, sequence: number): { role: RoleInviteAppui; nom: string } {
    const qui = this.inviteVisio(i.visio, i.email)!;
    const reponses = ((this.state.reponsesVisio ??= {})[i.visio] ??= {});
    const { reponse, details } = reponseInvitation(i, this.visio(i.visio)!.debut, now, sequence);
    reponses[i.email.trim().toLowerCase()] = { role: qui.role, nom: qui.nom, ...reponse };
    this.record(now, qui.role, i.confirme ? `Créneau de la visio (${i.visio}) confirmé` : `Autre créneau proposé pour la visio (${i.visio})`, details, {
      ...i,
      par: i.par ?? qui.nom,
    });
    return qui;
  }
  /** A (re)scheduled visio asks its participants again. */
  resetReponsesVisio(v: VisioAppui): void {
    if (this.state.reponsesVisio) delete this.state.reponsesVisio[v];
  }

  checkRapportDiagnostic(i: M.RapportDiagnosticInput): void {
    this.requireEtape(['diagnostic'], 'Déposer le rapport de diagnostic');
    if (!i.constats?.trim() || !i.conclusions?.trim()) refuse('Le rapport de diagnostic comporte les constats et les conclusions du diagnostic flash.');
  }
  submitRapportDiagnostic(i: M.RapportDiagnosticInput, now: string): void {
    this.state.rapportDiagnostic = { constats: i.constats, conclusions: i.conclusions, deposeLe: now };
    this.moveTo('cadrage');
    this.record(now, 'cabinet', 'Rapport de diagnostic déposé', undefined, i);
  }

  checkCommentRapport(i: M.CommentRapportInput): void {
    this.requireEtape(['cadrage', 'plan_action', 'mise_en_oeuvre', 'bilan'], 'Commenter le rapport de diagnostic');
    if (!this.state.rapportDiagnostic) refuse("Le rapport de diagnostic n'a pas encore été déposé.");
    this.requireText(i.commentaire, 'Écrivez votre commentaire sur le rapport de diagnostic.');
  }
  commentRapport(i: M.CommentRapportInput, now: string): void {
    const r = this.state.rapportDiagnostic!;
    r.commentaires = [...(r.commentaires ?? []), { commentaire: i.commentaire, le: now, ...(i.par ? { par: i.par } : {}) }];
    this.record(now, 'ml', 'Rapport de diagnostic commenté', i.commentaire, i);
  }

  checkFicheCadrage(i: M.FicheCadrageInput): void {
    this.requireEtape(['cadrage'], 'Déposer la fiche de cadrage');
    if (!i.besoin?.trim() || !i.objectifs?.length) refuse('La fiche de cadrage précise le besoin et au moins un objectif.');
  }
  submitFicheCadrage(i: M.FicheCadrageInput, now: string): void {
    this.state.ficheCadrage = { besoin: i.besoin, objectifs: i.objectifs };
    this.moveTo('plan_action');
    this.record(now, 'unml', 'Fiche de cadrage déposée', `${i.objectifs.length} objectif(s)`, i);
  }

  checkPlanAction(i: M.PlanActionInput, now: string): void {
    this.requireEtape(['plan_action', 'mise_en_oeuvre'], "Déposer le plan d'action");
    if (!i.actions?.length) refuse("Le plan d'action comporte au moins une action.");
    for (const [n, a] of i.actions.entries()) {
      if (!a.intitule?.trim()) refuse(`Action ${n + 1} : l'intitulé est obligatoire.`);
      for (const j of a.jalons ?? []) {
        if (Number.isNaN(Date.parse(j.date))) refuse(`Action ${n + 1} : la date du jalon « ${j.libelle} » est invalide.`);
        if (this.etape === 'plan_action' && Date.parse(j.date) <= Date.parse(now))
          refuse(`Action ${n + 1} : le jalon « ${j.libelle} » doit être dans le futur (reçu : ${dateHeureFr(j.date)}).`);
      }
    }
  }
  /** A first plan moves to mise en œuvre; a later one revises the rétroplanning (reached milestones kept). */
  submitPlanAction(i: M.PlanActionInput, now: string): void {
    const revision = this.state.ficheSuiviIntermediaire.planAction.length > 0;
    const previous = this.state.ficheSuiviIntermediaire.planAction;
    this.state.ficheSuiviIntermediaire.planAction = i.actions.map((a, n) => ({
      numero: n + 1,
      intitule: a.intitule,
      responsable: a.responsable,
      jalons: a.jalons.map((j): Jalon => {
        const same = previous[n]?.jalons.find((p) => p.libelle === j.libelle && p.date === j.date);
        return same ? { ...same } : { libelle: j.libelle, date: j.date };
      }),
    }));
    if (this.etape === 'plan_action') this.moveTo('mise_en_oeuvre');
    this.record(now, 'cabinet', revision ? "Plan d'action révisé" : "Plan d'action déposé", `${i.actions.length} action(s)`, i);
  }

  private jalon(i: M.JalonAtteintInput): Jalon | undefined {
    return this.state.ficheSuiviIntermediaire.planAction[i.action - 1]?.jalons[i.jalon - 1];
  }
  checkJalonAtteint(i: M.JalonAtteintInput): void {
    this.requireEtape(['mise_en_oeuvre', 'bilan'], 'Marquer un jalon atteint');
    const j = this.jalon(i);
    if (!j) refuse(`Jalon inconnu : action ${i.action}, jalon ${i.jalon} (numérotés à partir de 1 dans le plan d'action).`);
    if (j.atteint) refuse(`Le jalon « ${j.libelle} » est déjà marqué atteint.`);
  }
  markJalonAtteint(i: M.JalonAtteintInput, now: string): void {
    const j = this.jalon(i)!;
    j.atteint = { le: now, ...(i.par ? { par: i.par } : {}) };
    this.record(now, 'cabinet', 'Jalon atteint', j.libelle, i);
  }

  // --- Bilan, deliverables, evaluation ------------------------------------------------------------------
  checkScheduleVisioBilan(i: M.ScheduleVisioBilanInput, now: string): void {
    this.requireEtape(['bilan'], 'Planifier une visio bilan');
    if (!VISIOS_BILAN_APPUI.includes(i.visio)) refuse(`Visio bilan inconnue : ${i.visio} (attendu : ${VISIOS_BILAN_APPUI.join(', ')}).`);
    this.requireAVenir(i.debut, now, 'La visio bilan');
    this.requireCreneauLibre(i.visio, TITRES_VISIO[i.visio], i.debut, 60, this.participantsVisio(i.visio));
  }
  scheduleVisioBilan(i: M.ScheduleVisioBilanInput, now: string): void {
    this.state.visiosBilan[i.visio] = { debut: i.debut, dureeMinutes: 60, ...(i.lien ? { lien: i.lien } : {}) };
    this.record(
      now,
      'unml',
      i.visio === 'bilan_ml' ? 'Visio bilan avec la Mission Locale planifiée' : 'Visio bilan avec les intervenants planifiée',
      dateHeureFr(i.debut),
      i,
    );
  }

  checkFicheBilan(i: M.FicheBilanInput, now: string): void {
    this.requireEtape(['bilan'], 'Déposer la fiche bilan');
    const manquantes = VISIOS_BILAN_APPUI.filter((v) => !this.state.visiosBilan[v]);
    if (manquantes.length) refuse(`Planifiez d'abord les visios bilan (seed 001 : avec la ML et avec les intervenants) : manque ${manquantes.join(', ')}.`);
    // The fiche bilan draws on the bilan visios: they have taken place first.
    const visios = VISIOS_BILAN_APPUI.map((v) => ({ quoi: TITRES_VISIO[v], ...this.state.visiosBilan[v]! }));
    this.requireReunionsTenues('Déposer la fiche bilan', visios, now);
    if (!i.objectifs?.length) refuse('La fiche bilan reprend les objectifs : au moins un objectif, atteint ou non.');
  }
  submitFicheBilan(i: M.FicheBilanInput, now: string): void {
    this.state.ficheBilan = { objectifs: i.objectifs, recommandations: i.recommandations, pointsDeVigilance: i.pointsDeVigilance };
    // seed 001 §6: the questionnaire goes to the ML and to each intervenant (as the workflow sends it).
    const { demande, cabinet, membresReseau } = this.state;
    const destinataires: Destinataire[] = [{ repondant: 'ml', nom: demande.direction.nom, email: demande.direction.email }];
    for (const p of [...(cabinet ? [cabinet.contact, ...cabinet.consultants] : []), ...membresReseau])
      if (!destinataires.some((d) => d.repondant === 'intervenant' && memeNom(d.email, p.email)))
        destinataires.push({ repondant: 'intervenant', nom: p.nom, email: p.email });
    this.state.questionnaires = { envoyesLe: now, reponsesAttenduesAvant: new Date(Date.parse(now) + this.delaiQuestionnaire).toISOString(), destinataires };
    this.moveTo('evaluation');
    this.record(now, 'unml', 'Fiche bilan déposée', `${i.objectifs.filter((o) => o.atteint).length}/${i.objectifs.length} objectifs atteints`, i);
  }

  checkAddLivrable(i: M.AddLivrableInput): void {
    this.requireEtape(['diagnostic', 'cadrage', 'plan_action', 'mise_en_oeuvre', 'bilan', 'evaluation'], 'Ajouter un livrable');
    this.requireText(i.nom, 'Nommez le livrable.');
    if (!i.url === !i.fichier) refuse('Un livrable est soit un lien (url), soit un fichier déposé.');
  }
  addLivrable(i: M.AddLivrableInput, now: string): void {
    const n = this.state.livrables.length + 1;
    this.state.livrables.push({
      numero: n,
      nom: i.nom,
      ...(i.url ? { url: i.url } : {}),
      ...(i.fichier ? { fichier: i.fichier } : {}),
      ajouteLe: now,
      ...(i.par ? { par: i.par } : {}),
    });
    this.record(now, 'cabinet', `Livrable ${n} ajouté`, i.nom, i);
  }

  checkEvaluation(i: M.EvaluationInput, now: string): void {
    this.requireEtape(['evaluation'], "Répondre au questionnaire d'évaluation");
    const q = this.state.questionnaires;
    if (q) this.requireQuestionnaireOuvert(q.reponsesAttenduesAvant ?? new Date(Date.parse(q.envoyesLe) + this.delaiQuestionnaire).toISOString(), now);
    this.requireText(i.nom, 'Indiquez qui répond au questionnaire.');
    if (this.state.evaluations.some((e) => e.repondant === i.repondant && e.nom === i.nom)) refuse(`${i.nom} a déjà répondu au questionnaire.`);
  }
  submitEvaluation(i: M.EvaluationInput, now: string): void {
    this.state.evaluations.push({ repondant: i.repondant, nom: i.nom, reponses: i.reponses, le: now });
    this.record(now, i.repondant, "Questionnaire d'évaluation rempli", i.nom, i);
  }

  /** Whether `d` answered the questionnaire (the ML: any answer as the ML; an intervenant: an answer in their name). */
  private aRepondu(d: Destinataire): boolean {
    return this.state.evaluations.some((e) => e.repondant === d.repondant && (d.repondant === 'ml' || memeNom(e.nom, d.nom)));
  }

  /** The closure waits for the questionnaires it closes: every answer in, or their time to answer past. */
  checkCloturer(_i: M.CloturerInput, now: string): void {
    this.requireEtape(['evaluation'], 'Clôturer le dossier');
    const q = this.state.questionnaires;
    if (!q) return;
    const attendus = q.destinataires.filter((d) => !this.aRepondu(d));
    const possibleLe = q.reponsesAttenduesAvant ?? new Date(Date.parse(q.envoyesLe) + this.delaiQuestionnaire).toISOString();
    if (attendus.length === 0 || Date.parse(now) >= Date.parse(possibleLe)) return;
    const qui = attendus.map((d) => (d.repondant === 'ml' ? `la Mission Locale (${d.nom})` : d.nom)).join(', ');
    refuse(
      `Les questionnaires d'évaluation, envoyés le ${dateHeureFr(q.envoyesLe)}, restent ouverts ${delaiFr(this.delaiQuestionnaire)} : ` +
        `la clôture est possible dès que tous ont répondu, ou à partir du ${dateHeureFr(possibleLe)}. N'ont pas encore répondu : ${qui}.`,
    );
  }
  cloturer(i: M.CloturerInput, now: string): void {
    this.end('cloture', i.motif ?? 'Appui Conseil mené à son terme', now);
    this.record(now, 'unml', 'Dossier clôturé', `${this.state.evaluations.length} questionnaire(s) reçu(s)`, i);
  }
}
