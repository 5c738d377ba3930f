// A regional campaign (seed 004, Région Alsace 2013–2014; seed 002's survey variant): its definition checked against
// the reference data, the progress of the états des lieux, and the results of a survey of the directors. Pure rules,
// unit-tested without Temporal (test/campagne.test.ts); the campaign's workflows (issue #13) build on them.
import type { RegionCode } from './regions';

export interface MlCampagne {
  code: string;
  nom: string;
}

export interface Territoire {
  nom: string;
  /** The codes of its Missions Locales (seed 004: 4 territories for the 11 Alsatian MLs). */
  mls: string[];
}

export interface Financeur {
  nom: string;
  organisme: 'etat' | 'region' | 'autre';
  contact: { nom: string; email: string };
}

export interface Periode {
  debut: string;
  fin: string;
}

/** Seed 004's three phases, in this order, then the projets de structure and the dialogues de gestion. */
export const PHASES = ['cadrage', 'etat_des_lieux', 'analyse_transversale'] as const;
export type Phase = (typeof PHASES)[number];

export const LIBELLES_PHASES: Record<Phase, string> = {
  cadrage: 'cadrage',
  etat_des_lieux: 'état des lieux par structure',
  analyse_transversale: 'analyse transversale et préconisations',
};

export interface DefinitionCampagne {
  region: RegionCode;
  mls: MlCampagne[];
  territoires: Territoire[];
  financeurs: Financeur[];
  /** The phases' dates (YYYY-MM-DD), in order, none overlapping the next. */
  calendrier: Record<Phase, Periode>;
}

export interface ErreurDefinition {
  chemin: string;
  message: string;
}

/**
 * Every reason the definition cannot start a campaign, in French with the field it concerns: MLs of the campaign's
 * région (from the reference data) listed once, each in exactly one territory, no territory empty, a funder of the
 * State and one of the Région (seed 004: "l'État et la Région"), the phases in order.
 */
export function verifierDefinition(def: DefinitionCampagne, referentiel: readonly { code: string; region: RegionCode }[]): ErreurDefinition[] {
  const erreurs: ErreurDefinition[] = [];
  const regionDe = new Map(referentiel.map((m) => [m.code, m.region]));
  if (def.mls.length < 2) erreurs.push({ chemin: 'mls', message: 'Une campagne régionale réunit au moins deux Missions Locales.' });
  const vues = new Set<string>();
  for (const [i, ml] of def.mls.entries()) {
    if (vues.has(ml.code)) erreurs.push({ chemin: `mls.${i}.code`, message: `${ml.nom} (${ml.code}) est déjà dans la liste.` });
    vues.add(ml.code);
    const region = regionDe.get(ml.code);
    if (region === undefined) erreurs.push({ chemin: `mls.${i}.code`, message: `${ml.code} n’est pas une Mission Locale du référentiel.` });
    else if (region !== def.region)
      erreurs.push({ chemin: `mls.${i}.code`, message: `${ml.nom} (${ml.code}) n’est pas de la région de la campagne : la campagne est régionale.` });
  }
  const territoireDe = new Map<string, string>();
  for (const [t, territoire] of def.territoires.entries()) {
    if (territoire.mls.length === 0)
      erreurs.push({ chemin: `territoires.${t}.mls`, message: `Le territoire « ${territoire.nom} » n’a aucune Mission Locale.` });
    for (const [j, code] of territoire.mls.entries()) {
      const deja = territoireDe.get(code);
      if (!vues.has(code))
        erreurs.push({
          chemin: `territoires.${t}.mls.${j}`,
          message: `${code} (territoire « ${territoire.nom} ») ne fait pas partie des Missions Locales de la campagne.`,
        });
      else if (deja !== undefined)
        erreurs.push({
          chemin: `territoires.${t}.mls.${j}`,
          message: `${code} est déjà dans le territoire « ${deja} » : une Mission Locale est dans un seul territoire.`,
        });
      territoireDe.set(code, territoire.nom);
    }
  }
  if (def.territoires.length === 0) erreurs.push({ chemin: 'territoires', message: 'Au moins un territoire : les restitutions se font par territoire.' });
  for (const [i, ml] of def.mls.entries()) {
    if (def.territoires.length > 0 && !territoireDe.has(ml.code))
      erreurs.push({ chemin: `mls.${i}.code`, message: `${ml.nom} (${ml.code}) n’est dans aucun territoire.` });
  }
  for (const organisme of ['etat', 'region'] as const) {
    if (!def.financeurs.some((f) => f.organisme === organisme))
      erreurs.push({
        chemin: 'financeurs',
        message: `Il manque le financeur ${organisme === 'etat' ? 'de l’État' : 'de la Région'} : la démarche se mène avec les deux.`,
      });
  }
  let precedente: { phase: Phase; fin: string } | undefined;
  for (const phase of PHASES) {
    const p = def.calendrier[phase];
    if (p.fin < p.debut) erreurs.push({ chemin: `calendrier.${phase}.fin`, message: `La phase « ${LIBELLES_PHASES[phase]} » finit avant de commencer.` });
    if (precedente && p.debut < precedente.fin)
      erreurs.push({
        chemin: `calendrier.${phase}.debut`,
        message: `La phase « ${LIBELLES_PHASES[phase]} » commence avant la fin de la phase « ${LIBELLES_PHASES[precedente.phase]} ».`,
      });
    precedente = { phase, fin: p.fin };
  }
  return erreurs;
}

