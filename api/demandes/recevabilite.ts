// Whether a demand is in its dispositif's scope, judged before anything is recorded (the rule each dossier applies
// at its intake, domain/<dispositif>.ts): POST /api/demandes and the public forms answer an out-of-scope demand at
// once, with its reasons and the dispositif to ask instead.
import { appuiConseilRecevabilite } from '../../domain/appui-conseil';
import { compagnonnageRecevabilite } from '../../domain/compagnonnage';
import { diagnosticRecevabilite } from '../../domain/diagnostic';
import { NOMS_DISPOSITIFS } from '../../domain/schemas';
import type { CreateDemandeBody, DemandeNonRecevable } from './schemas';

type Dispositif = CreateDemandeBody['dispositif'];
export interface HorsChamp {
  motifs: string[];
  redirection?: Dispositif;
}

const REGLES: Record<Dispositif, (sujets: string[]) => { recevable: true } | { recevable: false; motifs: string[]; redirection?: Dispositif }> = {
  compagnonnage: (sujets) => compagnonnageRecevabilite({ sujets: sujets as never }),
  appui_conseil: (sujets) => appuiConseilRecevabilite({ sujets: sujets as never }),
  diagnostic: (sujets) => diagnosticRecevabilite({ sujets: sujets as never }),
};

/** The reasons a demand of `dispositif` on these topics is out of scope, and where to ask instead; undefined when in scope. */
export function horsChamp(dispositif: Dispositif, sujets: string[]): HorsChamp | undefined {
  const r = REGLES[dispositif](sujets);
  return r.recevable ? undefined : { motifs: r.motifs, ...(r.redirection ? { redirection: r.redirection } : {}) };
}

/** The 422 answer of POST /api/demandes for an out-of-scope demand: nothing is recorded. */
export function refusHorsChamp(dispositif: Dispositif, h: HorsChamp): DemandeNonRecevable {
  const autre = h.redirection ? NOMS_DISPOSITIFS[h.redirection] : undefined;
  return {
    error: 'demande_non_recevable',
    message:
      `Cette demande ne relève pas ${NOMS_DISPOSITIFS[dispositif].du} : ${h.motifs.join(' ')}` +
      (autre ? ` Faites plutôt une demande ${autre.de} (formulaire /demande/${autre.slug}, ou dispositif « ${h.redirection} »).` : '') +
      ' Aucune demande n’a été enregistrée.',
    details: {
      motifs: h.motifs,
      ...(autre && h.redirection ? { redirection: { dispositif: h.redirection, libelle: autre.nom, formulaire: `/demande/${autre.slug}` } } : {}),
    },
  };
}
