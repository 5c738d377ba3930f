// The Compagnonnage dossier as a plain class: each action has a check (an Update validator: refuses with a
// reason, changes nothing) and an apply (changes the state, records the timeline). No I/O and no Temporal
// timers here: the workflow wires it to handlers and does the waiting and the emails.
import { compagnonnageRecevabilite, forfaitMinutes, refusIntervenantCompagnonnage, RYTHME_PAR_DEFAUT } from '../../domain/compagnonnage';
import { dateParis } from '../../domain/calendar';
import { dateHeureFr, delaiFr } from '../../domain/format';
import { formatMinutes } from '../../domain/rules';
import { REGIONS } from '../../domain/regions';
import { expertisesDesSujets, type BesoinDossier } from '../../domain/vivier';
import type { Intervenant } from '../../domain/schemas';
import { checkChoix, PRIORITE_PAR_DEFAUT, libelleChoix } from '../shared/designation';
import { reponseInvitation } from '../shared/agenda';
import { refuse } from '../shared/refusal';
import { DEJA_ACCEPTEE, etatInitial } from '../shared/dossier-base';
import { NOMS_ETAPES, TITRES_VISIO } from './etapes';
import { SeancesCompagnonnage } from './seances';
import type * as M from './messages';
import {
  ETAPES_DOCUMENTS,
  ETAPES_FINALES,
  QUESTIONNAIRE_REPONSE_PAR_DEFAUT,
  VISIOS_BILAN,
  type CompagnonnageInput,
  type CompagnonnageState,
  type Delais,
  type DeposantDocument,
  type DocumentEchange,
  type Etape,
  type VisioKey,
} from './state';

/** Who each visio invites besides UNML (seed 003: individual bilans, then the collective one). */
export const INVITES_VISIO: Record<VisioKey, ('ml' | 'intervenant')[]> = {
  lancement: ['ml', 'intervenant'],
  bilan_ml: ['ml'],
  bilan_intervenant: ['intervenant'],
  bilan_collectif: ['ml', 'intervenant'],
};

export class CompagnonnageDossier extends SeancesCompagnonnage {
  readonly state: CompagnonnageState;
  protected readonly nomsEtapes = NOMS_ETAPES;
  protected readonly etapesFinales = ETAPES_FINALES;
  protected readonly etapesDeclinables = ['qualification', 'liste_attente', 'complements_attendus'] as const;
  protected override readonly etapesAvecEcheance: readonly Etape[] = ['accompagnement', 'post_bilan'];
  private readonly delais: Delais;
  private readonly contactUnml: { nom: string; email: string };

  constructor(input: CompagnonnageInput, now: string) {
    super();
    this.delais = input.delais;
    this.contactUnml = input.contactUnml;
    this.state = {
      ...etatInitial(input, 'compagnonnage', 'qualification', now),
      ficheSuivi: { seances: [], prochaines: [] },
      heures: {
        forfaitMinutes: forfaitMinutes(RYTHME_PAR_DEFAUT),
        consommeesMinutes: 0,
        enAttenteMinutes: 0,
        contesteesMinutes: 0,
        alerte80Envoyee: false,
        extensions: [],
      },
      visiosBilan: {},
      reponsesVisio: {},
      agenda: {},
      evaluations: {},
      timeline: [],
    };
    this.demandeDeposee(now, input.demande.missionLocale);
  }

  protected emailsDe(qui: readonly ('ml' | 'intervenant' | 'unml')[]): string[] {
    return qui.flatMap((q) => {
      if (q === 'ml') return [this.state.demande.direction.email];
      if (q === 'intervenant') return this.state.intervenant ? [this.state.intervenant.email] : [];
      return [(this.state.interlocutrice ?? this.contactUnml).email];
    });
  }

  /** A visio's title in the agenda, its invitation and its reminders. */
  titreVisio(v: VisioKey): string {
    return `${TITRES_VISIO[v]} – Compagnonnage ${this.state.demande.missionLocale.nom}`;
  }

  /** A visio (1 h) must not overlap another meeting of the dossier for one of its participants (UNML included). */
  private requireCreneauVisio(v: VisioKey, debut: string): void {
    this.requireCreneauLibre(v, this.titreVisio(v), debut, 60, this.emailsDe([...INVITES_VISIO[v], 'unml']));
  }

