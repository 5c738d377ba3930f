// The ranking of the pool's candidates for a dossier (issue #4), pure and deterministic: no I/O, no clock
// (the reference time is a parameter), no Node built-ins, no zod. The API, the activities and the workflows
// (resumeClassement) import it alike.
//
// Two stages, each explained in French to UNML staff:
// 1. Hard rules: any broken rule excludes the candidate, with one sentence per rule naming the fact
//    (wrong kind for the role, inactive, own région, declared acquaintance, own Mission Locale, capacity,
//    unavailable at the start, already solicited). Every broken rule is listed, not only the first one.
// 2. A score 0..100 for the eligible ones: the sum of the components below, each rounded to a whole point
//    so that the contributions shown in `raisons` add up exactly to the score.
import { dateCivileFr, nombreFr } from './format';
import { REGIONS } from './regions';
import type { Dispositif } from './schemas';
import {
  EXPERTISES,
  ROLES,
  type BesoinDossier,
  type CandidatVivier,
  type Classement,
  type Expertise,
  type Indisponibilite,
  type Role,
  type TypeIntervenant,
} from './vivier';

// ---------------------------------------------------------------------------------------------------------
// Weights (points out of 100). POIDS_EXPERTISE + POIDS_CHARGE + POIDS_ROTATION_FREQUENCE + POIDS_ROTATION_ANCIENNETE = 100.

/** Expertise fit, the largest weight: the share of the dossier's topics the candidate covers × 50. No topic given → full points. */
export const POIDS_EXPERTISE = 50;
/** Current load: (1 − mean of dossiers in progress / capacity and hours reserved / monthly capacity) × 25. */
export const POIDS_CHARGE = 25;
/** Fair rotation, frequency: (1 − assignments over 12 months / AFFECTATIONS_12_MOIS_PLAFOND), floored at 0, × 15. */
export const POIDS_ROTATION_FREQUENCE = 15;
/** Fair rotation, recency: time since the last assignment / 12 months, capped at 1, × 10; never assigned → full points. */
export const POIDS_ROTATION_ANCIENNETE = 10;
/** Assignments over 12 months from which the frequency component is 0. */
export const AFFECTATIONS_12_MOIS_PLAFOND = 6;
/** Time since the last assignment from which the recency component is full. */
export const ANCIENNETE_PLEINE_JOURS = 365;

/**
 * Availability tolerance: any unavailability overlapping the first SEMAINES_DEMARRAGE weeks of the dossier's
 * period excludes the candidate (the launch and first sessions cannot wait); one overlapping only the rest of
 * the period is a penalty: PENALITE_INDISPONIBILITE_MAX × unavailable days / days of the period, at least
 * PENALITE_INDISPONIBILITE_MIN and at most PENALITE_INDISPONIBILITE_MAX points (overlapping days counted once).
 * Unavailabilities outside the period are ignored.
 */
export const SEMAINES_DEMARRAGE = 4;
export const PENALITE_INDISPONIBILITE_MAX = 10;
export const PENALITE_INDISPONIBILITE_MIN = 2;

// Diagnostic binômes (seed 000): points out of 100. POIDS_BINOME_INDIVIDUEL + POIDS_BINOME_COUVERTURE + BONUS_BINOME_REGIONS_DIFFERENTES = 100.

/** Mean of the two individual scores (0..100) × 60 / 100. */
export const POIDS_BINOME_INDIVIDUEL = 60;
/** Share of the dossier's themes covered by the union of both expertises × 35: what makes a pair complementary. */
export const POIDS_BINOME_COUVERTURE = 35;
/** Small bonus when the consultant and the director come from different régions (two outside views). */
export const BONUS_BINOME_REGIONS_DIFFERENTES = 5;

