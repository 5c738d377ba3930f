// The French emails: renderEmail fills the body of the message's kind and renders it in the one layout (layout.ts).
// A kind's body is in the file of the one dispositif that sends it (bodies/compagnonnage.ts, bodies/appui-conseil.ts,
// bodies/diagnostic.ts), else in bodies/shared.ts. A kind without a body, or with a body in two files, is a compile error.
import { BODIES_APPUI_CONSEIL } from './bodies/appui-conseil';
import { BODIES_COMPAGNONNAGE } from './bodies/compagnonnage';
import { BODIES_DIAGNOSTIC } from './bodies/diagnostic';
import { BODIES_SHARED } from './bodies/shared';
import { laMissionLocale, NOMS_DISPOSITIFS } from '../../domain/schemas';
import type { EmailMessage, NotifyInput } from './kinds';
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
  | Both<typeof BODIES_APPUI_CONSEIL, typeof BODIES_DIAGNOSTIC>;

const TEMPLATES: Bodies & Record<InTwoFiles, never> = { ...BODIES_SHARED, ...BODIES_COMPAGNONNAGE, ...BODIES_APPUI_CONSEIL, ...BODIES_DIAGNOSTIC };

export function renderEmail(input: NotifyInput, ctx: RenderContext): RenderedEmail {
  const { dossier, message } = input;
  const disp = NOMS_DISPOSITIFS[dossier.dispositif];
  const c: BodyContext = {
    ...ctx,
    dossier,
    de: disp.de,
    du: disp.du,
    dispositif: disp.nom,
    laMl: laMissionLocale(dossier.mlNom),
    dossierUrl: `${ctx.publicUrl.replace(/\/+$/, '')}/api/dossiers/${encodeURIComponent(dossier.dossierId)}`,
  };
  // The mapped type guarantees TEMPLATES[kind] accepts this kind's message; TS cannot correlate the two.
  const template = TEMPLATES[message.kind] as (m: EmailMessage, c: BodyContext) => Body;
  return renderLayout(template(message, c), c);
}
