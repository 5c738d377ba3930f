// The sign-in email: one link, valid a short while, for one person. Sent by the API itself through the product's
// SMTP transport (nodemailer; the local sink of `npm start`, shown at /dev/mail). HTML through Handlebars (escaped).
import Handlebars from 'handlebars';
import type { Transporter } from 'nodemailer';

export interface LienConnexionCourriel {
  a: { nom: string; email: string };
  url: string;
  /** "15 minutes". */
  validite: string;
}

export type EnvoyerLienConnexion = (c: LienConnexionCourriel) => Promise<void>;

const SUJET = 'Votre lien de connexion – UNML Dispositifs';
const BOUTON = 'display: inline-block; background: #003b80; color: #ffffff; padding: 10px 16px; text-decoration: none; border-radius: 4px;';
const IGNORER = 'Si vous n’avez rien demandé, ignorez ce message : personne ne peut se connecter sans ce lien.';

const html = Handlebars.create().compile<LienConnexionCourriel & { contact: string }>(
  `<!DOCTYPE html>
<html lang="fr">
<head><meta charset="utf-8"><title>${SUJET}</title></head>
<body style="font-family: Arial, Helvetica, sans-serif; font-size: 15px; line-height: 1.5; color: #1d1d1b; max-width: 640px;">
<h1 style="font-size: 20px; color: #003b80;">Connexion à l’espace UNML</h1>
<p>Bonjour {{a.nom}},</p>
<p>Pour vous connecter à l’espace UNML des dispositifs, ouvrez ce lien puis confirmez avec le bouton de la page :</p>
<p><a href="{{url}}" style="${BOUTON}">Me connecter</a></p>
<p>Le lien est valable {{validite}} et ne sert qu’une fois. ${IGNORER}</p>
<p>L’équipe Dispositifs de l’UNML — {{contact}}</p>
</body>
</html>`,
);

export function envoiParSmtp(transport: Transporter, from: string, contact: string): EnvoyerLienConnexion {
  return async (c) => {
    await transport.sendMail({
      from,
      replyTo: contact,
      to: { name: c.a.nom, address: c.a.email },
      subject: SUJET,
      text: [
        `Bonjour ${c.a.nom},`,
        '',
        'Pour vous connecter à l’espace UNML des dispositifs, ouvrez ce lien puis confirmez avec le bouton de la page :',
        c.url,
        '',
        `Le lien est valable ${c.validite} et ne sert qu’une fois. ${IGNORER}`,
        '',
        `L’équipe Dispositifs de l’UNML — ${contact}`,
      ].join('\n'),
      html: html({ ...c, contact }),
      headers: { 'X-Dispositifs-Kind': 'connexion' },
    });
  };
}