  // --- Intake -------------------------------------------------------------------------------------------
  /** seed 003 §3: the mobilisation cases and what the dispositif does not cover (domain/). */
  protected jugerDemande() {
    return compagnonnageRecevabilite(this.state.demande);
  }

  // --- Qualification by UNML ----------------------------------------------------------------------------
  checkAccept(i: M.AcceptDemandeInput): void {
    this.refuserSiDejaFait(['qualification', 'liste_attente'], 'Demande acceptée', DEJA_ACCEPTEE);
    this.requireEtape(['qualification', 'liste_attente'], 'Accepter la demande');
    if (!i.interlocutrice && !this.state.interlocutrice) {
      refuse("Désignez l'interlocutrice UNML du dossier (champ interlocutrice) pour accepter la demande.");
    }
  }
  accept(i: M.AcceptDemandeInput, now: string): void {
    if (i.interlocutrice) this.state.interlocutrice = i.interlocutrice;
    this.state.priorite = i.priorite ?? this.state.listeAttente?.priorite ?? PRIORITE_PAR_DEFAUT;
    delete this.state.listeAttente;
    this.moveTo('designation_intervenant');
    this.record(now, 'unml', 'Demande acceptée', `Interlocutrice : ${this.state.interlocutrice!.nom}`, i);
  }

  checkWaitlist(i: M.WaitlistDemandeInput): void {
    this.requireEtape(['qualification', 'liste_attente'], "Mettre la demande en liste d'attente");
    if (!Number.isInteger(i.priorite) || i.priorite < 1) refuse('La priorité est un entier à partir de 1 (1 = la plus haute).');
  }
  waitlist(i: M.WaitlistDemandeInput, now: string): void {
    this.state.listeAttente = { priorite: i.priorite, ...(i.motif ? { motif: i.motif } : {}) };
    this.moveTo('liste_attente');
    this.record(now, 'unml', "Demande mise en liste d'attente", `Priorité ${i.priorite}${i.motif ? ` : ${i.motif}` : ''}`, i);
  }

  checkRequestComplements(i: M.RequestComplementsInput): void {
    this.requireEtape(['qualification', 'liste_attente'], 'Demander des compléments');
    if (!i.aCompleter?.trim()) refuse('Précisez ce que la Mission Locale doit compléter.');
  }
  /** `echeanceVisible`: the ML's deadline stays the next deadline (before it, the move to the step erased it). */
  requestComplements(i: M.RequestComplementsInput, now: string, dateLimite: string, echeanceVisible = false): void {
    this.state.complements = { aCompleter: i.aCompleter, dateLimite };
    this.moveTo('complements_attendus');
    if (echeanceVisible) this.state.prochaineEcheance = { quoi: 'Compléments de la Mission Locale', le: dateLimite };
    this.record(now, 'unml', 'Demande renvoyée à la Mission Locale pour compléments', i.aCompleter, i);
  }

  checkComplete(): void {
    this.requireEtape(['complements_attendus'], 'Compléter la demande');
  }
  complete(i: M.CompleteDemandeInput, now: string): void {
    const changes = i;
    const d = this.state.demande;
    this.state.demande = {
      ...d,
      ...(changes.description ? { description: changes.description } : {}),
      ...(changes.direction ? { direction: changes.direction } : {}),
      ...(changes.presidence ? { presidence: changes.presidence } : {}),
      ...(changes.sujets ? { sujets: changes.sujets } : {}),
      ...(changes.casMobilisation ? { casMobilisation: changes.casMobilisation } : {}),
    };
    delete this.state.complements;
    this.moveTo('qualification');
    // What the ML changed (who acted is not a change).
    const champs = Object.keys(i).filter((k) => k !== 'par' && k !== 'acteur');
    this.record(now, 'ml', 'Demande complétée', champs.join(', ') || undefined, i);
  }

  // --- Interlocutrice and intervenant -------------------------------------------------------------------
  checkDesignateIntervenant(i: M.DesignateIntervenantInput): void {
    this.requireEtape(['designation_intervenant'], 'Désigner un intervenant');
    const refus = refusIntervenantCompagnonnage(i.intervenant, this.state.demande.missionLocale.region);
    if (refus) refuse(refus);
    checkChoix(i.choix);
  }
  /** The intervenant is asked to accept; the acte d'engagement goes to the ML once they have. */
  designateIntervenant(i: M.DesignateIntervenantInput, now: string): void {
    this.state.intervenant = i.intervenant;
    this.moveTo('acceptation_intervenant');
    const choix = libelleChoix(i.choix);
    this.record(now, 'unml', 'Intervenant désigné, en attente de son acceptation', `${i.intervenant.nom} (${REGIONS[i.intervenant.region]})${choix}`, i);
  }

