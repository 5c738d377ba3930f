// Server-rendered French pages: one Handlebars instance (auto-escaping), one layout readable on a phone and
// accessible (lang="fr", labels bound to inputs, errors tied with aria-describedby, visible focus, contrast
// above 7:1 for text), no front-end framework and no script.
import type { Response } from 'express';
import Handlebars from 'handlebars';

const hbs = Handlebars.create();

hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);

/** A form field; `erreur` is shown under it and announced with it. */
export interface Champ {
  nom: string;
  libelle: string;
  type: 'text' | 'email' | 'tel' | 'textarea' | 'number' | 'datetime-local' | 'select' | 'checkbox' | 'hidden' | 'radios' | 'cases';
  valeur?: string;
  aide?: string;
  requis?: boolean;
  erreur?: string;
  options?: { valeur: string; libelle: string; choisi?: boolean }[];
  min?: number;
  max?: number;
  coche?: boolean;
}

hbs.registerPartial(
  'champ',
  `{{#if (eq type "hidden")}}<input type="hidden" name="{{nom}}" value="{{valeur}}">{{else}}
<div class="champ{{#if erreur}} en-erreur{{/if}}">
{{#if options.length}}{{#if (eq type "select")}}{{else}}
<fieldset{{#if erreur}} aria-describedby="e-{{nom}}"{{/if}}>
<legend>{{libelle}}{{#if requis}} <span class="requis">(obligatoire)</span>{{/if}}</legend>
{{#if aide}}<p class="aide">{{aide}}</p>{{/if}}
{{#each options}}<div class="option"><input type="{{#if (eq ../type "radios")}}radio{{else}}checkbox{{/if}}" id="f-{{../nom}}-{{@index}}" name="{{../nom}}" value="{{valeur}}"{{#if choisi}} checked{{/if}}>
<label for="f-{{../nom}}-{{@index}}" class="case">{{libelle}}</label></div>
{{/each}}
</fieldset>
{{/if}}{{/if}}
{{#if (eq type "radios")}}{{else if (eq type "cases")}}{{else if (eq type "checkbox")}}
<input type="checkbox" id="f-{{nom}}" name="{{nom}}" value="oui"{{#if coche}} checked{{/if}}{{#if requis}} required{{/if}}{{#if erreur}} aria-invalid="true"{{/if}} aria-describedby="{{#if aide}}a-{{nom}} {{/if}}{{#if erreur}}e-{{nom}}{{/if}}">
<label for="f-{{nom}}" class="case">{{libelle}}</label>
{{else}}
<label for="f-{{nom}}">{{libelle}}{{#if requis}} <span class="requis">(obligatoire)</span>{{/if}}</label>
{{#if aide}}<p class="aide" id="a-{{nom}}">{{aide}}</p>{{/if}}
{{#if (eq type "textarea")}}<textarea id="f-{{nom}}" name="{{nom}}" rows="6"{{#if requis}} required{{/if}}{{#if erreur}} aria-invalid="true"{{/if}} aria-describedby="{{#if aide}}a-{{nom}} {{/if}}{{#if erreur}}e-{{nom}}{{/if}}">{{valeur}}</textarea>
{{else if (eq type "select")}}<select id="f-{{nom}}" name="{{nom}}"{{#if requis}} required{{/if}}{{#if erreur}} aria-invalid="true"{{/if}} aria-describedby="{{#if aide}}a-{{nom}} {{/if}}{{#if erreur}}e-{{nom}}{{/if}}">
<option value="">— Choisir —</option>
{{#each options}}<option value="{{valeur}}"{{#if choisi}} selected{{/if}}>{{libelle}}</option>{{/each}}
</select>
{{else}}<input type="{{type}}" id="f-{{nom}}" name="{{nom}}" value="{{valeur}}"{{#if requis}} required{{/if}}{{#if min}} min="{{min}}"{{/if}}{{#if max}} max="{{max}}"{{/if}}{{#if erreur}} aria-invalid="true"{{/if}} aria-describedby="{{#if aide}}a-{{nom}} {{/if}}{{#if erreur}}e-{{nom}}{{/if}}">
{{/if}}
{{/if}}
{{#if erreur}}<p class="erreur" id="e-{{nom}}">{{erreur}}</p>{{/if}}
</div>{{/if}}`,
);

