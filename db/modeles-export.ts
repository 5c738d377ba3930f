// Export templates (table modeles_export, migration 0004) and scheduled exports (exports_programmes, migration 0006),
// over Kysely on SQLite or PostgreSQL, in the pool's database. A template is a named choice of columns (in order) and
// filters of an object (dossiers or units of work); its name is unique (a second one is refused, in French). A
// scheduled export sends a template on a Temporal Schedule to addresses that only this table holds.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, ExportsProgrammesTable, ModelesExportTable } from './database';
import { violation } from './erreurs';

type Db = Kysely<Database>;

export type ObjetModele = 'dossiers' | 'unites';

export interface ModeleExport {
  id: string;
  nom: string;
  objet: ObjetModele;
  colonnes: string[];
  /** The export's filter (api/exports/schemas.ts filtreExportSchema). */
  filtre: Record<string, string>;
  creePar: string;
  creeLe: string;
  modifieLe: string;
}

export interface NouveauModele {
  nom: string;
  objet: ObjetModele;
  colonnes: string[];
  filtre: Record<string, string | undefined>;
}

export interface ExportProgramme {
  id: string;
  modeleId: string;
  destinataires: { nom?: string; email: string }[];
  frequence: 'mensuelle' | 'trimestrielle';
  format: 'csv' | 'xlsx';
  creePar: string;
  creeLe: string;
}

/** A refusal: unknown (404) or in conflict (409), with its French message. */
export class ModeleExportErreur extends Error {
  constructor(
    readonly code: 'introuvable' | 'conflit',
    message: string,
  ) {
    super(message);
    this.name = 'ModeleExportErreur';
  }
}

const HEX = '0123456789ABCDEF';
/** `MEX-` (a template) or `EXP-` (a scheduled export) and 10 random uppercase hex characters. */
export function nouvelId(prefixe: 'MEX' | 'EXP'): string {
  let s = '';
  for (const b of randomBytes(10)) s += HEX[b & 15];
  return `${prefixe}-${s}`;
}

const sansVides = (f: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(Object.entries(f).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));

const versModele = (r: ModelesExportTable): ModeleExport => ({
  id: r.id,
  nom: r.nom,
  objet: r.objet as ObjetModele,
  colonnes: JSON.parse(r.colonnes) as string[],
  filtre: JSON.parse(r.filtre) as Record<string, string>,
  creePar: r.cree_par,
  creeLe: r.cree_le,
  modifieLe: r.modifie_le,
});

const versProgramme = (r: ExportsProgrammesTable): ExportProgramme => ({
  id: r.id,
  modeleId: r.modele_id,
  destinataires: JSON.parse(r.destinataires) as ExportProgramme['destinataires'],
  frequence: r.frequence as ExportProgramme['frequence'],
  format: r.format as ExportProgramme['format'],
  creePar: r.cree_par,
  creeLe: r.cree_le,
});

const nomPris = (nom: string) => new ModeleExportErreur('conflit', `Un modèle d’export s’appelle déjà « ${nom} » : choisissez un autre nom.`);
const inconnu = (id: string) => new ModeleExportErreur('introuvable', `Modèle d’export inconnu : ${id}. Voir GET /api/exports/modeles pour la liste.`);

export class SqlModelesExportStore {
  constructor(
    readonly db: Db,
    private readonly horloge: () => Date = () => new Date(),
  ) {}

  async lister(): Promise<ModeleExport[]> {
    const rows = await this.db.selectFrom('modeles_export').selectAll().execute();
    return rows.map(versModele).sort((a, b) => a.nom.localeCompare(b.nom, 'fr'));
  }

  async lire(id: string): Promise<ModeleExport | undefined> {
    const r = await this.db.selectFrom('modeles_export').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? versModele(r) : undefined;
  }

  /** Throws ModeleExportErreur 'introuvable'. */
  async lireOuEchouer(id: string): Promise<ModeleExport> {
    const m = await this.lire(id);
    if (!m) throw inconnu(id);
    return m;
  }