  /** The pool corrected the designated intervenant's record (workflows/shared/coordonnees.ts). */
  remplacerIntervenant(nouveau: Intervenant): Intervenant | undefined {
    const ancien = this.state.intervenant;
    if (ancien?.id !== nouveau.id) return undefined;
    this.state.intervenant = nouveau;
    return ancien;
  }

  /** What the dossier asks of the pool while an intervenant is to designate (seed 003: an ML director, 2 h/week for 3 months). */
  besoinVivier(now: string): BesoinDossier | null {
    if (this.etape !== 'designation_intervenant') return null;
    const rythme = this.state.ficheCadrage?.rythme ?? RYTHME_PAR_DEFAUT;
    const debut = dateParis(now);
    const fin = dateParis(new Date(Date.parse(now) + rythme.semaines * 7 * 86_400_000).toISOString());
    return {
      dossierId: this.state.dossierId,
      dispositif: 'compagnonnage',
      role: 'compagnon',
      missionLocale: this.state.demande.missionLocale,
      sujets: expertisesDesSujets(this.state.demande.sujets),
      periode: { debut, fin },
      heuresMois: Math.ceil((rythme.heuresParSemaine * 52) / 12),
      dejaSollicites: (this.state.vivier?.sollicites ?? []).map((s) => ({ intervenantId: s.intervenantId, motif: `A déjà décliné ce dossier : ${s.motif}` })),
    };
  }

  checkRespondDesignation(i: M.RespondDesignationInput): void {
    this.requireEtape(['acceptation_intervenant'], "Répondre à la désignation d'intervenant");
    if (i.intervenantId !== undefined && i.intervenantId !== this.state.intervenant?.id) {
      refuse(`Seul l'intervenant désigné (${this.state.intervenant?.nom ?? 'aucun'}) peut accepter ou décliner cette intervention.`);
    }
    if (!i.accepte && !i.motif?.trim())
      refuse("Indiquez la raison pour laquelle vous déclinez l'intervention (champ motif) : l'UNML en tient compte pour désigner un autre intervenant.");
  }
  /** Accepted: on to the acte d'engagement (deadline given). Declined: back to designation; returns who declined. */
  respondDesignation(i: M.RespondDesignationInput, now: string, dateLimiteActe: string): CompagnonnageState['intervenant'] {
    const intervenant = this.state.intervenant!;
    if (i.accepte) {
      this.moveTo('acte_engagement');
      this.state.prochaineEcheance = { quoi: "Signature de l'acte d'engagement", le: dateLimiteActe };
      this.record(now, 'intervenant', 'Intervention acceptée par l’intervenant', intervenant.nom, i);
      return undefined;
    }
    delete this.state.intervenant;
    this.moveTo('designation_intervenant');
    this.record(now, 'intervenant', 'Intervention déclinée par l’intervenant', `${intervenant.nom} : ${i.motif!}`, i);
    return intervenant;
  }

  // --- Acte d'engagement, cadrage, lancement ------------------------------------------------------------
  checkSignActe(i: M.SignActeEngagementInput): void {
    this.requireEtape(['acte_engagement'], "Signer l'acte d'engagement");
    if (!i.signataire?.trim()) refuse("Indiquez le nom du ou de la signataire de l'acte d'engagement.");
  }
  signActe(i: M.SignActeEngagementInput, now: string): void {
    this.state.acteEngagement = { signataire: i.signataire, signeLe: now };
    this.moveTo('cadrage');
    this.record(now, 'ml', "Acte d'engagement signé", i.signataire, i);
  }