const layout = hbs.compile<{ titre: string; contenu: string }>(
  `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{{titre}} – UNML Dispositifs</title>
<style>
  body { font-family: Arial, Helvetica, sans-serif; font-size: 1.05rem; line-height: 1.5; color: #1d1d1b; background: #ffffff; margin: 0; }
  header { background: #003b80; color: #ffffff; padding: 0.75rem 1rem; }
  header p { margin: 0; font-weight: bold; }
  main { max-width: 44rem; margin: 0 auto; padding: 1rem; }
  h1 { font-size: 1.5rem; color: #003b80; line-height: 1.25; }
  h2 { font-size: 1.2rem; color: #003b80; }
  a { color: #003b80; }
  a:focus, button:focus, input:focus, textarea:focus, select:focus { outline: 3px solid #b34700; outline-offset: 2px; }
  .champ { margin: 1rem 0; }
  label { display: block; font-weight: bold; margin-bottom: 0.25rem; }
  label.case { display: inline; font-weight: normal; }
  .requis { font-weight: normal; color: #4a4a4a; }
  .aide { margin: 0 0 0.25rem; color: #4a4a4a; font-size: 0.95rem; }
  input[type=text], input[type=email], input[type=tel], input[type=number], input[type=datetime-local], textarea, select { width: 100%; box-sizing: border-box; font: inherit; padding: 0.5rem; border: 2px solid #4a4a4a; border-radius: 4px; background: #ffffff; color: #1d1d1b; }
  .option { margin: 0.4rem 0; display: flex; gap: 0.25rem; align-items: flex-start; }
  input[type=radio] { width: 1.25rem; height: 1.25rem; margin: 0.15rem 0.5rem 0 0; flex: none; }
  input[type=checkbox] { width: 1.25rem; height: 1.25rem; vertical-align: middle; margin-right: 0.5rem; }
  .en-erreur input, .en-erreur textarea, .en-erreur select { border-color: #b00020; }
  .erreur { color: #b00020; font-weight: bold; margin: 0.25rem 0 0; }
  button { font: inherit; font-weight: bold; background: #003b80; color: #ffffff; border: 0; border-radius: 4px; padding: 0.75rem 1.25rem; cursor: pointer; }
  .encadre { border-left: 4px solid #003b80; background: #eef3fa; padding: 0.75rem 1rem; margin: 1rem 0; }
  .alerte { border-left: 4px solid #b00020; background: #fdecee; padding: 0.75rem 1rem; margin: 1rem 0; }
  .succes { border-left: 4px solid #1e6b2f; background: #e9f5ec; padding: 0.75rem 1rem; margin: 1rem 0; }
  dl { margin: 0; } dt { font-weight: bold; } dd { margin: 0 0 0.5rem; }
  table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
  th, td { text-align: left; padding: 0.4rem; border-bottom: 1px solid #c8c8c8; vertical-align: top; }
  .tableau { overflow-x: auto; }
  fieldset { border: 1px solid #c8c8c8; margin: 1rem 0; padding: 0.5rem 1rem; }
  legend { font-weight: bold; }
  footer { max-width: 44rem; margin: 2rem auto; padding: 0 1rem; color: #4a4a4a; font-size: 0.9rem; }
</style>
</head>
<body>
<header><p>UNML — Dispositifs d’accompagnement des Missions Locales</p></header>
<main id="contenu">
{{{contenu}}}
</main>
<footer>Union Nationale des Missions Locales</footer>
</body>
</html>
`,
);

/** Compiles a page body template (auto-escaped) once. */
export function template<M>(source: string): (model: M) => string {
  return hbs.compile<M>(source, { strict: false });
}

/** Sends a full page: the body rendered into the layout. */
export function sendPage(res: Response, status: number, titre: string, contenu: string): void {
  res.status(status).type('html').set('Cache-Control', 'no-store').set('Referrer-Policy', 'no-referrer').send(layout({ titre, contenu }));
}

/** A page saying one thing: a title, paragraphs, optional kind of box. */
const messageTpl = template<{ titre: string; paragraphes: string[]; classe: string }>(
  `<h1>{{titre}}</h1>
<div class="{{classe}}">{{#each paragraphes}}<p>{{this}}</p>{{/each}}</div>`,
);
export function sendMessage(res: Response, status: number, titre: string, paragraphes: string[], classe: 'encadre' | 'alerte' | 'succes' = 'encadre'): void {
  sendPage(res, status, titre, messageTpl({ titre, paragraphes, classe }));
}

/** "2026-12-01T10:00" (Paris wall clock, from <input type="datetime-local">) → ISO with Paris's offset then. */
export function parisLocalToIso(local: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  // The Paris offset at that instant (twice, to settle around DST changes).
  let offset = parisOffsetMinutes(new Date(asUtc));
  offset = parisOffsetMinutes(new Date(asUtc - offset * 60_000));
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${local.trim()}:00${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function parisOffsetMinutes(at: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((wall - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/** The Paris wall clock of an instant, for a datetime-local value. */
export function isoToParisLocal(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}
