// The suivi document of a dossier, built from its state (pure: no I/O). Appui Conseil (seed 001 §5): Rapport de
// diagnostic, Fiche de cadrage, Fiche de suivi intermédiaire (plan d'action, rétroplanning, days, travel,
// calls), Fiche bilan, plus the cabinet's deliverables. Compagnonnage (seed 003): Fiche de cadrage, Fiche de
// suivi (sessions), Fiche bilan. The JSON answer is this model; the HTML document renders it.
import { BUDGET_JOURS, DEMI_JOURNEES_PAR_JOUR } from '../../domain/appui-conseil';
import { REGIONS } from '../../domain/regions';
import type { Contact } from '../../domain/schemas';
import type { AppuiConseilState, Deplacement } from '../../workflows/appui-conseil/state';
import type { CompagnonnageState, StatutSeance } from '../../workflows/compagnonnage/state';
import { LIBELLES_DISPOSITIFS } from '../common';

export const TITRES_PARTIES = {
  rapportDiagnostic: 'Rapport de diagnostic',
  ficheCadrage: 'Fiche de cadrage',
  ficheSuiviIntermediaire: 'Fiche de suivi intermédiaire',
  ficheSuivi: 'Fiche de suivi',
  ficheBilan: 'Fiche bilan',
} as const;

interface EnTete {
  titre: string;
  dossierId: string;
  missionLocale: { code: string; nom: string; region: string; regionNom: string };
  etape: string;
  deposeLe: string;
  genereLe: string;
  interlocutrice?: { nom: string; email: string };
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

export type DocumentSuivi = DocumentSuiviAppuiConseil | DocumentSuiviCompagnonnage;

const jours = (demiJournees: number) => demiJournees / DEMI_JOURNEES_PAR_JOUR;
const heures = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

function enTete(state: AppuiConseilState | CompagnonnageState, genereLe: string): EnTete {
  const ml = state.demande.missionLocale;
  return {
    titre: `Document de suivi — ${LIBELLES_DISPOSITIFS[state.dispositif]} — ${ml.nom}`,
    dossierId: state.dossierId,
    missionLocale: { code: ml.code, nom: ml.nom, region: ml.region, regionNom: REGIONS[ml.region] },
    etape: state.etape,
    deposeLe: state.creeLe,
    genereLe,
    ...(state.interlocutrice ? { interlocutrice: { nom: state.interlocutrice.nom, email: state.interlocutrice.email } } : {}),
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
          jalons: a.jalons.map((j, n) => ({ numero: n + 1, libelle: j.libelle, date: j.date, ...(j.atteint ? { atteintLe: j.atteint.le } : {}) })),
        })),
        retroplanning: suivi.planAction
          .flatMap((a) =>
            a.jalons.map((j) => ({
              date: j.date,
              libelle: j.libelle,
              action: a.numero,
              intitule: a.intitule,
              responsable: a.responsable.nom,
              atteint: !!j.atteint,
              ...(j.atteint ? { atteintLe: j.atteint.le } : {}),
            })),
          )
          .sort((x, y) => Date.parse(x.date) - Date.parse(y.date)),
        journees: {
          liste: [...suivi.journees]
            .sort((x, y) => Date.parse(x.date) - Date.parse(y.date))
            .map((j) => ({
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
          extensions: state.budget.extensions.map((e) => ({ jours: jours(e.demiJournees), motif: e.motif, le: e.le })),
        },
        deplacements: suivi.deplacements.map(({ decision, ...d }) => ({
          ...d,
          ...(decision ? { decisionLe: decision.le, ...(decision.motif ? { motifDecision: decision.motif } : {}) } : {}),
        })),
        appels: suivi.appels.map((a) => ({ date: a.date, avec: a.avec === 'ml' ? 'Mission Locale' : 'Intervenants', resume: a.resume })),
        ...(state.cadenceAppelsJours !== undefined ? { cadenceAppelsJours: state.cadenceAppelsJours } : {}),
      },
      ficheBilan: ficheBilan(state.ficheBilan),
    },
    livrables: state.livrables.map((l) => ({
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
        seances: state.ficheSuivi.seances.map((s) => ({
          numero: s.numero,
          date: s.date,
          dureeMinutes: s.dureeMinutes,
          resume: s.resume,
          statut: STATUTS_SEANCE_FR[s.statut],
        })),
        prochaines: state.ficheSuivi.prochaines,
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

export function documentSuivi(state: AppuiConseilState | CompagnonnageState, genereLe: string): DocumentSuivi {
  return state.dispositif === 'appui_conseil' ? documentSuiviAppuiConseil(state, genereLe) : documentSuiviCompagnonnage(state, genereLe);
}
