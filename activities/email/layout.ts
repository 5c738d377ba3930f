// The model every email body fills, and the one layout that renders it: HTML via Handlebars (auto-escaping every
// value), plain text built from the same model. The bodies are in bodies/*.ts; templates.ts picks the message's.
import Handlebars from 'handlebars';
import { dateFr, dateHeureFr } from '../../domain/format';
import type { DossierRef, EmailKind, EmailMessage } from './kinds';

export interface RenderContext {
  publicUrl: string;
  unmlContactEmail: string;
  /** The recipient's personal link to the page of the action asked (activities/action-links.ts), if any. */
  lienAction?: string;
  /**
   * The copy sent to people in copy: who the action is asked of ("Karim Haddad"). The copy says the action is theirs,
   * never "de votre part", and carries no link.
   */
  enCopieDe?: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  /** Whether the body asks an action of its addressees (their copy then goes apart, see RenderContext.enCopieDe). */
  actionAttendue: boolean;
}

// --- The model every body fills ----------------------------------------------------------------------

export type Block = { p: string } | { liste: { titre: string; elements: string[] } } | { lien: { libelle: string; url: string; safe?: boolean } };

export interface Body {
  /** Subject (before the reference) and heading. */
  titre: string;
  /** Defaults to "Madame, Monsieur,". */
  salutation?: string;
  blocs: Block[];
  /** The ONE action asked of the recipient, or null when none. */
  action: { texte: string; echeance?: { libelle: string; valeur: string } } | null;
  /** Paragraphs after the action (consequences, next steps). */
  suite?: string[];
  /** An email about no dossier (a scheduled export, issue #14): its own subject and reference lines instead of the dossier's. */
  horsDossier?: { sujet: string; reference: { libelle: string; valeur: string }[] };
}

export interface BodyContext extends RenderContext {
  dossier: DossierRef;
  /** "de Compagnonnage", "d’Appui Conseil" … */
  de: string;
  /** "du Compagnonnage", "de l’Appui Conseil" … */
  du: string;
  dispositif: string;
  /** "la Mission Locale de Rouen": the ML's name ready for a sentence. */
  laMl: string;
  /** Link to the dossier for UNML staff. */
  dossierUrl: string;
  /**
   * A regional campaign's email (dispositif 'campagne'): `campagne` for the campaign's own (its reference CAM-…, `mlNom`
   * its name), `ml` for one of its Missions Locales' (`mlNom` the ML's name). Absent for a dossier.
   */
  campagne?: 'campagne' | 'ml';
}

/** The body of each kind in K: its message and the context → the model the layout renders. */
export type Bodies<K extends EmailKind = EmailKind> = { [P in K]: (message: Extract<EmailMessage, { kind: P }>, c: BodyContext) => Body };

export const p = (text: string): Block => ({ p: text });
export const liste = (titre: string, elements: string[]): Block => ({ liste: { titre, elements } });
export const dateLimite = (iso: string) => ({ libelle: 'Date limite', valeur: dateFr(iso) });
export const rendezVous = (iso: string) => ({ libelle: 'Date et heure', valeur: `${dateHeureFr(iso)} (heure de Paris)` });
export const lienDossier = (c: BodyContext): Block => ({ lien: { libelle: 'Consulter le dossier', url: c.dossierUrl } });
/**
 * What every invitation to a moved meeting says first (sessions, visios, Diagnostic meetings): "Le créneau a changé :
 * du mardi 1er décembre 2026 à 14 h 30 au jeudi 3 décembre 2026 à 10 h 00 (heure de Paris)." Nothing for a first one.
 */
export const creneauChange = (m: { debut: string; ancienDebut?: string | undefined }): Block[] =>
  m.ancienDebut && m.ancienDebut !== m.debut ? [p(`Le créneau a changé : du ${dateHeureFr(m.ancienDebut)} au ${dateHeureFr(m.debut)} (heure de Paris).`)] : [];
/** An invitation's subject for a moved meeting: "Nouveau créneau" instead of "Invitation". */
export const titreInvitation = (m: { ancienDebut?: string | undefined }): string => (m.ancienDebut ? 'Nouveau créneau' : 'Invitation');
export const INVITATION_JOINTE =
  'L’invitation est jointe à ce message : acceptez-la pour l’ajouter à votre agenda (elle sera mise à ' + 'jour si le rendez-vous change).';

// --- The layout --------------------------------------------------------------------------------------

interface LayoutModel extends Body {
  /** "Action attendue de votre part", or, in a copy, "Pour information, action attendue de Karim Haddad". */
  actionDe: string;
  salutation: string;
  reference: { libelle: string; valeur: string }[];
  contact: string;
  lienAction?: string;
}

const SIGNATURE = 'L’équipe Dispositifs de l’UNML';
const NO_ACTION = 'Aucune action n’est attendue de votre part.';
const LIEN_ACTION = 'Le faire en ligne';
const LIEN_PERSONNEL = 'Ce lien vous est personnel et ne sert qu’une fois : merci de ne pas le transférer.';

const BOUTON = 'display: inline-block; background: #003b80; color: #ffffff; padding: 10px 16px; text-decoration: none; border-radius: 4px;';