  checkFicheCadrage(i: M.SubmitFicheCadrageInput): void {
    this.requireEtape(['cadrage'], 'Déposer la fiche de cadrage');
    if (!i.besoin?.trim() || !i.objectifs?.length) refuse('La fiche de cadrage doit préciser le besoin et au moins un objectif.');
  }
  submitFicheCadrage(i: M.SubmitFicheCadrageInput, now: string): void {
    const rythme = i.rythme ?? { ...RYTHME_PAR_DEFAUT };
    this.state.ficheCadrage = { besoin: i.besoin, objectifs: i.objectifs, rythme };
    this.state.heures.forfaitMinutes = forfaitMinutes(rythme);
    this.moveTo('lancement');
    this.record(
      now,
      'unml',
      'Fiche de cadrage déposée',
      `Rythme : ${rythme.heuresParSemaine} h/semaine sur ${rythme.semaines} semaines (${formatMinutes(this.state.heures.forfaitMinutes)})`,
      i,
    );
  }

  checkScheduleVisioLancement(i: M.ScheduleVisioInput, now: string): void {
    this.requireEtape(['cadrage', 'lancement'], 'Planifier la visio de lancement');
    this.requireFuture(i.debut, now, 'La visio de lancement');
    this.requireCreneauVisio('lancement', i.debut);
  }
  scheduleVisioLancement(i: M.ScheduleVisioInput, now: string): boolean {
    const replanifiee = !!this.state.visioLancement;
    this.state.visioLancement = { debut: i.debut, dureeMinutes: 60, ...(i.lien ? { lien: i.lien } : {}) };
    this.record(now, 'unml', replanifiee ? 'Visio de lancement replanifiée' : 'Visio de lancement planifiée', i.debut, i);
    return replanifiee;
  }

  checkRecordVisioLancement(now: string): void {
    this.requireEtape(['lancement'], 'Enregistrer la tenue de la visio de lancement');
    if (!this.state.visioLancement) refuse("Planifiez d'abord la visio de lancement.");
    this.requireCommencee('La visio de lancement', this.state.visioLancement.debut, now);
  }
  recordVisioLancement(i: M.RecordVisioLancementInput, now: string): void {
    this.state.visioLancement = { ...this.state.visioLancement!, tenue: true, ...(i.compteRendu ? { compteRendu: i.compteRendu } : {}) };
    this.moveTo('accompagnement');
    this.record(now, 'unml', 'Visio de lancement tenue', i.compteRendu, i);
  }

  // --- Answers to visio invitations ---------------------------------------------------------------------
  /** The visio as scheduled (lancement or a bilan visio), if any. */
  private visio(v: VisioKey): CompagnonnageState['visioLancement'] {
    return v === 'lancement' ? this.state.visioLancement : this.state.visiosBilan[v];
  }

  checkRespondVisio(i: M.RespondVisioInput, now: string): void {
    this.requireEtape(i.visio === 'lancement' ? ['cadrage', 'lancement'] : ['bilan', 'post_bilan'], 'Répondre à une invitation de visio');
    const v = this.visio(i.visio);
    if (!v) refuse("Cette visio n'est pas planifiée.");
    if (v.tenue) refuse('Cette visio a déjà eu lieu.');
    if (Date.parse(v.debut) <= Date.parse(now)) refuse('Cette visio a déjà commencé : il n’est plus possible de répondre à son invitation.');
    if ((i.visio === 'bilan_ml' && i.role !== 'ml') || (i.visio === 'bilan_intervenant' && i.role !== 'intervenant'))
      refuse("Vous n'êtes pas invité(e) à cette visio.");
    if (!i.confirme) {
      if (!i.proposition) refuse('Proposez une autre date et heure (champ proposition) pour cette visio.');
      this.requireFuture(i.proposition, now, 'La date proposée');
    }
  }
  respondVisio(i: M.RespondVisioInput, now: string, sequence: number): void {
    const reponses = (this.state.reponsesVisio[i.visio] ??= {});
    const { reponse, details } = reponseInvitation(i, this.visio(i.visio)!.debut, now, sequence);
    reponses[i.role] = reponse;
    this.record(now, i.role, i.confirme ? `Créneau de la visio (${i.visio}) confirmé` : `Autre créneau proposé pour la visio (${i.visio})`, details, i);
  }
  /** A (re)scheduled visio asks its participants again. */
  resetReponsesVisio(v: VisioKey): void {
    delete this.state.reponsesVisio[v];
  }

