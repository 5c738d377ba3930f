// The French emails: renderEmail fills the body of the message's kind and renders it in the one layout (layout.ts).
// A kind's body is in the file of the one dispositif that sends it (bodies/compagnonnage.ts, bodies/appui-conseil.ts,
// bodies/diagnostic.ts, bodies/campagne.ts), else in bodies/shared.ts. A kind without a body, or with a body in two files, is a compile error.
import { BODIES_APPUI_CONSEIL } from './bodies/appui-conseil';
import { BODIES_CAMPAGNE } from './bodies/campagne';
import { BODIES_COMPAGNONNAGE } from './bodies/compagnonnage';
import { BODIES_DIAGNOSTIC } from './bodies/diagnostic';
import { BODIES_SHARED } from './bodies/shared';
import { laMissionLocale, NOMS_DISPOSITIFS } from '../../domain/schemas';
import type { DossierRef, EmailMessage, NotifyInput } from './kinds';
import { renderLayout, type Bodies, type Body, type BodyContext, type RenderContext, type RenderedEmail } from './layout';

// Formatting lives in domain/format.ts; re-exported for the importers of this module.
export { dateFr, dateHeureFr, dureeFr, eurosFr } from '../../domain/format';
export { visioFr } from './bodies/shared';
export type { RenderContext, RenderedEmail } from './layout';

type Both<A, B> = Extract<keyof A, keyof B>;
/** The kinds with a body in two files: `never`, or TEMPLATES below does not compile. */
type InTwoFiles =
  | Both<typeof BODIES_SHARED, typeof BODIES_COMPAGNONNAGE>
  | Both<typeof BODIES_SHARED, typeof BODIES_APPUI_CONSEIL>
  | Both<typeof BODIES_SHARED, typeof BODIES_DIAGNOSTIC>
  | Both<typeof BODIES_COMPAGNONNAGE, typeof BODIES_APPUI_CONSEIL>
  | Both<typeof BODIES_COMPAGNONNAGE, typeof BODIES_DIAGNOSTIC>
  | Both<typeof BODIES_APPUI_CONSEIL, typeof BODIES_DIAGNOSTIC>
  | Both<typeof BODIES_CAMPAGNE, typeof BODIES_SHARED>
  | Both<typeof BODIES_CAMPAGNE, typeof BODIES_COMPAGNONNAGE>
  | Both<typeof BODIES_CAMPAGNE, typeof BODIES_APPUI_CONSEIL>
  | Both<typeof BODIES_CAMPAGNE, typeof BODIES_DIAGNOSTIC>;

const TEMPLATES: Bodies & Record<InTwoFiles, never> = {
  ...BODIES_SHARED,
  ...BODIES_COMPAGNONNAGE,
  ...BODIES_APPUI_CONSEIL,
  ...BODIES_DIAGNOSTIC,
  ...BODIES_CAMPAGNE,
};

/** A campaign's own reference (workflows/campagne/state.ts CAMPAGNE_ID_PATTERN); its MLs' children add `-<code ML>`. */
const CAMPAGNE_ID = /^CAM-[0-9A-F]{10}$/;
/**
 * A regional campaign is no dispositif of the dossier API (domain/schemas.ts DISPOSITIFS): its name here only. The
 * campaign's own emails name the campaign (`mlNom`), an ML's emails (id `CAM-…-<code ML>`) name the ML.
 */
const NOM_CAMPAGNE = { nom: 'Démarche de progrès', de: 'de la démarche de progrès', du: 'de la démarche de progrès' };

function nomsDe(dossier: DossierRef): { nom: string; de: string; du: string; laMl: string; url: string; campagne?: 'campagne' | 'ml' } {
  const id = encodeURIComponent(dossier.dossierId);
  if (dossier.dispositif !== 'campagne') return { ...NOMS_DISPOSITIFS[dossier.dispositif], laMl: laMissionLocale(dossier.mlNom), url: `/api/dossiers/${id}` };
  if (CAMPAGNE_ID.test(dossier.dossierId))
    return { ...NOM_CAMPAGNE, laMl: `les Missions Locales de la démarche « ${dossier.mlNom} »`, url: `/api/campagnes/${id}`, campagne: 'campagne' };
  // The ML's child: `<campagneId>-<code ML>`; UNML reads it within its campaign.
  const campagneId = dossier.dossierId.slice(0, 'CAM-'.length + 10);
  return { ...NOM_CAMPAGNE, laMl: laMissionLocale(dossier.mlNom), url: `/api/campagnes/${encodeURIComponent(campagneId)}`, campagne: 'ml' };
}

export function renderEmail(input: NotifyInput, ctx: RenderContext): RenderedEmail {
  const { dossier, message } = input;
  const disp = nomsDe(dossier);
  const c: BodyContext = {
    ...ctx,
    dossier,
    de: disp.de,
    du: disp.du,
    dispositif: disp.nom,
    laMl: disp.laMl,
    dossierUrl: `${ctx.publicUrl.replace(/\/+$/, '')}${disp.url}`,
    ...(disp.campagne ? { campagne: disp.campagne } : {}),
  };
  // The mapped type guarantees TEMPLATES[kind] accepts this kind's message; TS cannot correlate the two.
  const template = TEMPLATES[message.kind] as (m: EmailMessage, c: BodyContext) => Body;
  return renderLayout(template(message, c), c);
}