/** Rules that apply to a role, with the seed that states them. */
export const REGLES_PAR_ROLE: Record<Role, { regionExclue: boolean; seed: string }> = {
  compagnon: { regionExclue: true, seed: '003' },
  // seed 001 excludes the ML's région for a network member only, not for the cabinet's consultants.
  consultant_appui: { regionExclue: false, seed: '001' },
  membre_reseau: { regionExclue: true, seed: '001' },
  // seed 000: neither diagnostiqueur visits an ML of their own région.
  diagnostiqueur_consultant: { regionExclue: true, seed: '000' },
  diagnostiqueur_directeur: { regionExclue: true, seed: '000' },
  // seed 004: a neutral consultant for the whole région's campaign; its own région is not excluded.
  consultant_campagne: { regionExclue: false, seed: '004' },
};

/** A Diagnostic pair (seed 000): an external consultant + an ML director, with the pair's score and reasons. */
export interface PropositionBinome {
  consultant: Classement;
  directeur: Classement;
  /** 0..100. */
  score: number;
  raisons: string[];
}

// ---------------------------------------------------------------------------------------------------------
// French wording

const DISPOSITIF_LIBELLE: Record<Dispositif | 'campagne', string> = {
  compagnonnage: 'Compagnonnage',
  appui_conseil: 'Appui Conseil',
  diagnostic: 'Diagnostic',
  campagne: 'campagne régionale',
};

const TYPE_SINGULIER: Record<TypeIntervenant, string> = {
  consultant_cabinet: 'Un·e consultant·e de cabinet',
  directeur_ml: 'Un·e directeur·rice de Mission Locale',
  expert_reseau: 'Un·e expert·e du réseau',
};

const TYPE_PLURIEL: Record<TypeIntervenant, string> = {
  consultant_cabinet: 'des consultant·es de cabinet',
  directeur_ml: 'des directeur·rices de Mission Locale',
  expert_reseau: 'des expert·es du réseau',
};

const JOUR_MS = 86_400_000;

const pluriel = (n: number, singulier: string, plur = `${singulier}s`) => `${n} ${n > 1 ? plur : singulier}`;
const points = (n: number) => `${n >= 0 ? '+' : '−'}${Math.abs(n)} pt${Math.abs(n) > 1 ? 's' : ''}`;
const libelles = (es: readonly Expertise[]) => es.map((e) => `« ${EXPERTISES[e]} »`).join(', ');
const sansPoint = (s: string) => s.trim().replace(/[.\s]+$/, '');

// ---------------------------------------------------------------------------------------------------------
// Dates

/** Day number of a calendar date (YYYY-MM-DD, or the date part of an ISO date-time); NaN when unreadable. */
function jourDe(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return Number.NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / JOUR_MS;
}

interface Intervalle {
  debut: number;
  fin: number;
}

function intersection(a: Intervalle, b: Intervalle): Intervalle | null {
  const debut = Math.max(a.debut, b.debut);
  const fin = Math.min(a.fin, b.fin);
  return debut <= fin ? { debut, fin } : null;
}

/** Days covered by a set of intervals, overlaps counted once. */
function joursCouverts(intervalles: Intervalle[]): number {
  const tries = [...intervalles].sort((a, b) => a.debut - b.debut);
  let total = 0;
  let courant: Intervalle | null = null;
  for (const i of tries) {
    if (courant && i.debut <= courant.fin + 1) {
      courant.fin = Math.max(courant.fin, i.fin);
    } else {
      if (courant) total += courant.fin - courant.debut + 1;
      courant = { ...i };
    }
  }
  if (courant) total += courant.fin - courant.debut + 1;
  return total;
}

function decrireIndisponibilite(i: Indisponibilite, debut: number, fin: number): string {
  const motif = i.motif?.trim() ? ` (${sansPoint(i.motif)})` : '';
  return `du ${dateCivileFr(debut)} au ${dateCivileFr(fin)}${motif}`;
}