  /** Refused ('conflit') when the name is taken (compared without case nor surrounding spaces). */
  async creer(m: NouveauModele, par: string): Promise<ModeleExport> {
    const le = this.horloge().toISOString();
    const ligne: ModelesExportTable = {
      id: nouvelId('MEX'),
      nom: m.nom.trim(),
      objet: m.objet,
      colonnes: JSON.stringify(m.colonnes),
      filtre: JSON.stringify(sansVides(m.filtre)),
      cree_par: par,
      cree_le: le,
      modifie_le: le,
    };
    await this.ecrire(ligne.nom, undefined, () => this.db.insertInto('modeles_export').values(ligne).execute());
    return versModele(ligne);
  }

  /** Replaces the fields given; 'introuvable', or 'conflit' for a name taken by another template. */
  async modifier(id: string, patch: Partial<NouveauModele>): Promise<ModeleExport> {
    const actuel = await this.lireOuEchouer(id);
    const suivant: ModelesExportTable = {
      id,
      nom: (patch.nom ?? actuel.nom).trim(),
      objet: patch.objet ?? actuel.objet,
      colonnes: JSON.stringify(patch.colonnes ?? actuel.colonnes),
      filtre: JSON.stringify(sansVides(patch.filtre ?? actuel.filtre)),
      cree_par: actuel.creePar,
      cree_le: actuel.creeLe,
      modifie_le: this.horloge().toISOString(),
    };
    await this.ecrire(suivant.nom, id, () => this.db.updateTable('modeles_export').set(suivant).where('id', '=', id).execute());
    return versModele(suivant);
  }

  /** 'introuvable'; 'conflit' while a scheduled export sends it. */
  async supprimer(id: string): Promise<void> {
    await this.lireOuEchouer(id);
    const programmes = await this.db.selectFrom('exports_programmes').select('id').where('modele_id', '=', id).execute();
    if (programmes.length) {
      const n = programmes.length;
      throw new ModeleExportErreur(
        'conflit',
        `Le modèle est utilisé par ${n > 1 ? `${n} exports programmés` : 'un export programmé'} (${programmes.map((p) => p.id).join(', ')}) : ` +
          'supprimez-les d’abord.',
      );
    }
    await this.db.deleteFrom('modeles_export').where('id', '=', id).execute();
  }

  /** A name already taken (another template's, case aside) is refused before writing, and by the unique index in a race. */
  private async ecrire(nom: string, sauf: string | undefined, ecriture: () => Promise<unknown>): Promise<void> {
    const memes = await this.db.selectFrom('modeles_export').select(['id', 'nom']).execute();
    if (memes.some((m) => m.id !== sauf && m.nom.trim().toLowerCase() === nom.toLowerCase())) throw nomPris(nom);
    try {
      await ecriture();
    } catch (err) {
      if (violation(err)?.kind === 'unique') throw nomPris(nom);
      throw err;
    }
  }

  // --- Scheduled exports ----------------------------------------------------------------------------------

  async creerProgramme(p: Omit<ExportProgramme, 'id' | 'creePar' | 'creeLe'>, par: string): Promise<ExportProgramme> {
    await this.lireOuEchouer(p.modeleId);
    const ligne: ExportsProgrammesTable = {
      id: nouvelId('EXP'),
      modele_id: p.modeleId,
      destinataires: JSON.stringify(p.destinataires),
      frequence: p.frequence,
      format: p.format,
      cree_par: par,
      cree_le: this.horloge().toISOString(),
    };
    await this.db.insertInto('exports_programmes').values(ligne).execute();
    return versProgramme(ligne);
  }

  async listerProgrammes(): Promise<ExportProgramme[]> {
    const rows = await this.db.selectFrom('exports_programmes').selectAll().orderBy('cree_le').orderBy('id').execute();
    return rows.map(versProgramme);
  }

  async lireProgramme(id: string): Promise<ExportProgramme | undefined> {
    const r = await this.db.selectFrom('exports_programmes').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? versProgramme(r) : undefined;
  }

  /** Whether there was one. */
  async supprimerProgramme(id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('exports_programmes').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }
}
