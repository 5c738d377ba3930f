// /dev/mail: on the embedded stack only (`npm start` without SMTP_URL, and tests), the emails the local SMTP
// sink captured under DATA_DIR/mail, newest first, each shown with its headers, its action links (so a person
// trying the product can click them) and its HTML part in a sandboxed iframe (no scripts, no same-origin).
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Router } from 'express';
import { sendMessage, sendPage, template } from './render';

interface Resume {
  fichier: string;
  sujet: string;
  a: string;
  date: string;
}

const listeTpl = template<{ mails: Resume[] }>(`<h1>Courriels capturés (développement)</h1>
<p>Les courriels envoyés par l’application sont gardés ici au lieu d’être expédiés. Ouvrez-en un pour suivre ses liens.</p>
{{#if mails.length}}<div class="tableau"><table>
<thead><tr><th scope="col">Date</th><th scope="col">Sujet</th><th scope="col">Destinataires</th></tr></thead>
<tbody>{{#each mails}}<tr><td>{{date}}</td><td><a href="/dev/mail/{{fichier}}">{{sujet}}</a></td><td>{{a}}</td></tr>{{/each}}</tbody>
</table></div>{{else}}<p>Aucun courriel pour l’instant.</p>{{/if}}`);

const mailTpl = template<{ sujet: string; de: string; a: string; cc: string; date: string; liens: string[]; html?: string; texte: string }>(`<h1>{{sujet}}</h1>
<p><a href="/dev/mail">← Tous les courriels</a></p>
<dl class="encadre"><dt>De</dt><dd>{{de}}</dd><dt>À</dt><dd>{{a}}</dd>{{#if cc}}<dt>Copie</dt><dd>{{cc}}</dd>{{/if}}<dt>Date</dt><dd>{{date}}</dd></dl>
{{#if liens.length}}<h2>Liens d’action</h2><ul>{{#each liens}}<li><a href="{{this}}">{{this}}</a></li>{{/each}}</ul>{{/if}}
{{#if html}}<h2>Version HTML</h2>
<iframe title="Contenu du courriel" sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation" srcdoc="{{html}}" style="width: 100%; height: 36rem; border: 1px solid #c8c8c8;"></iframe>{{/if}}
<h2>Version texte</h2>
<pre style="white-space: pre-wrap;">{{texte}}</pre>`);

const FICHIER = /^[A-Za-z0-9._=@+-]+\.eml$/;
const dateFr = (d: Date) => d.toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'medium', timeStyle: 'medium' });

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
