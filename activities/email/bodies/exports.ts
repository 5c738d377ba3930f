// The email of a scheduled export (issue #14): the export is ready, a link downloads it until its expiry. About no
// dossier: the body brings its own subject and reference lines (Body.horsDossier), and is rendered in the one layout.
import { dateHeureFr } from '../../../domain/format';
import { p, renderLayout, type Body, type RenderContext, type RenderedEmail } from '../layout';

/** What the email says: the template's name, the object, the row count, the link and its expiry. */
export interface ExportProgrammeMessage {
  kind: 'export_programme';
  exportProgrammeId: string;
  nomModele: string;
  /** "Dossiers" or "Unités de travail". */
  objet: string;
  format: 'csv' | 'xlsx';
  lignes: number;
  /** "Chaque mois", "Chaque trimestre". */
  frequence: string;
  lienTelechargement: string;
  /** ISO instant. */
  expireLe: string;
}

export function bodyExportProgramme(m: ExportProgrammeMessage): Body {
  const lignes = `${m.lignes} ligne${m.lignes > 1 ? 's' : ''}`;
  return {
    titre: `Export « ${m.nomModele} » disponible`,
    blocs: [
      p(`L’export programmé « ${m.nomModele} » (${m.objet.toLowerCase()}, ${lignes}, format ${m.format.toUpperCase()}) vient d’être produit.`),
      { lien: { libelle: 'Télécharger le fichier', url: m.lienTelechargement } },
      p(`Ce lien est valable jusqu’au ${dateHeureFr(m.expireLe)} (heure de Paris) ; le fichier est ensuite supprimé.`),
    ],
    action: null,
    suite: [
      'Ce lien donne accès au fichier sans connexion : merci de ne pas le transférer en dehors des personnes concernées.',
      `${m.frequence}, un nouvel export vous sera envoyé tant que cet envoi programmé existe ; l’UNML peut l’arrêter sur simple demande.`,
    ],
    horsDossier: {
      sujet: `Export « ${m.nomModele} » – UNML Dispositifs (réf. ${m.exportProgrammeId})`,
      reference: [
        { libelle: 'Export programmé', valeur: m.exportProgrammeId },
        { libelle: 'Modèle', valeur: m.nomModele },
        { libelle: 'Fréquence', valeur: m.frequence },
      ],
    },
  };
}

export function renderExportProgramme(m: ExportProgrammeMessage, ctx: RenderContext): RenderedEmail {
  // The layout's dossier facts are unused (horsDossier replaces them).
  const c = {
    ...ctx,
    dossier: { dossierId: m.exportProgrammeId, dispositif: 'campagne' as const, mlNom: m.nomModele, regionNom: '' },
    de: '',
    du: '',
    dispositif: 'Exports',
    laMl: '',
    dossierUrl: ctx.publicUrl,
  };
  return renderLayout(bodyExportProgramme(m), c);
}
