// The pages' file upload forms (multipart/form-data, so that they work without JavaScript), read with `busboy`
// within a limit: the text fields into `req.body`, the files into `res.locals.fichiers`.
import busboy from 'busboy';
import type { Request, RequestHandler, Response } from 'express';

export interface FichierRecu {
  nom: string;
  type: string;
  contenu: Buffer;
}

/**
 * Reads a multipart form of at most `octets` into `req.body` (text fields) and `res.locals.fichiers` (files). Beyond the
 * limit, `tropGrand(req, res)` answers (a French page); a body that is not a multipart form leaves both empty.
 */
export function formulaireMultipart(octets: number, tropGrand: (req: Request, res: Response) => void | Promise<void>): RequestHandler {
  return (req, res, next) => {
    const repondreTropGrand = () => {
      req.unpipe();
      req.resume(); // the rest is not read
      void Promise.resolve(tropGrand(req, res)).catch(next);
    };
    req.body = {};
    res.locals.fichiers = {};
    if (Number(req.get('content-length') ?? 0) > octets) {
      repondreTropGrand();
      return;
    }
    let lecteur: busboy.Busboy;
    try {
      lecteur = busboy({ headers: req.headers, limits: { fileSize: octets, fieldSize: 100 * 1024 }, defParamCharset: 'utf8' });
    } catch {
      next(); // not a multipart form (no boundary): nothing read
      return;
    }
    const champs: Record<string, string> = {};
    const fichiers: Record<string, FichierRecu> = {};
    let depasse = false;
    let fini = false;
    const terminer = () => {
      if (fini) return;
      fini = true;
      if (depasse) repondreTropGrand();
      else {
        req.body = champs;
        res.locals.fichiers = fichiers;
        next();
      }
    };
    lecteur.on('field', (nom, valeur) => {
      champs[nom] = valeur;
    });
    lecteur.on('file', (nom, flux, info) => {
      const morceaux: Buffer[] = [];
      flux.on('data', (m: Buffer) => morceaux.push(m));
      flux.on('limit', () => {
        depasse = true;
      });
      flux.on('close', () => {
        const contenu = Buffer.concat(morceaux);
        const fichier = info.filename ?? '';
        // An empty file input sends a part with an empty filename: no file.
        if (fichier !== '' || contenu.length > 0) fichiers[nom] = { nom: fichier.split(/[\\/]/).pop() ?? fichier, type: info.mimeType, contenu };
      });
    });
    // A malformed body reads as an empty form: the page then says what is missing, field by field.
    lecteur.on('error', () => {
      for (const k of Object.keys(champs)) delete champs[k];
      for (const k of Object.keys(fichiers)) delete fichiers[k];
      req.unpipe();
      req.resume();
      terminer();
    });
    lecteur.on('close', () => terminer());
    req.pipe(lecteur);
  };
}

export const fichiersDe = (res: Response): Record<string, FichierRecu> => (res.locals.fichiers as Record<string, FichierRecu> | undefined) ?? {};
