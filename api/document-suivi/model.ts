// The suivi document of a dossier, built from its state (pure: no I/O). Appui Conseil (seed 001 §5): Rapport de
// diagnostic, Fiche de cadrage, Fiche de suivi intermédiaire (plan d'action, rétroplanning, days, travel,
// calls), Fiche bilan, plus the cabinet's deliverables. Compagnonnage (seed 003): Fiche de cadrage, Fiche de
// suivi (sessions), Fiche bilan. Diagnostic (seed 000): the analyses, the meetings, the programme, the debrief,
// the rapports normés, the questions to the ML, the crossed report and the ML's say on it, the conclusions.
// Every list is in date order (domain/chronologie.ts parDate). The JSON answer is this model; the HTML renders it.
import { BUDGET_JOURS, DEMI_JOURNEES_PAR_JOUR } from '../../domain/appui-conseil';
import { parDate } from '../../domain/chronologie';
import { ACCOMPAGNEMENTS_PROPOSABLES, ROLES_DIAGNOSTIC } from '../../domain/diagnostic';
import { REGIONS } from '../../domain/regions';
import type { Contact } from '../../domain/schemas';
import { ROLES } from '../../domain/vivier';
import type { AppuiConseilState, Deplacement } from '../../workflows/appui-conseil/state';
import type { CompagnonnageState, StatutSeance } from '../../workflows/compagnonnage/state';
import { CLES_RENDEZVOUS } from '../../workflows/diagnostic/regles';
import type { DiagnosticState, EvenementDiagnostic } from '../../workflows/diagnostic/state';
import { LIBELLES_DISPOSITIFS } from '../common';

export const TITRES_PARTIES = {
  rapportDiagnostic: 'Rapport de diagnostic',
  ficheCadrage: 'Fiche de cadrage',
  ficheSuiviIntermediaire: 'Fiche de suivi intermédiaire',
  ficheSuivi: 'Fiche de suivi',
  ficheBilan: 'Fiche bilan',
  analyses: 'Analyses individuelles',
  rendezVous: 'Rendez-vous du diagnostic',
  programme: 'Programme des rencontres',
  debriefing: 'Débriefing avec l’UNML',
  rapportsIndividuels: 'Rapports normés',
  precisions: 'Précisions demandées à la Mission Locale',
  rapportCroise: 'Rapport de diagnostic',
  conclusion: 'Revue finale et conclusions',
} as const;

interface EnTete {
  titre: string;
  dossierId: string;
  missionLocale: { code: string; nom: string; region: string; regionNom: string };
  etape: string;
  deposeLe: string;
  genereLe: string;
  interlocutrice?: { nom: string; email: string };
  /** The Diagnostic this dossier follows from (issue #14). */
  issuDe?: string;
  /** The dossier a Diagnostic led to (issue #14). */
  aConduitA?: string;
}

interface FicheBilanPartie {
  titre: string;
  renseignee: boolean;
  objectifs: { objectif: string; atteint: boolean; commentaire?: string }[];
  recommandations?: string;
  pointsDeVigilance?: string;
}

export interface DocumentSuiviAppuiConseil extends EnTete {
  dispositif: 'appui_conseil';
  intervenants: { cabinet?: { nom: string; consultants: string[] }; membresReseau: { nom: string; region: string }[] };
  parties: {
    rapportDiagnostic: { titre: string; renseigne: boolean; constats?: string; conclusions?: string; deposeLe?: string };
    ficheCadrage: { titre: string; renseignee: boolean; besoin?: string; objectifs: string[] };
    ficheSuiviIntermediaire: {
      titre: string;
      planAction: { numero: number; intitule: string; responsable: Contact; jalons: { numero: number; libelle: string; date: string; atteintLe?: string }[] }[];
      /** Every milestone of the plan, by date: the indicative rétroplanning. */
      retroplanning: { date: string; libelle: string; action: number; intitule: string; responsable: string; atteint: boolean; atteintLe?: string }[];
      journees: {
        liste: { numero: number; date: string; intervenant: string; demiJournees: number; jours: number; objet: string }[];
        parIntervenant: { intervenant: string; jours: number }[];
        totalJours: number;
        budget: { minimumJours: number; maximumJours: number; extensionsJours: number; totalJours: number; restantJours: number };
        extensions: { jours: number; motif: string; le: string }[];
      };
      deplacements: (Omit<Deplacement, 'decision'> & { decisionLe?: string; motifDecision?: string })[];
      appels: { date: string; avec: string; resume: string }[];
      cadenceAppelsJours?: number;
    };
    ficheBilan: FicheBilanPartie;
  };
  livrables: { numero: number; nom: string; ajouteLe: string; url?: string; fichier?: { type: string; tailleOctets: number; sha256: string }; lien: string }[];
}