  // --- Bilan, evaluation, post-bilan --------------------------------------------------------------------
  checkScheduleVisioBilan(i: M.ScheduleVisioBilanInput, now: string): void {
    this.requireEtape(['bilan'], 'Planifier une visio bilan');
    if (!VISIOS_BILAN.includes(i.visio)) refuse(`Visio bilan inconnue : ${i.visio} (attendu : ${VISIOS_BILAN.join(', ')}).`);
    this.requireFuture(i.debut, now, 'La visio bilan');
    this.requireCreneauVisio(i.visio, i.debut);
  }
  scheduleVisioBilan(i: M.ScheduleVisioBilanInput, now: string): void {
    this.state.visiosBilan[i.visio] = { debut: i.debut, dureeMinutes: 60, ...(i.lien ? { lien: i.lien } : {}) };
    this.record(now, 'unml', `Visio ${i.visio.replace('_', ' ')} planifiée`, i.debut, i);
  }

  checkFicheBilan(i: M.SubmitFicheBilanInput, now: string): void {
    this.requireEtape(['bilan'], 'Déposer la fiche bilan');
    const manquantes = VISIOS_BILAN.filter((v) => !this.state.visiosBilan[v]);
    if (manquantes.length) refuse(`Planifiez d'abord les visios bilan (seed 003 : individuelles et collective) : manquent ${manquantes.join(', ')}.`);
    // The fiche bilan sums up the bilan visios: they must have taken place.
    const visios = VISIOS_BILAN.map((v) => ({ quoi: TITRES_VISIO[v].toLowerCase(), ...this.state.visiosBilan[v]! }));
    this.requireReunionsTenues('Déposer la fiche bilan', visios, now);
    if (!i.objectifs?.length) refuse('La fiche bilan reprend les objectifs fixés : au moins un objectif, atteint ou non.');
  }
  submitFicheBilan(i: M.SubmitFicheBilanInput, now: string, postBilanLe: string): void {
    const { objectifs, recommandations, pointsDeVigilance } = i;
    this.state.ficheBilan = { objectifs, recommandations, pointsDeVigilance };
    this.state.postBilan = { prevuLe: postBilanLe };
    this.state.questionnaires = { envoyesLe: now, reponsesAttenduesAvant: new Date(Date.parse(now) + this.delaiQuestionnaire()).toISOString() };
    this.moveTo('post_bilan');
    this.state.prochaineEcheance = { quoi: 'Bilan post-accompagnement', le: postBilanLe };
    const atteints = i.objectifs.filter((o) => o.atteint).length;
    this.record(now, 'unml', 'Fiche bilan déposée', `${atteints}/${i.objectifs.length} objectifs atteints`, i);
  }

  checkEvaluation(i: M.SubmitEvaluationInput, now: string): void {
    this.requireEtape(['post_bilan'], "Répondre au questionnaire d'évaluation");
    if (this.state.questionnaires) this.requireQuestionnaireOuvert(this.state.questionnaires.reponsesAttenduesAvant, now);
    if (this.state.evaluations[i.repondant]) refuse('Ce questionnaire a déjà été rempli pour ce dossier.');
  }
  submitEvaluation(i: M.SubmitEvaluationInput, now: string): void {
    this.state.evaluations[i.repondant] = { reponses: i.reponses, le: now };
    this.record(now, i.repondant, "Questionnaire d'évaluation rempli", undefined, i);
  }

  postBilanDue(now: string): boolean {
    return !!this.state.postBilan && Date.parse(now) >= Date.parse(this.state.postBilan.prevuLe);
  }
  checkRecordPostBilan(i: M.RecordPostBilanInput, now: string): void {
    this.requireEtape(['post_bilan'], 'Enregistrer le bilan post-accompagnement');
    if (!this.postBilanDue(now)) {
      refuse(`Le bilan post-accompagnement a lieu ${delaiFr(this.delais.postBilan)} après la fin, à partir du ${dateHeureFr(this.state.postBilan!.prevuLe)}.`);
    }
    if (!i.impact?.trim()) refuse("Décrivez l'impact à moyen terme constaté avec la Mission Locale.");
    this.requireQuestionnairesClos(now);
  }

  private delaiQuestionnaire(): number {
    return this.delais.questionnaireReponse ?? QUESTIONNAIRE_REPONSE_PAR_DEFAUT;
  }

