// Funding by indicators (seed 004, Région Alsace): a regional envelope split into axes (axe 1 50 % and axe 2 35 %
// fixed shares, axe 3 15 % variable), each axis's envelope split among its indicators, each indicator's envelope
// among the Missions Locales in proportion to their values (year n-1 activity for axes 1–2; for axe 3, the points
// settled in the dialogue de gestion, "le choix final de la Région sera argumenté"). An advance is paid at
// signature (80 % of the envelope), the balance after the dialogue de gestion.
// Pure: integer euro cents only, never floats; every split by the largest remainder, so that the parts sum to the
// whole to the cent; every figure explained in French.
import { eurosFr, nombreFr } from './format';

/** An amount in euro cents (an integer). */
export type Centimes = number;

export interface Indicateur {
  code: string;
  libelle: string;
  /** Its weight among the indicators of its axis (an integer; equal weights by default). */
  poids?: number;
}

export interface Axe {
  code: string;
  libelle: string;
  /** Its share of the envelope, in hundredths of a percent (5000 = 50 %); the axes' shares sum to 10000. */
  partPourDixMille: number;
  /** Fixed: quantitative values of year n-1, known at signature. Variable: settled in the dialogue de gestion. */
  nature: 'fixe' | 'variable';
  indicateurs: Indicateur[];
}

export interface RegleFinancement {
  enveloppe: Centimes;
  axes: Axe[];
  /** The advance paid at signature, in hundredths of a percent of the envelope (8000 = 80 %). */
  avancePourDixMille: number;
}

/** One Mission Locale's values: indicator code → a non-negative integer (absent: not known yet). */
export interface ValeursMl {
  code: string;
  nom: string;
  valeurs: Readonly<Record<string, number>>;
}

export interface PartIndicateur {
  indicateur: string;
  montant: Centimes;
  explication: string;
}

export interface AllocationMl {
  code: string;
  nom: string;
  /** Per axis: the amount and its indicators' parts. */
  axes: { axe: string; montant: Centimes; provisoire: boolean; parts: PartIndicateur[] }[];
  total: Centimes;
  /** Paid at signature: its share of the advance, in proportion to its allocation at signature (variable axes shared equally). */
  avance: Centimes;
  /** What remains to pay after the dialogue de gestion (negative: an overpayment to pay back); absent while provisional. */
  solde?: Centimes;
  explication: string[];
}

export interface Financement {
  enveloppe: Centimes;
  axes: { axe: string; libelle: string; montant: Centimes; provisoire: boolean; explication: string }[];
  avanceTotale: Centimes;
  mls: AllocationMl[];
  /** True while a variable axis has no values yet (the dialogue de gestion has not settled it): allocations are provisional. */
  provisoire: boolean;
  /** How the cents left by rounding were placed, in French. */
  arrondis: string;
}

/** Seed 004's axes and indicators (its table "Les modalités d'intervention"), equal weights within each axis. */
export const AXES_SEED_004: Axe[] = [
  {
    code: 'axe1',
    libelle: 'Soutien au fonctionnement des Missions Locales au titre de l’insertion sociale et professionnelle des jeunes',
    partPourDixMille: 5000,
    nature: 'fixe',
    indicateurs: [
      { code: 'i1', libelle: 'Jeunes 16-25 ans actifs inoccupés présents sur le territoire (INSEE via la DARES)' },
      { code: 'i2', libelle: 'Jeunes accueillis pour la première fois par la Mission Locale' },
      { code: 'i3', libelle: 'Jeunes en file active (JDI)' },
      { code: 'i4', libelle: 'Jeunes ayant eu une situation professionnelle' },
    ],
  },
  {
    code: 'axe2',
    libelle: 'Contribution aux politiques régionales de formation professionnelle continue et d’apprentissage',
    partPourDixMille: 3500,
    nature: 'fixe',
    indicateurs: [
      { code: 'i5', libelle: 'Entrées dans un dispositif « amont » (DPA, ateliers d’orientation, immersions)' },
      { code: 'i6', libelle: 'Entrées en formation ou en emploi à la suite d’un dispositif « amont »' },
      { code: 'i7', libelle: 'Entrées en apprentissage à la suite d’un dispositif « amont »' },
    ],
  },
  {
    code: 'axe3',
    libelle: 'Mobilisation de ressources externes et coopérations opérationnelles',
    partPourDixMille: 1500,
    nature: 'variable',
    indicateurs: [
      { code: 'i8', libelle: 'Projets coopératifs avec d’autres Missions Locales' },
      { code: 'i9', libelle: 'Opérations avec des acteurs du marché du travail autres que Pôle emploi' },
    ],
  },
];