function ecouleDepuis(jours: number): string {
  if (jours <= 0) return "aujourd'hui";
  if (jours < 31) return `il y a ${pluriel(jours, 'jour')}`;
  const mois = Math.floor(jours / 30.4375);
  if (mois < 12) return `il y a ${mois} mois`;
  const ans = Math.floor(mois / 12);
  const reste = mois % 12;
  return `il y a ${pluriel(ans, 'an')}${reste ? ` et ${reste} mois` : ''}`;
}

// ---------------------------------------------------------------------------------------------------------
// The ranking

interface Evaluation {
  classement: Classement;
  candidat: CandidatVivier;
  derniere: number;
}

function exclusionsDe(besoin: BesoinDossier, c: CandidatVivier, demarrage: Intervalle): string[] {
  const role = ROLES[besoin.role];
  const regles = REGLES_PAR_ROLE[besoin.role];
  const ml = besoin.missionLocale;
  const out: string[] = [];

  const types: readonly TypeIntervenant[] = role.types;
  if (!types.includes(c.type)) {
    const admis = types.map((t) => TYPE_PLURIEL[t]).join(' ou ');
    out.push(
      `${TYPE_SINGULIER[c.type]} ne peut pas intervenir en ${DISPOSITIF_LIBELLE[role.dispositif]} comme « ${role.libelle} » : ` +
        `seuls ${admis} tiennent ce rôle (seed ${regles.seed}).`,
    );
  }

  if (!c.actif) {
    out.push(`${c.nom} est inactif·ve dans le vivier : sa fiche doit être réactivée avant toute sollicitation.`);
  }

  if (regles.regionExclue && c.region === ml.region) {
    const regle =
      regles.seed === '000'
        ? 'par impartialité, un·e diagnostiqueur·se ne visite jamais une Mission Locale de sa région'
        : 'un·e intervenant·e du réseau n’intervient jamais dans sa propre région';
    out.push(
      `${c.nom} est de la région ${REGIONS[c.region]}, comme la Mission Locale demandeuse (${ml.nom}, région ${REGIONS[ml.region]}) : ` +
        `${regle} (seed ${regles.seed}).`,
    );
  }

  const connues = c.connaissances.filter((k) => k.missionLocaleCode === ml.code);
  if (connues.length > 0) {
    const personnes = connues.map((k) => k.personne?.trim()).filter((p): p is string => Boolean(p));
    const qui = personnes.length > 0 ? personnes.join(', ') : 'la direction ou la présidence';
    out.push(
      `${c.nom} déclare connaître ${qui} à la Mission Locale demandeuse (${ml.nom}) : ` +
        `par impartialité, on n’intervient pas dans une Mission Locale dont on connaît la direction ou la présidence (seed 000).`,
    );
  }

  if (c.missionLocaleCode !== undefined && c.missionLocaleCode === ml.code) {
    out.push(`La Mission Locale demandeuse (${ml.nom}) est celle de ${c.nom} : on n’intervient jamais dans sa propre structure.`);
  }

  const { dossiersEnCours, heuresMoisReservees } = c.charge;
  if (dossiersEnCours >= c.capaciteDossiers) {
    out.push(`Capacité atteinte : ${pluriel(dossiersEnCours, 'dossier')} en cours pour une capacité de ${pluriel(c.capaciteDossiers, 'dossier')}.`);
  }
  const heuresApres = heuresMoisReservees + besoin.heuresMois;
  if (heuresApres > c.capaciteHeuresMois) {
    out.push(
      `Heures insuffisantes : ${nombreFr(heuresMoisReservees)} h/mois déjà réservées + ${nombreFr(besoin.heuresMois)} h/mois pour ce dossier = ` +
        `${nombreFr(heuresApres)} h/mois, au-delà de sa capacité de ${nombreFr(c.capaciteHeuresMois)} h/mois.`,
    );
  }

  for (const i of c.indisponibilites) {
    const chevauche = intersection({ debut: jourDe(i.debut), fin: jourDe(i.fin) }, demarrage);
    if (chevauche) {
      out.push(
        `Indisponible ${decrireIndisponibilite(i, jourDe(i.debut), jourDe(i.fin))}, ` +
          `pendant les ${SEMAINES_DEMARRAGE} premières semaines de l’intervention (qui commence le ${dateCivileFr(besoin.periode.debut)}).`,
      );
    }
  }

  for (const s of besoin.dejaSollicites ?? []) {
    if (s.intervenantId === c.id) {
      const motif = s.motif?.trim() ? ` : ${sansPoint(s.motif)}` : '';
      out.push(`Déjà sollicité·e pour ce dossier${motif}.`);
    }
  }
  return out;
}