/** Where one ML's état des lieux stands (the child workflow's state, seen by the parent). */
export type StatutEtatDesLieux = 'en_cours' | 'livrable_a_valider' | 'a_reprendre' | 'valide' | 'retiree';

export interface EtatDesLieuxMl {
  ml: string;
  nom: string;
  statut: StatutEtatDesLieux;
  /** A blocking point recorded as such (shown to UNML). */
  pointBloquant?: string;
  /** The director was reminded, then the consultant and UNML told. */
  relance?: 'relancee' | 'escaladee';
}

export interface Progression {
  valides: number;
  /** The MLs still in the campaign (those who left are not counted). */
  total: number;
  texte: string;
  /** Who is not validated yet, by name. */
  manquantes: string[];
  bloquants: { nom: string; point: string }[];
  /** True when every ML still in the campaign has its état des lieux validated. */
  complet: boolean;
}

/** "7 sur 11 validés": the phase's progress at any time, who is missing, what blocks. */
export function progression(etats: readonly EtatDesLieuxMl[]): Progression {
  const presentes = etats.filter((e) => e.statut !== 'retiree');
  const valides = presentes.filter((e) => e.statut === 'valide').length;
  const retirees = etats.length - presentes.length;
  return {
    valides,
    total: presentes.length,
    texte:
      `${valides} sur ${presentes.length} état${presentes.length > 1 ? 's' : ''} des lieux validé${presentes.length > 1 ? 's' : ''}` +
      (retirees ? ` (${retirees} Mission${retirees > 1 ? 's' : ''} Locale${retirees > 1 ? 's' : ''} retirée${retirees > 1 ? 's' : ''})` : ''),
    manquantes: presentes.filter((e) => e.statut !== 'valide').map((e) => e.nom),
    bloquants: presentes.filter((e) => e.pointBloquant).map((e) => ({ nom: e.nom, point: e.pointBloquant! })),
    complet: presentes.length > 0 && valides === presentes.length,
  };
}

export interface QuestionEnquete {
  code: string;
  libelle: string;
}

/** One director's answers: question code → in favour or not (absent: no answer). */
export type ReponsesEnquete = Readonly<Record<string, boolean>>;

export interface ResultatQuestion {
  code: string;
  libelle: string;
  pour: number;
  contre: number;
  sansReponse: number;
  /** The share in favour among those who answered, in whole percent (rounded down), or undefined without answers. */
  partPour?: number;
  texte: string;
}

/** Seed 002's survey on pooling: per question, the share in favour among the answers ("plus de 50 % favorables"). */
export function resultatsEnquete(questions: readonly QuestionEnquete[], reponses: readonly ReponsesEnquete[], interroges: number): ResultatQuestion[] {
  return questions.map((q) => {
    const pour = reponses.filter((r) => r[q.code] === true).length;
    const contre = reponses.filter((r) => r[q.code] === false).length;
    const exprimes = pour + contre;
    const partPour = exprimes ? Math.floor((100 * pour) / exprimes) : undefined;
    return {
      code: q.code,
      libelle: q.libelle,
      pour,
      contre,
      sansReponse: interroges - exprimes,
      ...(partPour !== undefined ? { partPour } : {}),
      texte:
        partPour === undefined
          ? `${q.libelle} : aucune réponse pour l’instant.`
          : `${q.libelle} : ${partPour} % favorables (${pour} sur ${exprimes} réponse${exprimes > 1 ? 's' : ''}, ${interroges} directions interrogées).`,
    };
  });
}
