// The "Documents échangés" block of a Compagnonnage (seed 003: the two directions exchange tools and documents), as
// both the participants' link page (agir/documents.ts) and the back office's dossier page (staff/dossier.ts) show it:
// the list with its download links, and a form to share one more (multipart, so that it works without JavaScript).
// And the reading of that form: its fields checked, its file checked and stored like Appui Conseil deliverables.
import { z } from 'zod';
import { dateHeureFr, tailleFr } from '../../domain/format';
import type { DeposerDocumentInput } from '../../workflows/compagnonnage/messages';
import type { CompagnonnageState, DeposantDocument, DocumentEchange } from '../../workflows/compagnonnage/state';
import { ACCEPT, enregistrerContenu, TYPES_ACCEPTES_FR, verifierContenu, type DocumentsConfig } from '../documents/fichiers';
import type { FichierRecu } from '../documents/multipart';
import { documentEnregistreSchema } from '../documents/schemas';
import { ApiError } from '../errors';
import { templateFile } from './render';

type Erreurs = Partial<Record<'titre' | 'note' | 'fichier' | 'role', string>>;

interface Modele {
  ancre: string;
  confirmation?: string;
  documents: { numero: number; titre: string; note?: string; fichier: string; taille: string; par: string; le: string; lien: string }[];
  ferme?: string;
  formulaire?: {
    action: string;
    caches: { nom: string; valeur: string }[];
    types: string;
    max: string;
    accept: string;
    alerte?: string;
    titre: { valeur: string; erreur?: string };
    note: { valeur: string; erreur?: string };
    fichier: { erreur?: string };
    role: { erreur?: string };
    roles: { valeur: string; libelle: string; choisi: boolean }[];
  };
}

const tpl = templateFile<Modele>(__dirname, 'documents-echanges.hbs');

const QUI: Record<DeposantDocument, string> = { ml: 'la Mission Locale', intervenant: 'l’intervenant', unml: 'l’UNML' };

/** Who shared a document, in French: "la Mission Locale (Claire Martin)". */
export const deposantFr = (d: DocumentEchange): string => `${QUI[d.deposePar]}${d.par ? ` (${d.par})` : ''}`;

/** Why no document can be shared now (before the acte d'engagement is signed, or the dossier ended), else undefined. */
export function partageFerme(state: CompagnonnageState, etapesOuvertes: readonly string[], termine: boolean): string | undefined {
  if (termine) return 'Le dossier est terminé : plus aucun document ne peut être partagé. Les documents restent consultables ici.';
  if (!etapesOuvertes.includes(state.etape)) return 'Les outils et documents s’échangent à partir de la signature de l’acte d’engagement.';
  return undefined;
}

export interface VueDocuments {
  ancre: string;
  state: CompagnonnageState;
  /** The download link of document n° `numero`. */
  lien(numero: number): string;
  confirmation?: string;
  ferme?: string;
  /** The form, when one may share now (undefined: no form). */
  formulaire?: {
    action: string;
    caches: { nom: string; valeur: string }[];
    maxOctets: number;
    valeurs?: Record<string, string>;
    erreurs?: Erreurs;
    alerte?: string;
    /** The sides one may share as (staff: UNML, or on behalf of a direction); none: one's own side. */
    roles?: DeposantDocument[];
  };
}

export function vueDocuments(v: VueDocuments): string {
  const f = v.formulaire;
  const valeurs = f?.valeurs ?? {};
  const erreurs = f?.erreurs ?? {};
  const choisi = valeurs.role ?? 'unml';
  const erreur = (e: string | undefined) => (e ? { erreur: e } : {});
  return tpl({
    ancre: v.ancre,
    ...(v.confirmation ? { confirmation: v.confirmation } : {}),
    documents: (v.state.documents ?? []).map((d) => ({
      numero: d.numero,
      titre: d.titre,
      ...(d.note ? { note: d.note } : {}),
      fichier: d.fichier.nom,
      taille: tailleFr(d.fichier.tailleOctets),
      par: deposantFr(d),
      le: dateHeureFr(d.deposeLe),
      lien: v.lien(d.numero),
    })),
    ...(v.ferme ? { ferme: v.ferme } : {}),
    ...(f
      ? {
          formulaire: {
            action: f.action,
            caches: f.caches,
            types: TYPES_ACCEPTES_FR,
            max: tailleFr(f.maxOctets),
            accept: ACCEPT,
            ...(f.alerte ? { alerte: f.alerte } : {}),
            titre: { valeur: valeurs.titre ?? '', ...erreur(erreurs.titre) },
            note: { valeur: valeurs.note ?? '', ...erreur(erreurs.note) },
            fichier: erreur(erreurs.fichier),
            role: erreur(erreurs.role),
            roles: (f.roles ?? []).map((r) => ({
              valeur: r,
              libelle: { unml: 'l’UNML', ml: 'la Mission Locale (déposé pour elle)', intervenant: 'l’intervenant (déposé pour lui ou elle)' }[r],
              choisi: r === choisi,
            })),
          },
        }
      : {}),
  });
}

/**
 * The form's fields and file, checked; the file then stored (before the update, which only carries its metadata).
 * Field errors in French; `input` only when there are none.
 */
export async function lireDepot(
  champs: Record<string, string>,
  fichier: FichierRecu | undefined,
  a: { config: DocumentsConfig; dossierId: string; role?: DeposantDocument; par?: string; rolesPermis?: DeposantDocument[] },
): Promise<{ input?: Omit<DeposerDocumentInput, 'acteur'>; erreurs: Erreurs }> {
  const erreurs: Erreurs = {};
  const titre = (champs.titre ?? '').trim();
  const note = (champs.note ?? '').trim();
  if (!titre) erreurs.titre = 'Ce champ est obligatoire : donnez un titre au document.';
  else if (titre.length > 200) erreurs.titre = `200 caractères au plus (${titre.length}).`;
  if (note.length > 2000) erreurs.note = `2000 caractères au plus (${note.length}).`;
  let role = a.role;
  if (!role && a.rolesPermis) {
    const r = champs.role as DeposantDocument | undefined;
    if (r && !a.rolesPermis.includes(r)) erreurs.role = 'Choisissez au nom de qui le document est partagé.';
    else role = r ?? 'unml';
  }
  if (!fichier) erreurs.fichier = 'Ce champ est obligatoire : choisissez le fichier à partager.';
  let type: string | undefined;
  if (fichier) {
    try {
      type = verifierContenu(fichier.nom || 'sans nom', fichier.type, fichier.contenu, a.config.LIVRABLES_MAX_BYTES);
    } catch (err) {
      if (err instanceof ApiError) erreurs.fichier = err.message;
      else if (err instanceof z.ZodError) erreurs.fichier = `${err.issues[0]?.message ?? 'fichier refusé'}.`.replace(/^./, (c) => c.toUpperCase());
      else throw err;
    }
  }
  if (Object.keys(erreurs).length > 0 || !fichier || !type) return { erreurs };
  const stocke = await enregistrerContenu(a.config, a.dossierId, fichier.nom || `${titre}`, type, fichier.contenu);
  const input = documentEnregistreSchema.parse({
    titre,
    ...(note ? { note } : {}),
    ...(role ? { role } : {}),
    ...(a.par ? { par: a.par } : {}),
    fichier: stocke,
  });
  return { input, erreurs };
}