/** Expertise coverage of a set of topics. */
function couverture(sujets: readonly Expertise[], expertises: readonly Expertise[]): { couverts: Expertise[]; manquants: Expertise[] } {
  const a = new Set(expertises);
  return { couverts: sujets.filter((s) => a.has(s)), manquants: sujets.filter((s) => !a.has(s)) };
}

function scoreDe(
  besoin: BesoinDossier,
  c: CandidatVivier,
  periode: Intervalle,
  demarrage: Intervalle,
  maintenant: number,
): { score: number; raisons: string[] } {
  const raisons: string[] = [];
  const sujets = [...new Set(besoin.sujets)];

  // Expertise fit.
  let expertise: number;
  if (sujets.length === 0) {
    expertise = POIDS_EXPERTISE;
    raisons.push(`Expertise : aucun sujet précisé pour ce dossier, critère neutre : ${points(expertise)} sur ${POIDS_EXPERTISE}.`);
  } else {
    const { couverts, manquants } = couverture(sujets, c.expertises);
    expertise = Math.round((POIDS_EXPERTISE * couverts.length) / sujets.length);
    const detail = [couverts.length > 0 ? `couvre ${libelles(couverts)}` : '', manquants.length > 0 ? `manque ${libelles(manquants)}` : '']
      .filter(Boolean)
      .join(' ; ');
    raisons.push(
      `Expertise : ${couverts.length} ${couverts.length > 1 ? 'sujets' : 'sujet'} sur ${sujets.length} couvert${couverts.length > 1 ? 's' : ''} ` +
        `(${detail}) : ${points(expertise)} sur ${POIDS_EXPERTISE}.`,
    );
  }

  // Current load, relative to capacity.
  const { dossiersEnCours, heuresMoisReservees, affectations12Mois, derniereAffectationLe } = c.charge;
  const ratio = (n: number, cap: number) => (cap > 0 ? Math.min(1, Math.max(0, n / cap)) : 1);
  const occupation = (ratio(dossiersEnCours, c.capaciteDossiers) + ratio(heuresMoisReservees, c.capaciteHeuresMois)) / 2;
  const charge = Math.round(POIDS_CHARGE * (1 - occupation));
  raisons.push(
    `Charge actuelle : ${pluriel(dossiersEnCours, 'dossier')} en cours sur ${c.capaciteDossiers}, ` +
      `${nombreFr(heuresMoisReservees)} h/mois réservées sur ${nombreFr(c.capaciteHeuresMois)} h : ${points(charge)} sur ${POIDS_CHARGE}.`,
  );

  // Fair rotation: how often, and how long ago.
  const frequence = Math.round(POIDS_ROTATION_FREQUENCE * Math.max(0, 1 - affectations12Mois / AFFECTATIONS_12_MOIS_PLAFOND));
  raisons.push(
    affectations12Mois === 0
      ? `Rotation : aucune intervention sur les 12 derniers mois : ${points(frequence)} sur ${POIDS_ROTATION_FREQUENCE}.`
      : `Rotation : ${pluriel(affectations12Mois, 'intervention')} sur les 12 derniers mois : ${points(frequence)} sur ${POIDS_ROTATION_FREQUENCE}.`,
  );
  let anciennete: number;
  const derniere = derniereAffectationLe === undefined ? Number.NaN : Date.parse(derniereAffectationLe);
  if (Number.isNaN(derniere)) {
    anciennete = POIDS_ROTATION_ANCIENNETE;
    raisons.push(`Jamais sollicité·e : ${points(anciennete)} sur ${POIDS_ROTATION_ANCIENNETE}.`);
  } else {
    const jours = Math.max(0, Math.floor((maintenant - derniere) / JOUR_MS));
    anciennete = Math.round(POIDS_ROTATION_ANCIENNETE * Math.min(1, jours / ANCIENNETE_PLEINE_JOURS));
    raisons.push(`Dernière intervention ${ecouleDepuis(jours)} : ${points(anciennete)} sur ${POIDS_ROTATION_ANCIENNETE}.`);
  }

  // A later partial unavailability (one overlapping the start already excluded the candidate).
  const tardives: { i: Indisponibilite; chevauche: Intervalle }[] = [];
  for (const i of c.indisponibilites) {
    const chevauche = intersection({ debut: jourDe(i.debut), fin: jourDe(i.fin) }, periode);
    if (chevauche && !intersection(chevauche, demarrage)) tardives.push({ i, chevauche });
  }
  let penalite = 0;
  if (tardives.length > 0) {
    const jours = joursCouverts(tardives.map((t) => t.chevauche));
    const joursPeriode = periode.fin - periode.debut + 1;
    const proportionnelle = Math.round((PENALITE_INDISPONIBILITE_MAX * jours) / joursPeriode);
    penalite = Math.min(PENALITE_INDISPONIBILITE_MAX, Math.max(PENALITE_INDISPONIBILITE_MIN, proportionnelle));
    const quand = tardives.map((t) => decrireIndisponibilite(t.i, t.chevauche.debut, t.chevauche.fin)).join(' ; ');
    raisons.push(
      `Indisponible en cours d’intervention, après les ${SEMAINES_DEMARRAGE} premières semaines : ` +
        `${quand}, soit ${pluriel(jours, 'jour')} sur ${joursPeriode} : ${points(-penalite)}.`,
    );
  }

  const score = Math.min(100, Math.max(0, expertise + charge + frequence + anciennete - penalite));
  return { score, raisons };
}

