// The columns an export of the reporting read model (db/reporting.ts) offers, per object: dossiers (one row per
// dossier) and units of work (one row per unit), with their French headers. The person picks the columns and their
// order (an export template keeps them, db/modeles-export.ts); names come from the reference data (Missions Locales)
// and the staff accounts (interlocutrices), read once per export, never per row.
import type { UniteDuDossier } from '../../db/reporting';
import { REGIONS } from '../../domain/regions';
import { NATURES_TRAVAIL, type LigneDossier } from '../../domain/reporting';
import { NOMS_DISPOSITIFS } from '../../domain/schemas';
import { TYPES_INTERVENANT } from '../../domain/vivier';
import { etapeFr } from '../dossiers/dispositifs';

export const OBJETS_EXPORT = ['dossiers', 'unites'] as const;
export type ObjetExport = (typeof OBJETS_EXPORT)[number];
export const LIBELLES_OBJETS: Record<ObjetExport, string> = { dossiers: 'Dossiers', unites: 'Unités de travail' };

export const FORMATS_EXPORT = ['csv', 'xlsx'] as const;
export type FormatExport = (typeof FORMATS_EXPORT)[number];

/** What a cell holds: text, a number, or a calendar day (YYYY-MM-DD, Paris time), written as a date in XLSX. */
export type Valeur = { texte: string } | { nombre: number } | { jour: string } | undefined;

/** The names an export shows instead of codes and ids. */
export interface Noms {
  missionsLocales: ReadonlyMap<string, string>;
  comptes: ReadonlyMap<string, string>;
}

export interface Colonne<L> {
  cle: string;
  entete: string;
  valeur: (ligne: L, noms: Noms) => Valeur;
}

const texte = (s: string | undefined): Valeur => (s === undefined || s === '' ? undefined : { texte: s });
const nombre = (n: number | undefined): Valeur => (n === undefined ? undefined : { nombre: n });

/** The Paris calendar day of an ISO instant (a demand filed at 00:30 in Paris on the 2nd is the 2nd). */
export function jourParis(iso: string | undefined): Valeur {
  if (!iso) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return { jour: iso };
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return { texte: iso };
  return { jour: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d) };
}

const dispositif = (d: string): Valeur => texte(NOMS_DISPOSITIFS[d as keyof typeof NOMS_DISPOSITIFS]?.nom ?? d);
const region = (r: string): Valeur => texte(REGIONS[r as keyof typeof REGIONS] ?? r);
const majuscule = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export const COLONNES_DOSSIERS: readonly Colonne<LigneDossier>[] = [
  { cle: 'reference', entete: 'Référence', valeur: (l) => texte(l.dossierId) },
  { cle: 'dispositif', entete: 'Dispositif', valeur: (l) => dispositif(l.dispositif) },
  { cle: 'ml_code', entete: 'Code Mission Locale', valeur: (l) => texte(l.missionLocale) },
  { cle: 'ml_nom', entete: 'Mission Locale', valeur: (l, n) => texte(n.missionsLocales.get(l.missionLocale) ?? l.missionLocale) },
  { cle: 'region', entete: 'Région', valeur: (l) => region(l.region) },
  { cle: 'etape', entete: 'Étape', valeur: (l) => texte(majuscule(etapeFr(l.dispositif, l.etape))) },
  { cle: 'issue', entete: 'Issue', valeur: (l) => (l.issue ? texte(majuscule(etapeFr(l.dispositif, l.issue))) : undefined) },
  { cle: 'demande_le', entete: 'Date de la demande', valeur: (l) => jourParis(l.demandeLe) },
  { cle: 'accepte_le', entete: 'Date d’acceptation', valeur: (l) => jourParis(l.accepteLe) },
  { cle: 'liste_attente_le', entete: 'Mise en liste d’attente', valeur: (l) => jourParis(l.listeAttenteLe) },
  { cle: 'lance_le', entete: 'Date de lancement', valeur: (l) => jourParis(l.lanceLe) },
  { cle: 'fin_le', entete: 'Fin des travaux', valeur: (l) => jourParis(l.finLe) },
  { cle: 'termine_le', entete: 'Date de fin du dossier', valeur: (l) => jourParis(l.termineLe) },
  {
    cle: 'interlocutrice',
    entete: 'Interlocutrice UNML',
    valeur: (l, n) => (l.interlocutrice ? texte(n.comptes.get(l.interlocutrice) ?? l.interlocutrice) : undefined),
  },
  { cle: 'intervenants', entete: 'Nombre d’intervenants', valeur: (l) => nombre(l.intervenants.length) },
  { cle: 'issu_de', entete: 'Issu du diagnostic', valeur: (l) => texte(l.issuDe) },
  { cle: 'a_conduit_a', entete: 'A conduit à', valeur: (l) => texte(l.aConduitA?.join(', ')) },
];

/** Hours from minutes, to the hundredth; days from half-days. */
const heures = (m: number | undefined) => (m === undefined ? undefined : Math.round((m / 60) * 100) / 100);

export const COLONNES_UNITES: readonly Colonne<UniteDuDossier>[] = [
  { cle: 'dossier', entete: 'Dossier', valeur: (u) => texte(u.dossierId) },
  { cle: 'dispositif', entete: 'Dispositif', valeur: (u) => dispositif(u.dispositif) },
  { cle: 'region', entete: 'Région', valeur: (u) => region(u.region) },
  { cle: 'ml_code', entete: 'Code Mission Locale', valeur: (u) => texte(u.missionLocale) },
  { cle: 'ml_nom', entete: 'Mission Locale', valeur: (u, n) => texte(n.missionsLocales.get(u.missionLocale) ?? u.missionLocale) },
  { cle: 'intervenant', entete: 'Intervenant (identifiant)', valeur: (u) => texte(u.intervenantId) },
  { cle: 'type', entete: 'Type d’intervenant', valeur: (u) => texte(TYPES_INTERVENANT[u.type] ?? u.type) },
  { cle: 'date', entete: 'Date', valeur: (u) => jourParis(u.date) },
  { cle: 'minutes', entete: 'Durée (minutes)', valeur: (u) => nombre(u.minutes) },
  { cle: 'heures', entete: 'Durée (heures)', valeur: (u) => nombre(heures(u.minutes)) },
  { cle: 'demi_journees', entete: 'Demi-journées', valeur: (u) => nombre(u.demiJournees) },
  { cle: 'jours', entete: 'Jours', valeur: (u) => nombre(u.demiJournees === undefined ? undefined : u.demiJournees / 2) },
  { cle: 'nature', entete: 'Nature du travail', valeur: (u) => texte(NATURES_TRAVAIL[u.nature] ?? u.nature) },
];

export const CATALOGUE = { dossiers: COLONNES_DOSSIERS, unites: COLONNES_UNITES } as const;

/** Every column key of an object, in the catalogue's order (the default choice). */
export const clesDe = (objet: ObjetExport): string[] => CATALOGUE[objet].map((c) => c.cle);

/** The columns asked, in the order asked (keys already checked by the schemas). */
export function colonnesChoisies<O extends ObjetExport>(objet: O, cles: readonly string[]): (typeof CATALOGUE)[O][number][] {
  const par = new Map<string, (typeof CATALOGUE)[O][number]>(CATALOGUE[objet].map((c) => [c.cle, c] as const));
  return cles.map((c) => par.get(c)).filter((c): c is (typeof CATALOGUE)[O][number] => c !== undefined);
}
