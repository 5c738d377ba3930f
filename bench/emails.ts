// Row 7, email fan-out: N emails of a reminder's size through the product's SMTP transport
// (activities/email/transport.ts: one connection per email, it has no pool option) to the local sink, against
// nodemailer's pooled SMTP transport to the same sink. Same width (in flight at once) on both sides.
import nodemailer from 'nodemailer';
import { createTransport } from '../activities/email/transport';
import { arrondi, enParallele, type Ligne, type Options } from './common';
import type { BenchStack } from './stack';

const TITRE = 'Envoi d’emails en nombre (vers le sink SMTP local)';

const HTML = `<html><body>${'<p>Bonjour, ceci est un rappel de la séance prévue demain avec votre intervenant.</p>'.repeat(30)}</body></html>`;
const message = (i: number) => ({
  from: 'UNML <dispositifs@unml.info>',
  to: `ml-${i}@ml.example.fr`,
  subject: `Rappel : séance de demain (bench ${i})`,
  text: 'Bonjour, ceci est un rappel de la séance prévue demain.',
  html: HTML,
});

export async function ligneEmails(s: BenchStack, o: Options): Promise<Ligne> {
  const n = o.quick ? 100 : 1000;
  const largeur = 10;
  const url = s.api.config.SMTP_URL!;
  const produit = createTransport(url);
  const pool = nodemailer.createTransport({ url, pool: true, maxConnections: 5, logger: false });
  try {
    await produit.sendMail(message(-1));
    await pool.sendMail(message(-2));
    let t0 = performance.now();
    await enParallele(n, largeur, async (i) => void (await produit.sendMail(message(i))));
    const msProduit = performance.now() - t0;
    t0 = performance.now();
    await enParallele(n, largeur, async (i) => void (await pool.sendMail(message(i))));
    const msPool = performance.now() - t0;
    const a = n / (msProduit / 1000);
    const b = n / (msPool / 1000);
    return {
      ligne: 7,
      titre: TITRE,
      mesure: true,
      mesures: [
        {
          nom: 'emails/s, transport du produit / nodemailer pool',
          unite: 'emails/s',
          produit: arrondi(a, 1),
          nu: arrondi(b, 1),
          ratio: arrondi(a / b),
          objectif: '— (débit rapporté)',
        },
      ],
      details: { n, enVol: largeur, poolMaxConnections: 5, msProduit: Math.round(msProduit), msPool: Math.round(msPool), octetsHtml: HTML.length },
    };
  } finally {
    produit.close();
    pool.close();
  }
}