/** How a session stands toward the package (workflows/compagnonnage/state.ts, StatutSeance), in French. */
const STATUTS_SEANCE_FR: Record<StatutSeance, string> = {
  en_attente: 'à confirmer',
  confirmee: 'confirmée',
  contestee: 'contestée (non décomptée)',
  retenue: 'retenue par l’UNML',
  ecartee: 'écartée par l’UNML (non décomptée)',
};

export interface DocumentSuiviCompagnonnage extends EnTete {
  dispositif: 'compagnonnage';
  intervenant?: { nom: string; region: string };
  parties: {
    ficheCadrage: { titre: string; renseignee: boolean; besoin?: string; objectifs: string[]; rythme?: { heuresParSemaine: number; semaines: number } };
    ficheSuivi: {
      titre: string;
      /** `statut`: in French (en attente de confirmation, confirmée, contestée, retenue, écartée par l’UNML). */
      seances: { numero: number; date: string; dureeMinutes: number; resume: string; statut: string }[];
      prochaines: { debut: string; dureeMinutes: number }[];
      heures: { forfaitHeures: number; consommeesHeures: number; extensionsHeures: number };
    };
    ficheBilan: FicheBilanPartie;
  };
}

/** A diagnostiqueur's deliverable: their role in French and their name. */
interface DeDiagnostiqueur {
  role: string;
  nom?: string;
}

export interface DocumentSuiviDiagnostic extends EnTete {
  dispositif: 'diagnostic';
  binome: { role: string; nom: string; region: string; accepteLe?: string }[];
  parties: {
    analyses: { titre: string; liste: (DeDiagnostiqueur & { synthese: string; le: string })[] };
    /** The mise en commun, the journée sur site and the revue finale, by date. */
    rendezVous: {
      titre: string;
      liste: { evenement: EvenementDiagnostic; nom: string; debut: string; dureeMinutes: number; tenu: boolean; compteRendu?: string }[];
    };
    programme: {
      titre: string;
      renseigne: boolean;
      rencontres: string[];
      proposeLe?: string;
      validation?: { accepte: boolean; commentaire?: string; le: string; par?: string };
    };
    debriefing: { titre: string; renseigne: boolean; pistes: string[]; le?: string };
    rapportsIndividuels: { titre: string; liste: (DeDiagnostiqueur & { forces: string; faiblesses: string; preconisations: string[]; le: string })[] };
    precisions: {
      titre: string;
      liste: { numero: number; question: string; le: string; par?: string; reponse?: { texte: string; le: string; par?: string } }[];
    };
    rapportCroise: {
      titre: string;
      renseigne: boolean;
      constats?: string;
      preconisations: string[];
      divergences?: string;
      version?: number;
      deposeLe?: string;
      modifications: { motif: string; le: string; par?: string }[];
      retoursMl: { commentaire: string; le: string; par?: string; version: number }[];
    };
    conclusion: { titre: string; renseignee: boolean; conclusions?: string; accompagnement?: string; motif?: string; le?: string };
  };
}

export type DocumentSuivi = DocumentSuiviAppuiConseil | DocumentSuiviCompagnonnage | DocumentSuiviDiagnostic;

const jours = (demiJournees: number) => demiJournees / DEMI_JOURNEES_PAR_JOUR;
const heures = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