  /** Closing waits for the evaluation questionnaires sent: until each is answered, or its deadline has passed. */
  private requireQuestionnairesClos(now: string): void {
    const envoyesLe = this.state.questionnaires?.envoyesLe ?? this.state.timeline.find((e) => e.evenement === 'Fiche bilan déposée')?.at;
    if (!envoyesLe) return;
    const limite = this.state.questionnaires?.reponsesAttenduesAvant ?? new Date(Date.parse(envoyesLe) + this.delaiQuestionnaire()).toISOString();
    if (Date.parse(now) >= Date.parse(limite)) return;
    const qui: Record<'ml' | 'intervenant', string> = {
      ml: `la Mission Locale (${this.state.demande.direction.nom})`,
      intervenant: `l'intervenant${this.state.intervenant ? ` (${this.state.intervenant.nom})` : ''}`,
    };
    const manquants = (['ml', 'intervenant'] as const).filter((r) => !this.state.evaluations[r]);
    if (manquants.length === 0) return;
    refuse(
      `Le questionnaire d'évaluation n'a pas encore été rempli par ${manquants.map((r) => qui[r]).join(' ni par ')} : ` +
        `le dossier pourra être clôturé dès ${manquants.length > 1 ? 'leurs réponses' : 'sa réponse'}, ou sans ${manquants.length > 1 ? 'elles' : 'elle'} ` +
        `à partir du ${dateHeureFr(limite)}.`,
    );
  }
  recordPostBilan(i: M.RecordPostBilanInput, now: string): void {
    this.state.postBilan = { ...this.state.postBilan!, impact: i.impact, ...(i.suites ? { suites: i.suites } : {}), le: now };
    this.end('cloture', 'Accompagnement mené à son terme', now);
    this.record(now, 'unml', 'Bilan post-accompagnement enregistré, dossier clôturé', i.impact, i);
  }

  // --- Tools and documents the two directions exchange (seed 003) ------------------------------------------
  /** The side a document is shared by: a link's holder as their own side; the API as the body says (default UNML). */
  private deposantDocument(i: M.DeposerDocumentInput): DeposantDocument {
    const a = i.acteur;
    if (a?.source === 'lien' && (a.role === 'ml' || a.role === 'intervenant')) return a.role;
    return i.role ?? 'unml';
  }
  checkDeposerDocument(i: M.DeposerDocumentInput): void {
    const action = 'Partager un document';
    this.requireNotEnded(action);
    if (!ETAPES_DOCUMENTS.includes(this.state.etape)) {
      refuse(
        `Les outils et documents s'échangent à partir de la signature de l'acte d'engagement, jusqu'à la fin du dossier : ` +
          `le dossier est à l'étape « ${this.nomEtape} ».`,
      );
    }
    this.requireText(i.titre, 'Donnez un titre au document.');
    if (!i.fichier?.sha256 || !i.fichier.nom?.trim()) refuse('Joignez le fichier du document.');
    const a = i.acteur;
    if (a?.source === 'lien' && i.role && i.role !== a.role) refuse('Depuis votre lien, vous partagez un document en votre nom seulement.');
    if (this.deposantDocument(i) === 'intervenant' && !this.state.intervenant) refuse("Aucun intervenant n'est désigné pour ce dossier.");
  }
  checkInviterDocuments(): void {
    this.requireNotEnded('Envoyer le lien des documents');
    if (!ETAPES_DOCUMENTS.includes(this.state.etape)) {
      refuse(`Les outils et documents s'échangent à partir de la signature de l'acte d'engagement : le dossier est à l'étape « ${this.nomEtape} ».`);
    }
  }
  inviterDocuments(i: M.InviterDocumentsInput, now: string): void {
    this.record(now, 'unml', 'Lien des documents envoyé aux directions', undefined, i);
  }
  deposerDocument(i: M.DeposerDocumentInput, now: string): DocumentEchange {
    const documents = (this.state.documents ??= []);
    const deposePar = this.deposantDocument(i);
    const doc: DocumentEchange = {
      numero: documents.length + 1,
      titre: i.titre.trim(),
      ...(i.note?.trim() ? { note: i.note.trim() } : {}),
      fichier: { nom: i.fichier.nom, type: i.fichier.type, tailleOctets: i.fichier.tailleOctets, sha256: i.fichier.sha256 },
      deposePar,
      deposeLe: now,
      ...(i.par ? { par: i.par } : {}),
      ...(i.acteur?.compte ? { compte: i.acteur.compte } : {}),
    };
    documents.push(doc);
    this.record(now, deposePar, `Document ${doc.numero} partagé`, `${doc.titre} (${doc.fichier.nom})`, i);
    return doc;
  }
}