export const AVANCE_SEED_004 = 8000;

/** A rule that cannot be computed, with every reason in French (each with the field it concerns). */
export class FinancementInvalide extends Error {
  constructor(readonly erreurs: { chemin: string; message: string }[]) {
    super(erreurs.map((e) => e.message).join(' '));
    this.name = 'FinancementInvalide';
  }
}

const centimesFr = (c: Centimes): string => eurosFr(c / 100);
const pourcentFr = (pourDixMille: number): string => `${nombreFr(pourDixMille / 100)} %`;

/**
 * `total` split in proportion to `poids` (non-negative integers, not all zero): each part the floor of its exact
 * share, then the cents left one each to the largest remainders (ties: the earlier one). The parts sum to `total`.
 */
export function repartir(total: Centimes, poids: readonly number[]): Centimes[] {
  const somme = poids.reduce((s, p) => s + BigInt(p), 0n);
  if (somme === 0n) throw new Error('repartir: weights all zero');
  const t = BigInt(total);
  const exacts = poids.map((p) => t * BigInt(p));
  const parts = exacts.map((e) => e / somme);
  let reste = t - parts.reduce((s, p) => s + p, 0n);
  const ordre = exacts.map((e, i) => ({ i, r: e % somme })).sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of ordre) {
    if (reste === 0n) break;
    parts[i]! += 1n;
    reste -= 1n;
  }
  return parts.map(Number);
}

function valider(regle: RegleFinancement, mls: readonly ValeursMl[]): void {
  const erreurs: { chemin: string; message: string }[] = [];
  const entierPositif = (n: unknown) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
  if (!entierPositif(regle.enveloppe)) erreurs.push({ chemin: 'enveloppe', message: 'L’enveloppe est un montant en centimes d’euro, entier et positif.' });
  if (!entierPositif(regle.avancePourDixMille) || regle.avancePourDixMille > 10000)
    erreurs.push({ chemin: 'avancePourDixMille', message: 'L’avance est une part de l’enveloppe entre 0 et 10000 (pour dix mille : 8000 = 80 %).' });
  const parts = regle.axes.reduce((s, a) => s + a.partPourDixMille, 0);
  if (regle.axes.length === 0 || parts !== 10000)
    erreurs.push({ chemin: 'axes', message: `Les parts des axes doivent faire 100 % (10000 pour dix mille) : elles font ${pourcentFr(parts)}.` });
  const codes = new Set<string>();
  for (const [a, axe] of regle.axes.entries()) {
    if (!entierPositif(axe.partPourDixMille))
      erreurs.push({ chemin: `axes.${a}.partPourDixMille`, message: `La part de l’${axe.code} doit être un entier positif.` });
    if (axe.indicateurs.length === 0) erreurs.push({ chemin: `axes.${a}.indicateurs`, message: `L’${axe.code} n’a aucun indicateur.` });
    for (const [i, ind] of axe.indicateurs.entries()) {
      if (codes.has(ind.code)) erreurs.push({ chemin: `axes.${a}.indicateurs.${i}.code`, message: `L’indicateur ${ind.code} apparaît deux fois.` });
      codes.add(ind.code);
      if (ind.poids !== undefined && !(entierPositif(ind.poids) && ind.poids > 0))
        erreurs.push({ chemin: `axes.${a}.indicateurs.${i}.poids`, message: `Le poids de l’indicateur ${ind.code} doit être un entier strictement positif.` });
    }
  }
  if (mls.length === 0)
    erreurs.push({ chemin: 'mls', message: 'Aucune Mission Locale : le financement se répartit entre les Missions Locales de la campagne.' });
  const vus = new Set<string>();
  for (const [m, ml] of mls.entries()) {
    if (vus.has(ml.code)) erreurs.push({ chemin: `mls.${m}.code`, message: `La Mission Locale ${ml.code} apparaît deux fois.` });
    vus.add(ml.code);
    for (const [code, v] of Object.entries(ml.valeurs)) {
      if (!codes.has(code)) erreurs.push({ chemin: `mls.${m}.valeurs.${code}`, message: `${ml.nom} : l’indicateur ${code} n’existe pas dans cette campagne.` });
      else if (!entierPositif(v))
        erreurs.push({ chemin: `mls.${m}.valeurs.${code}`, message: `${ml.nom} : la valeur de l’indicateur ${code} doit être un entier positif ou nul.` });
    }
    for (const axe of regle.axes.filter((x) => x.nature === 'fixe')) {
      for (const ind of axe.indicateurs) {
        if (ml.valeurs[ind.code] === undefined)
          erreurs.push({ chemin: `mls.${m}.valeurs.${ind.code}`, message: `${ml.nom} : il manque la valeur de l’indicateur ${ind.code} (${ind.libelle}).` });
      }
    }
  }
  // A variable axis is settled for every ML or for none (until then, provisional).
  for (const axe of regle.axes.filter((x) => x.nature === 'variable')) {
    const connues = mls.filter((ml) => axe.indicateurs.some((ind) => ml.valeurs[ind.code] !== undefined));
    if (connues.length > 0 && connues.length < mls.length) {
      for (const [m, ml] of mls.entries()) {
        for (const ind of axe.indicateurs) {
          if (ml.valeurs[ind.code] === undefined)
            erreurs.push({
              chemin: `mls.${m}.valeurs.${ind.code}`,
              message:
                `${ml.nom} : il manque la décision du dialogue de gestion sur l’indicateur ${ind.code} ; l’${axe.code} se calcule quand ` +
                `toutes les Missions Locales ont la leur.`,
            });
        }
      }
    }
  }
  if (erreurs.length) throw new FinancementInvalide(erreurs);
}