function enTete(state: AppuiConseilState | CompagnonnageState | DiagnosticState, genereLe: string): EnTete {
  const ml = state.demande.missionLocale;
  return {
    titre: `Document de suivi — ${LIBELLES_DISPOSITIFS[state.dispositif]} — ${ml.nom}`,
    dossierId: state.dossierId,
    missionLocale: { code: ml.code, nom: ml.nom, region: ml.region, regionNom: REGIONS[ml.region] },
    etape: state.etape,
    deposeLe: state.creeLe,
    genereLe,
    ...(state.interlocutrice ? { interlocutrice: { nom: state.interlocutrice.nom, email: state.interlocutrice.email } } : {}),
    ...(state.issuDe ? { issuDe: state.issuDe } : {}),
    ...(state.dispositif === 'diagnostic' && state.aConduitA ? { aConduitA: state.aConduitA } : {}),
  };
}

function ficheBilan(fiche: AppuiConseilState['ficheBilan'] | CompagnonnageState['ficheBilan']): FicheBilanPartie {
  return fiche
    ? {
        titre: TITRES_PARTIES.ficheBilan,
        renseignee: true,
        objectifs: fiche.objectifs,
        recommandations: fiche.recommandations,
        pointsDeVigilance: fiche.pointsDeVigilance,
      }
    : { titre: TITRES_PARTIES.ficheBilan, renseignee: false, objectifs: [] };
}

export function documentSuiviAppuiConseil(state: AppuiConseilState, genereLe: string): DocumentSuiviAppuiConseil {
  const suivi = state.ficheSuiviIntermediaire;
  const parIntervenant = new Map<string, number>();
  for (const j of suivi.journees) parIntervenant.set(j.intervenant, (parIntervenant.get(j.intervenant) ?? 0) + j.demiJournees);
  const extensionsDemi = state.budget.extensions.reduce((sum, e) => sum + e.demiJournees, 0);
  const totalBudget = BUDGET_JOURS.maximum + jours(extensionsDemi);
  const realises = jours(state.budget.demiJourneesRealisees);

  return {
    ...enTete(state, genereLe),
    dispositif: 'appui_conseil',
    intervenants: {
      ...(state.cabinet ? { cabinet: { nom: state.cabinet.nom, consultants: state.cabinet.consultants.map((c) => c.nom) } } : {}),
      membresReseau: state.membresReseau.map((m) => ({ nom: m.nom, region: REGIONS[m.region] })),
    },
    parties: {
      rapportDiagnostic: state.rapportDiagnostic
        ? { titre: TITRES_PARTIES.rapportDiagnostic, renseigne: true, ...state.rapportDiagnostic }
        : { titre: TITRES_PARTIES.rapportDiagnostic, renseigne: false },
      ficheCadrage: state.ficheCadrage
        ? { titre: TITRES_PARTIES.ficheCadrage, renseignee: true, besoin: state.ficheCadrage.besoin, objectifs: state.ficheCadrage.objectifs }
        : { titre: TITRES_PARTIES.ficheCadrage, renseignee: false, ...(state.besoin ? { besoin: state.besoin } : {}), objectifs: [] },
      ficheSuiviIntermediaire: {
        titre: TITRES_PARTIES.ficheSuiviIntermediaire,
        planAction: suivi.planAction.map((a) => ({
          numero: a.numero,
          intitule: a.intitule,
          responsable: a.responsable,
          jalons: parDate(
            a.jalons.map((j, n) => ({ numero: n + 1, libelle: j.libelle, date: j.date, ...(j.atteint ? { atteintLe: j.atteint.le } : {}) })),
            (j) => j.date,
          ),
        })),
        retroplanning: parDate(
          suivi.planAction.flatMap((a) =>
            a.jalons.map((j) => ({
              date: j.date,
              libelle: j.libelle,
              action: a.numero,
              intitule: a.intitule,
              responsable: a.responsable.nom,
              atteint: !!j.atteint,
              ...(j.atteint ? { atteintLe: j.atteint.le } : {}),
            })),
          ),
          (j) => j.date,
        ),
        journees: {
          liste: parDate(suivi.journees, (j) => j.date).map((j) => ({
            numero: j.numero,
            date: j.date,
            intervenant: j.intervenant,
            demiJournees: j.demiJournees,
            jours: jours(j.demiJournees),
            objet: j.objet,
          })),
          parIntervenant: [...parIntervenant].map(([intervenant, demi]) => ({ intervenant, jours: jours(demi) })),
          totalJours: realises,
          budget: {
            minimumJours: BUDGET_JOURS.minimum,
            maximumJours: BUDGET_JOURS.maximum,
            extensionsJours: jours(extensionsDemi),
            totalJours: totalBudget,
            restantJours: Math.max(0, totalBudget - realises),
          },
          extensions: parDate(state.budget.extensions, (e) => e.le).map((e) => ({ jours: jours(e.demiJournees), motif: e.motif, le: e.le })),
        },
        deplacements: parDate(suivi.deplacements, (d) => d.quand).map(({ decision, ...d }) => ({
          ...d,
          ...(decision ? { decisionLe: decision.le, ...(decision.motif ? { motifDecision: decision.motif } : {}) } : {}),
        })),
        appels: parDate(suivi.appels, (a) => a.date).map((a) => ({
          date: a.date,
          avec: a.avec === 'ml' ? 'Mission Locale' : 'Intervenants',
          resume: a.resume,
        })),
        ...(state.cadenceAppelsJours !== undefined ? { cadenceAppelsJours: state.cadenceAppelsJours } : {}),
      },
      ficheBilan: ficheBilan(state.ficheBilan),
    },
    livrables: parDate(state.livrables, (l) => l.ajouteLe).map((l) => ({
      numero: l.numero,
      nom: l.nom,
      ajouteLe: l.ajouteLe,
      ...(l.url ? { url: l.url } : {}),
      ...(l.fichier ? { fichier: l.fichier } : {}),
      lien: `/api/dossiers/${state.dossierId}/livrables/${l.numero}`,
    })),
  };
}