/** Eligible first, by score, then fewer assignments over 12 months, then the older last assignment (never first), then id. */
function comparer(a: Evaluation, b: Evaluation): number {
  if (a.classement.eligible !== b.classement.eligible) return a.classement.eligible ? -1 : 1;
  if (a.classement.eligible) {
    if (a.classement.score !== b.classement.score) return b.classement.score - a.classement.score;
    const affectations = a.candidat.charge.affectations12Mois - b.candidat.charge.affectations12Mois;
    if (affectations !== 0) return affectations;
    if (a.derniere !== b.derniere) return a.derniere - b.derniere;
  } else if (a.classement.exclusions.length !== b.classement.exclusions.length) {
    // Excluded ones: the closest to eligible first.
    return a.classement.exclusions.length - b.classement.exclusions.length;
  }
  return a.candidat.id < b.candidat.id ? -1 : a.candidat.id > b.candidat.id ? 1 : 0;
}

/**
 * Ranks every candidate for the dossier's role: eligible ones first, by rank (1 = best), then the excluded ones
 * with their reasons. `maintenant` (ISO date-time) is the reference time for fair rotation.
 */
export function classerCandidats(besoin: BesoinDossier, candidats: CandidatVivier[], maintenant: string): Classement[] {
  const debut = jourDe(besoin.periode.debut);
  const fin = jourDe(besoin.periode.fin);
  if (Number.isNaN(debut) || Number.isNaN(fin) || fin < debut) {
    throw new RangeError(`Période du dossier ${besoin.dossierId} invalide : du ${besoin.periode.debut} au ${besoin.periode.fin}.`);
  }
  const now = Date.parse(maintenant);
  if (Number.isNaN(now)) throw new RangeError(`Date de référence invalide : ${maintenant}.`);
  const periode = { debut, fin };
  const demarrage = { debut, fin: Math.min(fin, debut + SEMAINES_DEMARRAGE * 7 - 1) };

  const evaluations: Evaluation[] = candidats.map((c) => {
    const exclusions = exclusionsDe(besoin, c, demarrage);
    const base = { intervenantId: c.id, nom: c.nom, type: c.type, region: c.region };
    const derniere = c.charge.derniereAffectationLe === undefined ? Number.NEGATIVE_INFINITY : Date.parse(c.charge.derniereAffectationLe);
    const classement: Classement =
      exclusions.length > 0
        ? { ...base, eligible: false, score: 0, exclusions, raisons: [] }
        : { ...base, eligible: true, exclusions: [], ...scoreDe(besoin, c, periode, demarrage, now) };
    return { classement, candidat: c, derniere: Number.isNaN(derniere) ? Number.NEGATIVE_INFINITY : derniere };
  });

  evaluations.sort(comparer);
  let rang = 0;
  return evaluations.map(({ classement }) => (classement.eligible ? { ...classement, rang: ++rang } : classement));
}