interface PartAxe {
  montant: Centimes[];
  parts: PartIndicateur[][];
  provisoire: boolean;
  explication: string;
}

/** One axis's envelope among the MLs: by indicator when values are known, equally otherwise (said so). */
function repartirAxe(axe: Axe, montant: Centimes, mls: readonly ValeursMl[], sansValeurs: boolean): PartAxe {
  const n = mls.length;
  const egal = (raison: string): PartAxe => {
    const parts = repartir(
      montant,
      mls.map(() => 1),
    );
    return {
      montant: parts,
      parts: parts.map((p) => [
        { indicateur: axe.code, montant: p, explication: `${raison} : ${centimesFr(montant)} à parts égales entre ${n} Missions Locales.` },
      ]),
      provisoire: sansValeurs,
      explication: `${raison} : ${centimesFr(montant)} à parts égales.`,
    };
  };
  if (sansValeurs) return egal(`${axe.libelle} (${axe.code}), provisoire tant que le dialogue de gestion ne l’a pas réglé`);
  const totaux = axe.indicateurs.map((ind) => mls.reduce((s, ml) => s + (ml.valeurs[ind.code] ?? 0), 0));
  // An indicator no ML has (all zero) gives its weight to the others of the axis; an axis with none at all is shared equally.
  const poids = axe.indicateurs.map((ind, i) => (totaux[i]! > 0 ? (ind.poids ?? 1) : 0));
  if (poids.every((p) => p === 0)) return egal(`${axe.libelle} (${axe.code}) : aucune Mission Locale n’a de valeur pour ses indicateurs`);
  const parIndicateur = repartir(montant, poids);
  const montants = mls.map(() => 0);
  const parts: PartIndicateur[][] = mls.map(() => []);
  const ecartes = axe.indicateurs.filter((_, i) => poids[i] === 0).map((ind) => ind.code);
  for (const [i, ind] of axe.indicateurs.entries()) {
    if (poids[i] === 0) continue;
    const total = totaux[i]!;
    const partsMl = repartir(
      parIndicateur[i]!,
      mls.map((ml) => ml.valeurs[ind.code] ?? 0),
    );
    for (const [m, ml] of mls.entries()) {
      const v = ml.valeurs[ind.code] ?? 0;
      montants[m]! += partsMl[m]!;
      parts[m]!.push({
        indicateur: ind.code,
        montant: partsMl[m]!,
        explication:
          `${ind.code} « ${ind.libelle} » : ${nombreFr(v)} sur ${nombreFr(total)} pour la région (${nombreFr((100 * v) / total)} %) ` +
          `de l’enveloppe de l’indicateur, ${centimesFr(parIndicateur[i]!)} → ${centimesFr(partsMl[m]!)}.`,
      });
    }
  }
  return {
    montant: montants,
    parts,
    provisoire: false,
    explication:
      `${axe.libelle} (${axe.code}) : ${centimesFr(montant)}, réparti entre ${poids.filter((p) => p > 0).length} indicateur(s) selon leur poids` +
      (ecartes.length ? ` (${ecartes.join(', ')} : aucune valeur dans la région, leur part va aux autres indicateurs de l’axe)` : '') +
      ', puis entre les Missions Locales au prorata de leurs valeurs.',
  };
}

