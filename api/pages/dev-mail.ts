// /dev/mail: on the embedded stack only (`npm start` without SMTP_URL, and tests), the emails the local SMTP
// sink captured under DATA_DIR/mail, newest first, each shown with its headers, its action links (so a person
// trying the product can click them) and its HTML part in a sandboxed iframe (no scripts, no same-origin).
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Router } from 'express';
import { sendMessage, sendPage, templateFile } from './render';
import { horodatageFr } from '../../domain/format';

interface Resume {
  fichier: string;
  sujet: string;
  a: string;
  date: string;
}

const listeTpl = templateFile<{ mails: Resume[] }>(__dirname, 'dev-mail-liste.hbs');
const mailTpl = templateFile<{ sujet: string; de: string; a: string; cc: string; date: string; liens: string[]; html?: string; texte: string }>(
  __dirname,
  'dev-mail-courriel.hbs',
);

const FICHIER = /^[A-Za-z0-9._=@+-]+\.eml$/;
const dateFr = horodatageFr;

/** mailparser is a development dependency: loaded only when this dev-only page is used. */
async function parse(raw: Buffer) {
  const { simpleParser } = await import('mailparser');
  return simpleParser(raw);
}
const adresses = (a: { text: string } | { text: string }[] | undefined) => (Array.isArray(a) ? a.map((x) => x.text).join(', ') : (a?.text ?? ''));

export function devMailRouter(dir: string): Router {
  const router = Router();

  router.get('/dev/mail', async (_req, res) => {
    let fichiers: string[] = [];
    try {
      fichiers = (await readdir(dir)).filter((f) => FICHIER.test(f));
    } catch {
      // no email yet: the sink creates the folder on its first email
    }
    const mails = await Promise.all(
      fichiers.map(async (fichier) => {
        const raw = await readFile(join(dir, fichier));
        const m = await parse(raw);
        const date = m.date ?? (await stat(join(dir, fichier))).mtime;
        return { fichier, sujet: m.subject ?? '(sans sujet)', a: adresses(m.to), date: dateFr(date), t: date.getTime() };
      }),
    );
    // Newest first; the sink's file names start with the receipt time in ms (the Date header has seconds).
    mails.sort((x, y) => y.t - x.t || y.fichier.localeCompare(x.fichier));
    sendPage(res, 200, 'Courriels capturés', listeTpl({ mails }));
  });

  router.get('/dev/mail/:fichier', async (req, res) => {
    const fichier = String(req.params.fichier);
    if (!FICHIER.test(fichier)) {
      sendMessage(res, 404, 'Courriel introuvable', ['Ce courriel n’existe pas.'], 'alerte');
      return;
    }
    let raw: Buffer;
    try {
      raw = await readFile(join(dir, fichier));
    } catch {
      sendMessage(res, 404, 'Courriel introuvable', ['Ce courriel n’existe pas.'], 'alerte');
      return;
    }
    const m = await parse(raw);
    const texte = m.text ?? '';
    const liens = [...new Set([...texte.matchAll(/https?:\/\/\S+\/agir\/\S+/g)].map((x) => x[0]))];
    sendPage(
      res,
      200,
      m.subject ?? 'Courriel',
      mailTpl({
        sujet: m.subject ?? '(sans sujet)',
        de: adresses(m.from),
        a: adresses(m.to),
        cc: adresses(m.cc),
        date: m.date ? dateFr(m.date) : '',
        liens,
        ...(typeof m.html === 'string' ? { html: m.html } : {}),
        texte,
      }),
    );
  });

  return router;
}