export function documentSuiviCompagnonnage(state: CompagnonnageState, genereLe: string): DocumentSuiviCompagnonnage {
  const extensions = state.heures.extensions.reduce((sum, e) => sum + e.minutes, 0);
  return {
    ...enTete(state, genereLe),
    dispositif: 'compagnonnage',
    ...(state.intervenant ? { intervenant: { nom: state.intervenant.nom, region: REGIONS[state.intervenant.region] } } : {}),
    parties: {
      ficheCadrage: state.ficheCadrage
        ? { titre: TITRES_PARTIES.ficheCadrage, renseignee: true, ...state.ficheCadrage }
        : { titre: TITRES_PARTIES.ficheCadrage, renseignee: false, objectifs: [] },
      ficheSuivi: {
        titre: TITRES_PARTIES.ficheSuivi,
        seances: parDate(state.ficheSuivi.seances, (s) => s.date).map((s) => ({
          numero: s.numero,
          date: s.date,
          dureeMinutes: s.dureeMinutes,
          resume: s.resume,
          statut: STATUTS_SEANCE_FR[s.statut],
        })),
        prochaines: parDate(state.ficheSuivi.prochaines, (p) => p.debut),
        heures: {
          forfaitHeures: heures(state.heures.forfaitMinutes),
          consommeesHeures: heures(state.heures.consommeesMinutes),
          extensionsHeures: heures(extensions),
        },
      },
      ficheBilan: ficheBilan(state.ficheBilan),
    },
  };
}

const NOMS_RENDEZVOUS: Record<EvenementDiagnostic, string> = {
  mise_en_commun: 'Mise en commun des analyses',
  journee_sur_site: 'Journée sur site',
  revue_finale: 'Revue finale avec l’UNML',
};

