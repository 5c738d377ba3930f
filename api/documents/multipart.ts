// A small reader of multipart/form-data bodies (RFC 7578), for the pages' file upload forms, which work without
// JavaScript: the body is read whole, within a limit, then split at its boundary into text fields and files.
import express, { type Request, type RequestHandler, type Response } from 'express';

export interface FichierRecu {
  nom: string;
  type: string;
  contenu: Buffer;
}
export interface Multipart {
  champs: Record<string, string>;
  fichiers: Record<string, FichierRecu>;
}

function parametre(entete: string, nom: string): string | undefined {
  const m = new RegExp(`(?:^|;)\\s*${nom}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(entete) ?? new RegExp(`(?:^|;)\\s*${nom}=([^;]*)`, 'i').exec(entete);
  return m?.[1]?.replace(/\\(.)/g, '$1').replace(/%22/g, '"').trim();
}

/** The parts of a multipart body; undefined when it is not one (no boundary, or malformed). */
export function lireMultipart(corps: Buffer, contentType: string): Multipart | undefined {
  const boundary = parametre(contentType, 'boundary');
  if (!boundary) return undefined;
  const delim = Buffer.from(`--${boundary}`);
  const suivant = Buffer.from(`\r\n--${boundary}`);
  const result: Multipart = { champs: {}, fichiers: {} };
  let pos = corps.indexOf(delim);
  if (pos < 0) return undefined;
  pos += delim.length;
  for (;;) {
    if (corps.subarray(pos, pos + 2).toString('latin1') === '--') return result;
    if (corps[pos] === 13 && corps[pos + 1] === 10) pos += 2;
    const finEntetes = corps.indexOf('\r\n\r\n', pos, 'latin1');
    if (finEntetes < 0) return undefined;
    const entetes = corps.subarray(pos, finEntetes).toString('utf8').split('\r\n');
    const debut = finEntetes + 4;
    const fin = corps.indexOf(suivant, debut);
    if (fin < 0) return undefined;
    const contenu = corps.subarray(debut, fin);
    const disposition = entetes.find((l) => /^content-disposition:/i.test(l)) ?? '';
    const type = entetes.find((l) => /^content-type:/i.test(l))?.replace(/^content-type:\s*/i, '') ?? '';
    const nom = parametre(disposition, 'name');
    const fichier = parametre(disposition, 'filename');
    if (nom !== undefined) {
      if (fichier !== undefined) {
        // An empty file input sends a part with an empty filename: no file.
        if (fichier !== '' || contenu.length > 0) result.fichiers[nom] = { nom: fichier.split(/[\\/]/).pop() ?? fichier, type, contenu: Buffer.from(contenu) };
      } else result.champs[nom] = contenu.toString('utf8');
    }
    pos = fin + suivant.length;
  }
}

/**
 * Reads a multipart form of at most `octets` into `req.body` (text fields) and `res.locals.fichiers` (files). Beyond the
 * limit, `tropGrand(req, res)` answers (a French page); a body that is not a multipart form leaves both empty.
 */
export function formulaireMultipart(octets: number, tropGrand: (req: Request, res: Response) => void | Promise<void>): RequestHandler {
  const raw = express.raw({ type: 'multipart/form-data', limit: octets });
  return (req, res, next) => {
    const annonce = Number(req.get('content-length') ?? 0);
    if (annonce > octets) {
      req.resume(); // the rest is not read
      void Promise.resolve(tropGrand(req, res)).catch(next);
      return;
    }
    raw(req, res, (err?: unknown) => {
      if ((err as { type?: unknown } | undefined)?.type === 'entity.too.large') {
        void Promise.resolve(tropGrand(req, res)).catch(next);
        return;
      }
      if (err) {
        next(err);
        return;
      }
      const lu = Buffer.isBuffer(req.body) ? lireMultipart(req.body, req.get('content-type') ?? '') : undefined;
      req.body = lu?.champs ?? {};
      res.locals.fichiers = lu?.fichiers ?? {};
      next();
    });
  };
}

export const fichiersDe = (res: Response): Record<string, FichierRecu> => (res.locals.fichiers as Record<string, FichierRecu> | undefined) ?? {};
