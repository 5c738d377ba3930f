// The files of the documents a Compagnonnage's directions exchange (seed 003), checked and stored exactly as Appui
// Conseil deliverables are (api/livrables/fichiers.ts: accepted types, content signature, size limit
// LIVRABLES_MAX_BYTES, content-addressed under <DATA_DIR>/livrables/<dossierId>/<sha256>) BEFORE the workflow hears of
// them. Files come in base64 (the API's JSON) or as raw bytes (the pages' multipart forms).
import { z } from 'zod';
import type { Config } from '../../config';
import { tailleFr } from '../../domain/format';
import { ApiError } from '../errors';
import { decodeFichier, limiteCorpsBase64, signatureConforme, storeFichier } from '../livrables/fichiers';
import { LIVRABLE_MIMES, LIVRABLE_TYPES, type LivrableFichier, type LivrableMime } from '../livrables/schemas';

export type DocumentsConfig = Pick<Config, 'DATA_DIR' | 'LIVRABLES_MAX_BYTES'>;

/** The stored file, as the update carries it. */
export interface FichierEnregistre {
  nom: string;
  type: string;
  tailleOctets: number;
  sha256: string;
}

export const TYPES_ACCEPTES_FR = LIVRABLE_TYPES.map((t) => t.libelle).join(', ');
/** The `accept` attribute of the pages' file inputs. */
export const ACCEPT = [...LIVRABLE_TYPES.map((t) => t.mime), ...LIVRABLE_TYPES.map((t) => `.${t.extension}`), '.jpeg'].join(',');

export function tropVolumineux(nom: string, taille: number, max: number): ApiError {
  return new ApiError(
    413,
    'fichier_trop_volumineux',
    `Le fichier « ${nom} » fait ${tailleFr(taille)} : un document ne peut dépasser ${tailleFr(max)}. ` +
      'Réduisez-le (PDF compressé, images allégées) ou partagez-le en plusieurs parties.',
  );
}

/** A file's type: the declared one when accepted, else the one its extension says (browsers often send application/octet-stream). */
export function typeDuFichier(nom: string, declare: string | undefined): LivrableMime | undefined {
  const d = (declare ?? '').toLowerCase().split(';')[0]!.trim();
  if ((LIVRABLE_MIMES as readonly string[]).includes(d)) return d as LivrableMime;
  const ext = /\.([a-z0-9]+)$/i.exec(nom)?.[1]?.toLowerCase();
  if (ext === 'jpeg') return 'image/jpeg';
  return LIVRABLE_TYPES.find((t) => t.extension === ext)?.mime;
}

const invalide = (message: string) => new z.ZodError([{ code: 'custom', path: ['fichier'], message, input: undefined }]);

/** The file's raw bytes, checked: not empty, within the limit (413), of an accepted type whose signature the content shows. */
export function verifierContenu(nom: string, declare: string | undefined, contenu: Buffer, max: number): LivrableMime {
  if (contenu.length === 0) throw invalide(`le fichier « ${nom} » est vide`);
  if (contenu.length > max) throw tropVolumineux(nom, contenu.length, max);
  const type = typeDuFichier(nom, declare);
  if (!type) throw invalide(`type de fichier non accepté pour « ${nom} » : ${TYPES_ACCEPTES_FR}`);
  if (!signatureConforme(type, contenu)) {
    const libelle = LIVRABLE_TYPES.find((t) => t.mime === type)!.libelle;
    throw invalide(`le contenu de « ${nom} » ne correspond pas à un fichier ${libelle} : vérifiez le fichier`);
  }
  return type;
}

/** Stores checked bytes; returns what the update carries. */
export async function enregistrerContenu(config: DocumentsConfig, dossierId: string, nom: string, type: string, contenu: Buffer): Promise<FichierEnregistre> {
  const sha256 = await storeFichier(config.DATA_DIR, dossierId, contenu);
  return { nom: nom.trim().slice(0, 255), type, tailleOctets: contenu.length, sha256 };
}

/** A base64 file of the API's JSON: checked as a deliverable is (the size with the documents' message), then stored. */
export async function enregistrerBase64(config: DocumentsConfig, dossierId: string, fichier: LivrableFichier): Promise<FichierEnregistre> {
  const contenu = decodeFichier(fichier, config.LIVRABLES_MAX_BYTES, tropVolumineux);
  return enregistrerContenu(config, dossierId, fichier.nomFichier, fichier.type, contenu);
}

/** The API body limit of a document in base64, and the 413 message beyond. */
export function documentBodyLimit(config: DocumentsConfig): { octets: number; message: string } {
  return limiteCorpsBase64(
    config.LIVRABLES_MAX_BYTES,
    `Requête trop volumineuse : un document ne peut dépasser ${tailleFr(config.LIVRABLES_MAX_BYTES)} (LIVRABLES_MAX_BYTES).`,
  );
}

/** The pages' multipart upload limit: the largest accepted file plus the form's other fields. */
export const limiteFormulaire = (config: DocumentsConfig): number => config.LIVRABLES_MAX_BYTES + 64 * 1024;