// ---------------------------------------------------------------------------------------------------------
// Diagnostic binômes (seed 000)

/**
 * Pairs for a Diagnostic: each eligible consultant (ranked on `besoinConsultant`) with each eligible ML director
 * (ranked on `besoinDirecteur`), never the same person twice, scored by both individual scores, the coverage of
 * the dossier's themes by the union of their expertises, and a small bonus for different régions. Best first;
 * empty when either role has no eligible candidate.
 */
export function proposerBinomes(
  besoinConsultant: BesoinDossier,
  besoinDirecteur: BesoinDossier,
  candidats: CandidatVivier[],
  maintenant: string,
  max = 5,
): PropositionBinome[] {
  const consultants = classerCandidats(besoinConsultant, candidats, maintenant).filter((c) => c.eligible);
  const directeurs = classerCandidats(besoinDirecteur, candidats, maintenant).filter((c) => c.eligible);
  const parId = new Map(candidats.map((c) => [c.id, c]));
  const sujets = [...new Set([...besoinConsultant.sujets, ...besoinDirecteur.sujets])];

  const binomes: PropositionBinome[] = [];
  for (const consultant of consultants) {
    for (const directeur of directeurs) {
      if (consultant.intervenantId === directeur.intervenantId) continue;
      const expC = parId.get(consultant.intervenantId)?.expertises ?? [];
      const expD = parId.get(directeur.intervenantId)?.expertises ?? [];
      const raisons: string[] = [];

      const individuel = Math.round((POIDS_BINOME_INDIVIDUEL * (consultant.score + directeur.score)) / 200);
      raisons.push(
        `Scores individuels : ${consultant.nom} (consultant·e) ${consultant.score}/100, ` +
          `${directeur.nom} (directeur·rice de Mission Locale) ${directeur.score}/100 : ${points(individuel)} sur ${POIDS_BINOME_INDIVIDUEL}.`,
      );

      let complementarite: number;
      if (sujets.length === 0) {
        complementarite = POIDS_BINOME_COUVERTURE;
        raisons.push(`Complémentarité : aucun thème précisé pour ce dossier, critère neutre : ${points(complementarite)} sur ${POIDS_BINOME_COUVERTURE}.`);
      } else {
        const c = new Set(expC);
        const d = new Set(expD);
        const tousDeux = sujets.filter((s) => c.has(s) && d.has(s));
        const parC = sujets.filter((s) => c.has(s) && !d.has(s));
        const parD = sujets.filter((s) => d.has(s) && !c.has(s));
        const manquants = sujets.filter((s) => !c.has(s) && !d.has(s));
        const couverts = tousDeux.length + parC.length + parD.length;
        complementarite = Math.round((POIDS_BINOME_COUVERTURE * couverts) / sujets.length);
        const detail = [
          parC.length > 0 ? `${consultant.nom} apporte ${libelles(parC)}` : '',
          parD.length > 0 ? `${directeur.nom} apporte ${libelles(parD)}` : '',
          tousDeux.length > 0 ? `tous deux couvrent ${libelles(tousDeux)}` : '',
          manquants.length > 0 ? `aucun ne couvre ${libelles(manquants)}` : '',
        ].filter(Boolean);
        raisons.push(
          `Complémentarité : le binôme couvre ${couverts} ${couverts > 1 ? 'thèmes' : 'thème'} sur ` +
            `${sujets.length}${detail.length > 0 ? ` (${detail.join(' ; ')})` : ''} : ${points(complementarite)} sur ${POIDS_BINOME_COUVERTURE}.`,
        );
      }

      const regionsDifferentes = consultant.region !== directeur.region;
      const bonus = regionsDifferentes ? BONUS_BINOME_REGIONS_DIFFERENTES : 0;
      raisons.push(
        regionsDifferentes
          ? `Régions différentes (${REGIONS[consultant.region]}, ${REGIONS[directeur.region]}) : deux regards extérieurs : ${points(bonus)}.`
          : `Même région pour les deux (${REGIONS[consultant.region]}) : pas de bonus.`,
      );

      binomes.push({ consultant, directeur, score: Math.min(100, individuel + complementarite + bonus), raisons });
    }
  }

  binomes.sort(
    (a, b) =>
      b.score - a.score ||
      (a.consultant.rang ?? 0) + (a.directeur.rang ?? 0) - ((b.consultant.rang ?? 0) + (b.directeur.rang ?? 0)) ||
      (a.consultant.rang ?? 0) - (b.consultant.rang ?? 0) ||
      (a.directeur.rang ?? 0) - (b.directeur.rang ?? 0),
  );
  return binomes.slice(0, Math.max(0, max));
}

