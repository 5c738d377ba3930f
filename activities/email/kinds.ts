// Every email the product sends, with the data its template needs. Types and constants only: workflows import this file
// to build a NotifyInput; the email activity renders the French template of each kind.

export interface Recipient {
  nom: string;
  email: string;
}

/** Facts every email about a dossier shows (reference, ML, dispositif). */
export interface DossierRef {
  dossierId: string;
  /** `campagne`: a regional campaign (its reference CAM-…, `mlNom` the campaign's name, or its ML's name for an ML's emails). */
  dispositif: 'compagnonnage' | 'appui_conseil' | 'diagnostic' | 'campagne';
  mlNom: string;
  regionNom: string;
}

export type VisioKind = 'lancement' | 'bilan_ml' | 'bilan_intervenant' | 'bilan_collectif' | 'post_bilan';
/** The Diagnostic's meetings (workflows/diagnostic/state.ts EVENEMENTS_DIAGNOSTIC). */
export type RendezvousDiagnostic = 'mise_en_commun' | 'journee_sur_site' | 'revue_finale';

export type EmailMessage =
  /** To the ML: the demand is received, here is its reference. */
  | { kind: 'accuse_reception' }
  /** To the ARML of the ML's région: informed of the demand (DOMAIN.md: always informed). */
  | { kind: 'notification_arml'; armlNom: string; casMobilisation?: string; demandeur?: string; sujets: string[] }
  /**
   * To the ML: not receivable, with the reasons; a financial problem (Compagnonnage) points to Appui Conseil,
   * continuous improvement (Appui Conseil) to Compagnonnage.
   */
  | { kind: 'demande_non_recevable'; motifs: string[]; redirection?: 'appui_conseil' | 'compagnonnage' }
  /** To the ML: accepted; the interlocutrice UNML will contact them. */
  | { kind: 'demande_acceptee'; interlocutrice?: Recipient }
  | { kind: 'demande_declinee'; motif: string }
  | { kind: 'demande_liste_attente' }
  /** To the ML: the demand is incomplete; what to complete, and by when (ISO date). */
  | { kind: 'demande_incomplete'; aCompleter: string; dateLimite: string }
  | { kind: 'relance_complements'; aCompleter: string; dateLimite: string }
  /** To the ML and UNML: the dossier lapsed (complements or signature never came). */
  | { kind: 'dossier_caduc'; motif: string }
  /** To the new interlocutrice: a dossier is handed over to her. */
  | { kind: 'passation_dossier'; precedente?: Recipient; note?: string }
  /** To the intervenant (and the ML in copy): mobilised on this dossier. */
  | { kind: 'intervenant_designe'; intervenant: Recipient }
  /** Compagnonnage — to the designated intervenant: accept or decline the intervention (from the link). */
  | { kind: 'designation_a_accepter' }
  /** To UNML: the pool's best candidates for the dossier, one line each with its reasons (issue #4); staff confirm one. */
  | { kind: 'intervenants_proposes'; propositions: { resume: string; raisons: string[] }[] }
  /** To UNML: nobody eligible is free; the dossier waits in the pool's waiting list at this priority (1 = highest). */
  | { kind: 'aucun_intervenant_disponible'; priorite: number; exclus: number }
  /** To UNML: capacity freed and this intervenant is now reserved for the waiting dossier; staff confirm. */
  | { kind: 'intervenant_disponible'; resume: string; raisons: string[] }
  /** Compagnonnage — to UNML: the designated intervenant declined, with the reason; another is to be designated. */
  | { kind: 'designation_declinee'; intervenant: Recipient; motif: string }
  /** Compagnonnage — to the other side of a logged session: confirm it or contest it (from the link). */
  | { kind: 'seance_a_confirmer'; numero: number; date: string; dureeMinutes: number; resume: string; enregistreePar: string }
  /** To UNML: a participant proposes another slot for a visio; UNML may reschedule it. */
  | { kind: 'visio_autre_creneau'; visio: VisioKind | RendezvousDiagnostic; debut: string; proposition: string; commentaire?: string; propose: string }
  /** To the ML: sign the acte d'engagement before the deadline (ISO date). */
  | { kind: 'acte_engagement_a_signer'; dateLimite: string }
  | { kind: 'relance_acte_engagement'; dateLimite: string }
  /** To every participant: a visio is scheduled (ISO start, minutes); `ancienDebut`: the slot it moves from (a reschedule). */
  | { kind: 'invitation_visio'; visio: VisioKind; debut: string; dureeMinutes: number; lien?: string; ancienDebut?: string }
  /** To ML and intervenant: a planned session is coming. */
  | { kind: 'rappel_seance'; debut: string; dureeMinutes: number }
  /** To UNML: 80 % of the hour package is used. */
  | { kind: 'alerte_forfait'; consommees: string; forfait: string }
  /** To UNML: no session logged for the configured delay (`delai`, ms; absent from older ones: two weeks). */
  | { kind: 'alerte_absence_seance'; depuis: string; delai?: number }
  /** To ML or intervenant: the evaluation questionnaire. */
  /** `reponsesAvant`: until when answers are received (absent from emails of dossiers before it). */
  | { kind: 'questionnaire_evaluation'; repondant: 'ml' | 'intervenant'; reponsesAvant?: string }
  /** To the ML, the configured delay (`delai`, ms; absent from older ones: 3 months) after the end: the bilan post-accompagnement. */
  | { kind: 'bilan_post_accompagnement'; delai?: number }
  /** To everyone: the dossier is abandoned, with the reason. */
  | { kind: 'dossier_abandonne'; motif: string }
  /** Appui Conseil — to the cabinet (contact and consultants): mobilised on this dossier. */
  | { kind: 'cabinet_mobilise'; cabinetNom: string }
  /** Appui Conseil — to an action's owner: a milestone of the plan d'action is coming (ISO date). */
  | { kind: 'rappel_jalon'; action: string; jalon: string; date: string }
  /** Appui Conseil — to UNML: a milestone passed without being marked reached. */
  | { kind: 'jalon_manque'; action: string; jalon: string; date: string; responsable: string }
  /** Appui Conseil — to the ML: the cabinet's rapport de diagnostic is there; the ML may comment on it. */
  | { kind: 'rapport_diagnostic_depose'; cabinetNom: string }
  /** Appui Conseil — to the cabinet and UNML: the ML commented on the rapport de diagnostic. */
  | { kind: 'commentaire_rapport'; auteur: string; commentaire: string }
  /** Appui Conseil — to UNML: the 15-day minimum of intervention is reached (budget 15 to 20 days). */
  | { kind: 'alerte_budget_jours'; realises: string; maximum: string }
  /** Appui Conseil — to UNML: a travel request waits for approval (seed 001: exceptional, approved beforehand). */
  | { kind: 'deplacement_a_approuver'; qui: string; ou: string; quand: string; pourquoi: string; coutEstimeEuros: number }
  /** Appui Conseil — to the cabinet: UNML's decision on a travel request. */
  | { kind: 'deplacement_decide'; ou: string; quand: string; approuve: boolean; motif?: string }
  /** Appui Conseil — to UNML: an intermediate call is overdue at the cadence UNML set. */
  | { kind: 'relance_appel'; avec: 'ml' | 'intervenants'; depuis: string }
  /** Appui Conseil — to UNML: the ML signed the acte d'engagement (who signed, when); the visio de lancement is to plan. */
  | { kind: 'appui_acte_signe'; signataire: string; signeLe: string }
  /** Appui Conseil — to UNML: the fiche de cadrage is filed (the need, the objectives); the cabinet's plan d'action comes next. */
  | { kind: 'appui_fiche_cadrage'; besoin: string; objectifs: string[] }
  /** Appui Conseil — to UNML: the mise en œuvre is ended (days done of the budget, the reason of an early end); the bilan comes next. */
  | { kind: 'appui_mise_en_oeuvre_terminee'; realises: string; plafond: string; motif?: string }
  /** To ML and intervenant: a session is planned (the iCalendar invitation is attached); `replanifiee` for a moved one. */
  | { kind: 'invitation_seance'; debut: string; dureeMinutes: number; replanifiee?: boolean; ancienDebut?: string }
  /** To an event's participants: it is cancelled (the iCalendar cancellation is attached). */
  | { kind: 'annulation_evenement'; titre: string; debut: string; motif?: string }
  /** To an event's participants: a visio is coming (one per configured offset, e.g. J-1 and H-1). */
  | { kind: 'rappel_evenement'; titre: string; debut: string; dureeMinutes: number; lien?: string }
  /** Compagnonnage — to UNML: a logged session is contested by the other side; UNML settles it. */
  | { kind: 'seance_contestee'; numero: number; date: string; dureeMinutes: number; commentaire?: string; contestePar?: string }
  /** To ML and intervenant: the dossier is closed. */
  | { kind: 'dossier_cloture' }
  /**
   * Diagnostic — to UNML: the pool's best binômes (a consultant + an ML director), each with its reasons (seed 000,
   * issue #4); staff designate each diagnostiqueur.
   */
  | { kind: 'binomes_proposes'; binomes: { resume: string; raisons: string[] }[] }
  /** Diagnostic — to a designated diagnostiqueur: accept or decline (with a reason) the diagnostic of this ML. */
  | { kind: 'diagnostiqueur_a_accepter'; role: string; autre?: Recipient }
  /** Diagnostic — to the ML and the binôme: both diagnostiqueurs accepted; each starts their own analysis of the dossier. */
  | { kind: 'binome_constitue'; consultant: Recipient; directeur: Recipient }
  /** Diagnostic — to the participants: a step of the diagnostic is scheduled (the iCalendar invitation is attached). */
  | {
      kind: 'invitation_diagnostic';
      evenement: RendezvousDiagnostic;
      debut: string;
      dureeMinutes: number;
      lien?: string;
      replanifiee?: boolean;
      /** The slot it moves from (set by workflows/shared/agenda.ts for a reschedule; say it with layout.ts creneauChange). */
      ancienDebut?: string;
    }
  /** Diagnostic — to the ML's direction: the people the binôme would like to meet; agree or amend. */
  | { kind: 'programme_a_valider'; rencontres: string[] }
  /** Diagnostic — to the ML's direction: the binôme asks for details while writing its reports (seed 000). */
  | { kind: 'precisions_demandees'; numero: number; question: string }
  /** Diagnostic — to the binôme: the ML's answer to their question. */
  | { kind: 'precisions_apportees'; numero: number; question: string; reponse: string }
  /** Diagnostic — to the ML: the binôme's crossed report is there; the ML has its say on it. */
  | { kind: 'rapport_croise_a_commenter'; constats: string; preconisations: string[]; version: number }
  /** Diagnostic — to the binôme, after the debriefing with UNML: each fills the standardised report alone. */
  | { kind: 'rapport_norme_attendu'; pistes: string[] }
  /** Diagnostic — to the ML and the binôme: the final review with UNML is done, with or without a proposed accompaniment. */
  | {
      kind: 'diagnostic_cloture';
      conclusions: string;
      accompagnement?: string;
      dispositifPropose?: 'compagnonnage' | 'appui_conseil';
      /** The direction answers the proposal from its personal link (issue #14), instead of the public demand form. */
      reponseParLien?: boolean;
    }
  /**
   * Diagnostic — the direction's answer to the proposed accompaniment (issue #14): declined (its reason), accepted and the
   * new dossier started (`dossierId`), or accepted but not receivable (`motifs`).
   */
  | { kind: 'suite_diagnostic_repondue'; dispositif: string; accepte: boolean; motif?: string; dossierId?: string; motifs?: string[]; par?: string }
  /** Diagnostic — to the binôme (UNML in copy): the ML's direction agreed the programme of meetings, or asks for changes (its comment). */
  | { kind: 'programme_repondu'; accepte: boolean; rencontres: string[]; commentaire?: string; par?: string }
  /** To the holder of an expired action link who asked for a fresh one (the link comes with NotifyInput.action). */
  | { kind: 'nouveau_lien'; actionLibelle: string }
  /** Compagnonnage — to UNML: the ML signed the acte d'engagement; the fiche de cadrage comes next. */
  | { kind: 'acte_engagement_signe'; signataire: string }
  /** Compagnonnage — to UNML: the fiche de cadrage is filed (objectives, rhythm, package); the visio de lancement comes next. */
  | { kind: 'fiche_cadrage_deposee'; objectifs: string[]; rythme: { heuresParSemaine: number; semaines: number }; forfait: string }
  /** Compagnonnage — to UNML: the accompaniment is ended (sessions, hours used); the bilan visios come next. */
  | { kind: 'accompagnement_termine'; seances: number; consommees: string; forfait: string; motif?: string }
  /**
   * Compagnonnage — a tool or document is shared (seed 003): to the other direction (`pour: 'participant'`, with a personal
   * link to the dossier's documents page: see and download, share in turn) and to UNML (`pour: 'unml'`). `deposePar`: who, in French.
   */
  | {
      kind: 'document_partage';
      pour: 'participant' | 'unml';
      numero: number;
      titre: string;
      note?: string;
      nomFichier: string;
      tailleOctets: number;
      deposePar: string;
    }
  /** Compagnonnage — to both directions: their personal link to the documents page, to share tools and documents (seed 003). */
  | { kind: 'documents_a_partager'; documents: number }
  | EmailCampagne;