const hbs = Handlebars.create();
const htmlLayout = hbs.compile<LayoutModel>(
  `<!DOCTYPE html>
<html lang="fr">
<head><meta charset="utf-8"><title>{{titre}}</title></head>
<body style="font-family: Arial, Helvetica, sans-serif; font-size: 15px; line-height: 1.5; color: #1d1d1b; max-width: 640px;">
<h1 style="font-size: 20px; color: #003b80;">{{titre}}</h1>
<p>{{salutation}}</p>
{{#each blocs}}
{{#if p}}<p>{{p}}</p>
{{/if}}
{{#if liste}}<p><strong>{{liste.titre}} :</strong></p>
<ul>{{#each liste.elements}}<li>{{this}}</li>{{/each}}</ul>
{{/if}}
{{#if lien}}<p>{{lien.libelle}} : {{#if lien.safe}}<a href="{{lien.url}}">{{lien.url}}</a>{{else}}{{lien.url}}{{/if}}</p>
{{/if}}
{{/each}}
<div style="border-left: 4px solid #003b80; background: #eef3fa; padding: 10px 14px; margin: 16px 0;">
{{#if action}}
<p style="margin: 0;"><strong>{{actionDe}} :</strong> {{action.texte}}</p>
{{#if action.echeance}}
<p style="margin: 6px 0 0;"><strong>{{action.echeance.libelle}} :</strong> {{action.echeance.valeur}}</p>
{{/if}}
{{#if lienAction}}
<p style="margin: 12px 0 0;"><a href="{{lienAction}}" style="${BOUTON}">${LIEN_ACTION}</a></p>
<p style="margin: 6px 0 0; font-size: 13px; color: #444;">${LIEN_PERSONNEL}</p>
{{/if}}
{{else}}
<p style="margin: 0;">${NO_ACTION}</p>
{{/if}}
</div>
{{#each suite}}
<p>{{this}}</p>
{{/each}}
<table style="border-collapse: collapse; margin: 16px 0; font-size: 14px;">
{{#each reference}}<tr><td style="padding: 2px 12px 2px 0; color: #555;">{{libelle}}</td><td style="padding: 2px 0;"><strong>{{valeur}}</strong></td></tr>
{{/each}}
</table>
<p>Bien cordialement,<br>${SIGNATURE}</p>
<p style="font-size: 13px; color: #555;">Union Nationale des Missions Locales — pour toute question : <a href="mailto:{{contact}}">{{contact}}</a></p>
</body>
</html>
`,
  { strict: false },
);

function textLayout(m: LayoutModel): string {
  const lines: string[] = [m.titre, '', m.salutation, ''];
  for (const b of m.blocs) {
    if ('p' in b) lines.push(b.p, '');
    else if ('liste' in b) lines.push(`${b.liste.titre} :`, ...b.liste.elements.map((e) => `- ${e}`), '');
    else lines.push(`${b.lien.libelle} : ${b.lien.url}`, '');
  }
  if (m.action) {
    lines.push(`>> ${m.actionDe} : ${m.action.texte}`);
    if (m.action.echeance) lines.push(`>> ${m.action.echeance.libelle} : ${m.action.echeance.valeur}`);
    if (m.lienAction) lines.push(`>> ${LIEN_ACTION} : ${m.lienAction}`, `   ${LIEN_PERSONNEL}`);
  } else {
    lines.push(NO_ACTION);
  }
  lines.push('');
  for (const s of m.suite ?? []) lines.push(s, '');
  for (const r of m.reference) lines.push(`${r.libelle} : ${r.valeur}`);
  lines.push('', 'Bien cordialement,', SIGNATURE, '', `Union Nationale des Missions Locales — pour toute question : ${m.contact}`, '');
  return lines.join('\n');
}

/** Header-safe single line. */
const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();
const isWebUrl = (url: string): boolean => /^https?:\/\//i.test(url);

/** The subject's "<dispositif> – ", unless the name says it already ("Démarche de progrès des Missions Locales d’Alsace"). */
const sansRedite = (c: BodyContext): string => (c.dossier.mlNom.toLowerCase().includes(c.dispositif.toLowerCase()) ? '' : `${c.dispositif} – `);

/** The email of a body: the layout around it, the dossier's reference, the subject. */
export function renderLayout(body: Body, c: BodyContext): RenderedEmail {
  const { dossier } = c;
  const model: LayoutModel = {
    ...body,
    // Only http(s) links become anchors: a javascript: URL stays plain (escaped) text.
    blocs: body.blocs.map((b) => ('lien' in b ? { lien: { ...b.lien, safe: isWebUrl(b.lien.url) } } : b)),
    salutation: body.salutation ?? 'Madame, Monsieur,',
    actionDe: c.enCopieDe ? `Pour information, action attendue de ${c.enCopieDe}` : 'Action attendue de votre part',
    reference: body.horsDossier?.reference ?? [
      {
        libelle: c.campagne === 'campagne' ? 'Référence de la campagne' : c.campagne === 'ml' ? 'Référence' : 'Référence du dossier',
        valeur: dossier.dossierId,
      },
      { libelle: c.campagne === 'campagne' ? 'Campagne' : 'Mission Locale', valeur: dossier.mlNom },
      { libelle: 'Région', valeur: dossier.regionNom },
      { libelle: 'Dispositif', valeur: c.dispositif },
    ],
    contact: c.unmlContactEmail,
    ...(body.action && !c.enCopieDe && c.lienAction && isWebUrl(c.lienAction) ? { lienAction: c.lienAction } : {}),
  };
  return {
    actionAttendue: body.action !== null,
    subject: oneLine(body.horsDossier?.sujet ?? `${body.titre} – ${sansRedite(c)}${dossier.mlNom} (réf. ${dossier.dossierId})`),
    text: textLayout(model),
    html: htmlLayout(model),
  };
}