// ---------------------------------------------------------------------------------------------------------
// Summary

/** The "N sujet(s) sur M" of the expertise reason classerCandidats writes. */
const COUVERTURE_RE = /^Expertise : (\d+) sujets? sur (\d+) couverts?/;

/**
 * One line in French for emails and the timeline: "1er · Marie Dupont (Bretagne) · 82/100 · couvre 2 sujets sur 3",
 * or "Écarté·e · Marie Dupont (Bretagne) · <first reason> (+1 autre motif)" for an excluded candidate.
 */
export function resumeClassement(c: Classement): string {
  const qui = `${c.nom} (${REGIONS[c.region] ?? c.region})`;
  if (!c.eligible) {
    const [premiere, ...autres] = c.exclusions;
    const suite = autres.length > 0 ? ` (+${autres.length} ${autres.length > 1 ? 'autres motifs' : 'autre motif'})` : '';
    return ['Écarté·e', qui, premiere ? `${sansPoint(premiere)}${suite}` : ''].filter(Boolean).join(' · ');
  }
  const rang = c.rang === undefined ? 'Éligible' : c.rang === 1 ? '1er' : `${c.rang}e`;
  const parts = [rang, qui, `${c.score}/100`];
  for (const r of c.raisons) {
    const m = COUVERTURE_RE.exec(r);
    if (m) {
      parts.push(`couvre ${m[1]} ${Number(m[1]) > 1 ? 'sujets' : 'sujet'} sur ${m[2]}`);
      break;
    }
  }
  return parts.join(' · ');
}

/** One line for a binôme: "1er binôme · Marc Petit (Île-de-France) + Paul Le Gall (Bretagne) · 86/100". */
export function resumeBinome(b: PropositionBinome, k: number): string {
  return (
    `${k === 0 ? '1er' : `${k + 1}e`} binôme · ${b.consultant.nom} (${REGIONS[b.consultant.region]}) + ${b.directeur.nom} ` +
    `(${REGIONS[b.directeur.region]}) · ${b.score}/100`
  );
}