/** A regional campaign's meetings (workflows/campagne/state.ts TYPES_REUNION, and the dialogue de gestion). */
export type ReunionCampagneKind = 'groupe_de_travail' | 'presentation_presidents' | 'presentation_directeurs' | 'restitution' | 'dialogue_gestion';

/** The emails of a regional campaign (seed 004, seed 002; issue #13). `phases`: French names and dates (YYYY-MM-DD). */
export type EmailCampagne =
  /** To every ML's direction and présidence, the consultant and the funders: the campaign starts, its phases and calendar. */
  | { kind: 'campagne_lancee'; nomCampagne: string; phases: { libelle: string; debut: string; fin: string }[]; consultant: Recipient }
  /** To a meeting's invitees (the iCalendar invitation is attached); `ancienDebut`: the slot it moves from. */
  | {
      kind: 'invitation_reunion_campagne';
      reunion: ReunionCampagneKind;
      titre: string;
      debut: string;
      dureeMinutes: number;
      lieu?: string;
      lien?: string;
      territoire?: string;
      ancienDebut?: string;
    }
  /** To each ML's direction and présidence: the support presenting the démarche and its commitments; acknowledge it (link). */
  | { kind: 'support_demarche'; nomSupport: string; url?: string }
  /** To UNML and the funders: the campaign enters a phase; `manquantes`: états des lieux closed without being validated. */
  | { kind: 'phase_campagne'; phase: string; debut?: string; fin?: string; manquantes?: string[]; progression?: string }
  /** To the ML's direction and présidence (consultant in copy): its état des lieux starts; the documents to provide. */
  | { kind: 'etat_des_lieux_ouvert'; documents: string[]; fin: string }
  /** To the ML's director: the état des lieux is there to review; validate it or return it with comments (link). */
  | { kind: 'etat_des_lieux_a_valider'; version: number; synthese: string }
  /** To the ML's director: reminder, the état des lieux still waits for the review (link again). */
  | { kind: 'relance_etat_des_lieux'; version: number; envoyeLe: string }
  /** To the consultant and UNML: the director has not answered despite the reminder. */
  | { kind: 'escalade_etat_des_lieux'; version: number; envoyeLe: string }
  /** To the consultant (UNML in copy): the director returned the état des lieux with comments. */
  | { kind: 'etat_des_lieux_retourne'; version: number; commentaires: string }
  /** To the consultant and UNML (the direction in copy): the director validated the état des lieux (`progression`: the campaign's, when known). */
  | { kind: 'etat_des_lieux_valide'; version: number; progression?: string }
  /** To UNML and the consultant: a blocking point recorded as such (or lifted: `leve`). */
  | { kind: 'point_bloquant_campagne'; point: string; leve?: boolean }
  /** To the ML, the consultant, the funders and UNML: an ML leaves the campaign, with the reason. */
  | { kind: 'ml_retiree_campagne'; mlNom: string; motif: string }
  /** To each director: seed 002's survey (e.g. on pooling), answered from the link. */
  | { kind: 'enquete_campagne'; questions: string[]; reponsesAvant?: string }
  /** To the ML's direction (UNML and the funders in copy): the projet de structure is recorded, valid until `valideAu`. */
  | { kind: 'projet_structure_enregistre'; valideDu: string; valideAu: string }
  /** To the ML's direction (UNML and the funders in copy): the projet de structure expires on `valideAu` (or has expired). */
  | { kind: 'projet_structure_a_renouveler'; valideAu: string; expire: boolean }
  /** To the ML's direction and the funders (UNML in copy): prepare the yearly dialogue de gestion; figures of year n-1. */
  | {
      kind: 'dialogue_gestion_a_preparer';
      annee: number;
      chiffres?: { annee: number; lignes: { libelle: string; valeur: string }[] };
      planAction: string[];
      axe3: string[];
    }
  /** To UNML: the dialogue de gestion is neither planned nor recorded yet. */
  | { kind: 'relance_dialogue_gestion'; annee: number }
  /** To the ML's direction and the funders (UNML in copy): held; the plan d'action's review and axe 3 with its reason. */
  | { kind: 'dialogue_gestion_tenu'; annee: number; revuePlanAction: string; axe3: { libelle: string; valeur: string }[]; motif: string }
  /** To everyone: the campaign is closed. */
  | { kind: 'campagne_cloturee'; motif?: string }
  /** To everyone: the campaign is cancelled, with the reason. */
  | { kind: 'campagne_annulee'; motif: string };