/** Each ML's allocation per axis and in total, its advance and its balance, every figure explained. */
export function calculerFinancement(regle: RegleFinancement, mls: readonly ValeursMl[]): Financement {
  valider(regle, mls);
  const parAxe = repartir(
    regle.enveloppe,
    regle.axes.map((a) => a.partPourDixMille),
  );
  const sansValeurs = (axe: Axe) => axe.nature === 'variable' && !mls.some((ml) => axe.indicateurs.some((ind) => ml.valeurs[ind.code] !== undefined));
  const axes = regle.axes.map((axe, a) => repartirAxe(axe, parAxe[a]!, mls, sansValeurs(axe)));
  // At signature, the variable axes are not settled: the advance follows the allocation with them shared equally.
  const aLaSignature = regle.axes.map((axe, a) => (axe.nature === 'variable' ? repartirAxe(axe, parAxe[a]!, mls, true) : axes[a]!));
  const avanceTotale = Number((BigInt(regle.enveloppe) * BigInt(regle.avancePourDixMille)) / 10000n);
  const signature = mls.map((_, m) => aLaSignature.reduce((s, x) => s + x.montant[m]!, 0));
  const avances = signature.some((s) => s > 0) ? repartir(avanceTotale, signature) : mls.map(() => 0);
  const provisoire = axes.some((x) => x.provisoire);
  return {
    enveloppe: regle.enveloppe,
    axes: regle.axes.map((axe, a) => ({
      axe: axe.code,
      libelle: axe.libelle,
      montant: parAxe[a]!,
      provisoire: axes[a]!.provisoire,
      explication: axes[a]!.explication,
    })),
    avanceTotale,
    provisoire,
    mls: mls.map((ml, m) => {
      const total = axes.reduce((s, x) => s + x.montant[m]!, 0);
      const solde = total - avances[m]!;
      return {
        code: ml.code,
        nom: ml.nom,
        axes: regle.axes.map((axe, a) => ({ axe: axe.code, montant: axes[a]!.montant[m]!, provisoire: axes[a]!.provisoire, parts: axes[a]!.parts[m]! })),
        total,
        avance: avances[m]!,
        ...(provisoire ? {} : { solde }),
        explication: [
          ...regle.axes.map((axe, a) => `${axe.code} (${pourcentFr(axe.partPourDixMille)} de l’enveloppe) : ${centimesFr(axes[a]!.montant[m]!)}.`),
          `Total${provisoire ? ' provisoire' : ''} : ${centimesFr(total)}.`,
          `Avance à la signature : ${centimesFr(avances[m]!)} (sa part des ${pourcentFr(regle.avancePourDixMille)} de l’enveloppe, au prorata de ` +
            `son allocation à la signature, ` +
            `les axes variables y étant partagés à parts égales).`,
          provisoire
            ? 'Solde : après le dialogue de gestion, quand les axes variables seront réglés.'
            : solde >= 0
              ? `Solde après le dialogue de gestion : ${centimesFr(solde)}.`
              : `Trop-perçu à reverser après le dialogue de gestion : ${centimesFr(-solde)}.`,
        ],
      };
    }),
    arrondis:
      'Chaque montant est calculé au centime inférieur ; les centimes restants sont attribués un par un aux plus forts restes ' +
      '(à égalité, dans l’ordre de la liste) : la somme des parts est exactement le montant réparti, à chaque étape (axes, indicateurs, Missions ' +
      'Locales, avances).',
  };
}