export function documentSuiviDiagnostic(state: DiagnosticState, genereLe: string): DocumentSuiviDiagnostic {
  const de = (role: (typeof ROLES_DIAGNOSTIC)[number]): DeDiagnostiqueur => ({
    role: ROLES[role].libelle,
    ...(state.binome[role] ? { nom: state.binome[role].intervenant.nom } : {}),
  });
  const rendezVous = (['mise_en_commun', 'journee_sur_site', 'revue_finale'] as const).flatMap((e) => {
    const r = state[CLES_RENDEZVOUS[e]];
    if (!r || state.agenda[e]?.annule) return [];
    return [
      {
        evenement: e,
        nom: NOMS_RENDEZVOUS[e],
        debut: r.debut,
        dureeMinutes: r.dureeMinutes,
        tenu: !!r.tenu,
        ...(r.compteRendu ? { compteRendu: r.compteRendu } : {}),
      },
    ];
  });
  const rc = state.rapportCroise;
  const c = state.conclusion;
  return {
    ...enTete(state, genereLe),
    dispositif: 'diagnostic',
    binome: ROLES_DIAGNOSTIC.flatMap((r) => {
      const d = state.binome[r];
      return d
        ? [{ role: ROLES[r].libelle, nom: d.intervenant.nom, region: REGIONS[d.intervenant.region], ...(d.accepteLe ? { accepteLe: d.accepteLe } : {}) }]
        : [];
    }),
    parties: {
      analyses: {
        titre: TITRES_PARTIES.analyses,
        liste: parDate(
          ROLES_DIAGNOSTIC.flatMap((r) => {
            const a = state.analyses[r];
            return a ? [{ ...de(r), synthese: a.synthese, le: a.le }] : [];
          }),
          (a) => a.le,
        ),
      },
      rendezVous: { titre: TITRES_PARTIES.rendezVous, liste: parDate(rendezVous, (r) => r.debut) },
      programme: state.programme
        ? {
            titre: TITRES_PARTIES.programme,
            renseigne: true,
            rencontres: state.programme.rencontres,
            proposeLe: state.programme.proposeLe,
            ...(state.programme.validation ? { validation: state.programme.validation } : {}),
          }
        : { titre: TITRES_PARTIES.programme, renseigne: false, rencontres: [] },
      debriefing: state.debriefing
        ? { titre: TITRES_PARTIES.debriefing, renseigne: true, pistes: state.debriefing.pistes, le: state.debriefing.le }
        : { titre: TITRES_PARTIES.debriefing, renseigne: false, pistes: [] },
      rapportsIndividuels: {
        titre: TITRES_PARTIES.rapportsIndividuels,
        liste: parDate(
          ROLES_DIAGNOSTIC.flatMap((r) => {
            const x = state.rapports[r];
            return x ? [{ ...de(r), forces: x.forces, faiblesses: x.faiblesses, preconisations: x.preconisations, le: x.le }] : [];
          }),
          (x) => x.le,
        ),
      },
      precisions: {
        titre: TITRES_PARTIES.precisions,
        liste: parDate(state.precisions, (p) => p.le).map((p) => ({
          numero: p.numero,
          question: p.question,
          le: p.le,
          ...(p.par ? { par: p.par } : {}),
          ...(p.reponse ? { reponse: p.reponse } : {}),
        })),
      },
      rapportCroise: rc
        ? {
            titre: TITRES_PARTIES.rapportCroise,
            renseigne: true,
            constats: rc.constats,
            preconisations: rc.preconisations,
            ...(rc.divergences ? { divergences: rc.divergences } : {}),
            version: rc.version,
            deposeLe: rc.le,
            modifications: parDate(rc.modifications, (m) => m.le),
            retoursMl: parDate(state.retoursMl, (r) => r.le),
          }
        : { titre: TITRES_PARTIES.rapportCroise, renseigne: false, preconisations: [], modifications: [], retoursMl: [] },
      conclusion: c
        ? {
            titre: TITRES_PARTIES.conclusion,
            renseignee: true,
            conclusions: c.conclusions,
            ...(c.accompagnement ? { accompagnement: ACCOMPAGNEMENTS_PROPOSABLES[c.accompagnement] } : {}),
            ...(c.motif ? { motif: c.motif } : {}),
            le: c.le,
          }
        : { titre: TITRES_PARTIES.conclusion, renseignee: false },
    },
  };
}

export function documentSuivi(state: AppuiConseilState | CompagnonnageState | DiagnosticState, genereLe: string): DocumentSuivi {
  switch (state.dispositif) {
    case 'appui_conseil':
      return documentSuiviAppuiConseil(state, genereLe);
    case 'compagnonnage':
      return documentSuiviCompagnonnage(state, genereLe);
    case 'diagnostic':
      return documentSuiviDiagnostic(state, genereLe);
  }
}