export type EmailKind = EmailMessage['kind'];

/**
 * A scheduled event sent with the email as an iCalendar invitation (METHOD:REQUEST) or cancellation
 * (METHOD:CANCEL). The UID is stable per event; a reschedule sends the same UID with a higher sequence.
 */
export interface Evenement {
  uid: string;
  sequence: number;
  method: 'REQUEST' | 'CANCEL';
  /** ISO instant of the start. */
  debut: string;
  dureeMinutes: number;
  titre: string;
  description?: string;
  /** Visio link, shown as the event's location. */
  lien?: string;
}

export interface NotifyInput {
  dossier: DossierRef;
  /** Unique within the dossier (e.g. "acte-relance-1"): makes the Message-ID deterministic. */
  key: string;
  to: Recipient[];
  cc?: Recipient[];
  message: EmailMessage;
  /** A scheduled event, attached as an iCalendar invitation or cancellation (organizer UNML; attendees: to and cc). */
  evenement?: Evenement;
  /**
   * The action this email asks of its recipients, done from a page: each `to` recipient then gets their own
   * email with a personal signed link (activities/action-links.ts); `cc` get one copy without a link. `role`:
   * one for all, or one per `to` recipient in order.
   */
  action?: {
    nom: ActionLien;
    /** `null` for a `to` recipient who gets the email without a link (e.g. UNML on a visio invitation). */
    role: RoleLien | (RoleLien | null)[];
    /** What the link is about within the action (a session number, a visio), bound into the token. */
    objet?: string;
  };
}

/** Actions a participant does from a personal link in an email (the path of its page under /agir/<dossier>/). */
export const ACTIONS_LIEN = [
  'signer-acte-engagement',
  'seance',
  'evaluation',
  'completer',
  'rapport-diagnostic',
  'repondre-designation',
  'confirmer-seance',
  'repondre-visio',
  'commenter-rapport',
  'analyse',
  'valider-programme',
  'rapport-individuel',
  'repondre-precisions',
  // Compagnonnage: the documents the two directions exchange (a page to see, download and share; not single-shot).
  'documents',
  // Regional campaigns (issue #13): acknowledge the démarche's support, review the état des lieux, answer the survey.
  'support-demarche',
  'valider-etat-des-lieux',
  'enquete',
  // Diagnostic (issue #14): the direction accepts or declines the accompaniment its final review proposed.
  'suite-diagnostic',
] as const;
export type ActionLien = (typeof ACTIONS_LIEN)[number];
/** Who the link's holder acts as (the timeline's role; the evaluation's respondent). */
export type RoleLien = 'ml' | 'intervenant' | 'cabinet';

export interface NotifyResult {
  messageId: string;
  /** The subject sent (absent in the results recorded before it was returned): the dossier's list of emails sent shows it. */
  sujet?: string;
}
