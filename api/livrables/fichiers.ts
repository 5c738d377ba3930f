// Deliverable files: decoded from base64, checked (declared MIME type AND the content's signature, size),
// and stored content-addressed under <DATA_DIR>/livrables/<dossierId>/<sha256> BEFORE the workflow hears of
// them. A workflow payload only ever carries the file's type, size and SHA-256, never its bytes.
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rename, stat, writeFile, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { Config } from '../../config';
import { ApiError, tailleFr } from '../errors';
import { LIVRABLE_TYPES, type LivrableFichier, type LivrableMime } from './schemas';

export type LivrablesConfig = Pick<Config, 'DATA_DIR' | 'LIVRABLES_MAX_BYTES'>;

const SHA256 = /^[0-9a-f]{64}$/;
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const startsWith = (buf: Buffer, prefix: Buffer | string, offset = 0) => {
  const bytes = typeof prefix === 'string' ? Buffer.from(prefix, 'latin1') : prefix;
  return buf.length >= offset + bytes.length && buf.subarray(offset, offset + bytes.length).equals(bytes);
};
/** An Office Open XML package: a ZIP with [Content_Types].xml and the part folder of its kind (entry names are stored in clear). */
const ooxml = (folder: string) => (buf: Buffer) =>
  startsWith(buf, ZIP) && buf.includes('[Content_Types].xml', 0, 'latin1') && buf.includes(folder, 0, 'latin1');

/** The content signature (magic bytes) each accepted type must show. */
const SIGNATURES: Record<LivrableMime, { attendu: string; conforme(buf: Buffer): boolean }> = {
  'application/pdf': { attendu: 'un PDF commence par « %PDF- »', conforme: (b) => startsWith(b, '%PDF-') },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    attendu: 'un DOCX est une archive ZIP contenant word/',
    conforme: ooxml('word/'),
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { attendu: 'un XLSX est une archive ZIP contenant xl/', conforme: ooxml('xl/') },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': {
    attendu: 'un PPTX est une archive ZIP contenant ppt/',
    conforme: ooxml('ppt/'),
  },
  // ODF: the first entry is the uncompressed "mimetype" file holding the MIME type.
  'application/vnd.oasis.opendocument.text': {
    attendu: 'un ODT est une archive ZIP dont la première entrée « mimetype » vaut application/vnd.oasis.opendocument.text',
    conforme: (b) => startsWith(b, ZIP) && startsWith(b, 'mimetype', 30) && startsWith(b, 'application/vnd.oasis.opendocument.text', 38),
  },
  'image/png': {
    attendu: 'un PNG commence par la signature 89 50 4E 47 0D 0A 1A 0A',
    conforme: (b) => startsWith(b, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  'image/jpeg': { attendu: 'un JPEG commence par FF D8 FF', conforme: (b) => startsWith(b, Buffer.from([0xff, 0xd8, 0xff])) },
};

export function signatureConforme(type: LivrableMime, contenu: Buffer): boolean {
  return SIGNATURES[type].conforme(contenu);
}

export function extensionOf(type: string): string | undefined {
  return LIVRABLE_TYPES.find((t) => t.mime === type)?.extension;
}

const invalid = (path: (string | number)[], message: string) => new z.ZodError([{ code: 'custom', path, message, input: undefined }]);

/** A file's 413, as a deliverable says it (a link may replace the file). */
const livrableTropVolumineux = (nom: string, taille: number, maxBytes: number): ApiError =>
  new ApiError(
    413,
    'fichier_trop_volumineux',
    `Le fichier « ${nom} » fait ${tailleFr(taille)} : un livrable ne peut dépasser ${tailleFr(maxBytes)}. Déposez plutôt un lien (url).`,
  );

/** The JSON body limit of an action that carries one file in base64: its 4/3 inflation plus the JSON around it. */
export function limiteCorpsBase64(maxBytes: number, message: string): { octets: number; message: string } {
  return { octets: Math.ceil((maxBytes * 4) / 3) + 64 * 1024, message };
}

/**
 * The file's bytes, checked: strict base64, decoded size within LIVRABLES_MAX_BYTES (413 otherwise, before
 * decoding, said by `tropVolumineux`), and content matching the declared type (400 otherwise).
 */
export function decodeFichier(
  fichier: LivrableFichier,
  maxBytes: number,
  tropVolumineux: (nom: string, taille: number, maxBytes: number) => ApiError = livrableTropVolumineux,
): Buffer {
  const base64 = fichier.contenuBase64.replace(/\s+/g, '');
  if (base64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) {
    throw invalid(['fichier', 'contenuBase64'], 'contenu base64 invalide (alphabet A-Z a-z 0-9 + /, complété par = ; pas de préfixe data:)');
  }
  const taille = (base64.length / 4) * 3 - (base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0);
  if (taille > maxBytes) throw tropVolumineux(fichier.nomFichier, taille, maxBytes);
  if (taille === 0) throw invalid(['fichier', 'contenuBase64'], 'le fichier est vide');
  const contenu = Buffer.from(base64, 'base64');
  if (!signatureConforme(fichier.type, contenu)) {
    const libelle = LIVRABLE_TYPES.find((t) => t.mime === fichier.type)?.libelle ?? fichier.type;
    throw invalid(
      ['fichier', 'contenuBase64'],
      `le contenu ne correspond pas au type déclaré ${libelle} (${SIGNATURES[fichier.type].attendu}) : vérifiez le fichier ou son type`,
    );
  }
  return contenu;
}

export function livrablesDir(dataDir: string, dossierId: string): string {
  return resolve(dataDir, 'livrables', dossierId);
}

/** Where a stored file lives; the SHA-256 is checked so that a path never leaves the dossier's folder. */
export function livrablePath(dataDir: string, dossierId: string, sha256: string): string {
  if (!SHA256.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
  return join(livrablesDir(dataDir, dossierId), sha256);
}

/** Writes the file (atomically: temp file then rename; an identical file already there is kept) and returns its SHA-256. */
export async function storeFichier(dataDir: string, dossierId: string, contenu: Buffer): Promise<string> {
  const sha256 = createHash('sha256').update(contenu).digest('hex');
  const path = livrablePath(dataDir, dossierId, sha256);
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isFile() && existing.size === contenu.length) return sha256;
  await mkdir(livrablesDir(dataDir, dossierId), { recursive: true });
  const temp = `${path}.${randomUUID()}.tmp`;
  try {
    await writeFile(temp, contenu, { flag: 'wx' });
    await rename(temp, path);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  return sha256;
}

/** A download name from the deliverable's title: no path separators or control characters, the type's extension. */
export function nomDeTelechargement(nom: string, type: string): string {
  const base = nom
    .replace(/[\p{Cc}/\\:*?"<>|]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 150);
  const extension = extensionOf(type);
  return `${base || 'livrable'}${extension ? `.${extension}` : ''}`;
}
