// The activities of a scheduled export (issue #14, workflows/exports/export-programme.ts), built from their
// dependencies: the pool's database (the reporting read model, the templates and scheduled exports, the Missions
// Locales' and staff accounts' names), DATA_DIR, the SMTP transport and the download links' secret.
// - construireExportProgramme writes the template's export into DATA_DIR/exports/<file>.<format> (a temporary file
//   renamed once complete: a retried build rewrites it whole), and deletes the files whose links have expired;
// - envoyerExportProgramme reads the recipients' addresses (SQL only) and emails each the signed, expiring link
//   (one email each, the same Message-IDs on a retry).
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import { LIBELLES_OBJETS } from '../api/exports/catalogue';
import { chargerNoms, ecrireExport } from '../api/exports/ecriture';
import { filtreExportSchema, LIBELLES_FREQUENCES } from '../api/exports/schemas';
import {
  cheminFichier,
  dossierExports,
  jetonTelechargement,
  lienTelechargement,
  secretTelechargement,
  type ConfigTelechargement,
} from '../api/exports/telechargement';
import type { Config } from '../config';
import { SqlComptesStore } from '../db/comptes';
import type { Database } from '../db/database';
import { SqlModelesExportStore } from '../db/modeles-export';
import { SqlReportingStore } from '../db/reporting';
import type { VivierStore } from '../db/store';
import type { ConstruireExportInput, ConstruireExportResultat, EnvoyerExportInput, EnvoyerExportResultat } from '../workflows/exports/messages';
import { renderExportProgramme } from './email/bodies/exports';

export interface ExportActivityDeps {
  db: Kysely<Database>;
  vivier: Pick<VivierStore, 'missionsLocales'>;
  config: ConfigTelechargement & Pick<Config, 'MAIL_FROM' | 'UNML_CONTACT_EMAIL'>;
  transport: Transporter;
  logger?: Pick<Logger, 'info'>;
  /** The links' signing key; by default from the configuration (secretTelechargement). */
  secret?: string;
  horloge?: () => Date;
}

export function createExportActivities(deps: ExportActivityDeps) {
  const { db, vivier, config, transport, logger } = deps;
  const horloge = deps.horloge ?? (() => new Date());
  const modeles = new SqlModelesExportStore(db);
  const reporting = new SqlReportingStore(db);
  const comptes = new SqlComptesStore(db);
  let secret = deps.secret;
  const cle = () => (secret ??= secretTelechargement(config));

  /** The scheduled export and its template, or undefined when either was deleted. */
  async function lire(id: string) {
    const programme = await modeles.lireProgramme(id);
    const modele = programme ? await modeles.lire(programme.modeleId) : undefined;
    return programme && modele ? { programme, modele } : undefined;
  }

  /** Deletes the produced files older than a link's life (and a day): their links no longer open them anyway. */
  async function nettoyer(dir: string): Promise<void> {
    const limite = horloge().getTime() - config.EXPORT_LINK_TTL - 86_400_000;
    for (const f of await readdir(dir)) {
      const chemin = join(dir, f);
      const s = await stat(chemin).catch(() => undefined);
      if (s?.isFile() && s.mtimeMs < limite) await rm(chemin, { force: true });
    }
  }

  return {
    async construireExportProgramme({ exportProgrammeId, fichier }: ConstruireExportInput): Promise<ConstruireExportResultat> {
      const lu = await lire(exportProgrammeId);
      if (!lu) return { existe: false };
      const { programme, modele } = lu;
      const dir = dossierExports(config.DATA_DIR);
      await mkdir(dir, { recursive: true });
      await nettoyer(dir);
      const final = cheminFichier(config.DATA_DIR, fichier, programme.format);
      const temporaire = `${final}.partiel`;
      const noms = await chargerNoms(vivier, comptes);
      const demande = { objet: modele.objet, colonnes: modele.colonnes, filtre: filtreExportSchema.parse(modele.filtre), format: programme.format };
      const lignes = await ecrireExport(reporting, noms, demande, createWriteStream(temporaire));
      await rename(temporaire, final);
      logger?.info({ exportProgrammeId, fichier, lignes }, 'scheduled export built');
      return { existe: true, format: programme.format, lignes };
    },

    async envoyerExportProgramme({ exportProgrammeId, fichier, format, lignes }: EnvoyerExportInput): Promise<EnvoyerExportResultat> {
      const lu = await lire(exportProgrammeId);
      if (!lu) return { envoye: false, destinataires: 0 };
      const { programme, modele } = lu;
      const expireLe = new Date(horloge().getTime() + config.EXPORT_LINK_TTL);
      const lien = lienTelechargement(config.PUBLIC_URL, jetonTelechargement(cle(), fichier, format, expireLe));
      const email = renderExportProgramme(
        {
          kind: 'export_programme',
          exportProgrammeId,
          nomModele: modele.nom,
          objet: LIBELLES_OBJETS[modele.objet],
          format,
          lignes,
          frequence: LIBELLES_FREQUENCES[programme.frequence],
          lienTelechargement: lien,
          expireLe: expireLe.toISOString(),
        },
        { publicUrl: config.PUBLIC_URL, unmlContactEmail: config.UNML_CONTACT_EMAIL },
      );
      // One email per recipient: funders and staff never see each other's addresses; a retry sends the same Message-IDs.
      const ids: string[] = [];
      for (const [i, d] of programme.destinataires.entries()) {
        const messageId = `<${fichier}.${i + 1}@dispositifs.unml.info>`;
        await transport.sendMail({
          from: config.MAIL_FROM,
          replyTo: config.UNML_CONTACT_EMAIL,
          to: d.nom ? { name: d.nom, address: d.email } : d.email,
          subject: email.subject,
          text: email.text,
          html: email.html,
          messageId,
          headers: { 'X-Dispositifs-Export': exportProgrammeId, 'X-Dispositifs-Kind': 'export_programme' },
        });
        ids.push(messageId);
      }
      const messageId = ids[0];
      logger?.info({ exportProgrammeId, fichier, destinataires: programme.destinataires.length, messageId }, 'scheduled export sent');
      return { envoye: true, destinataires: programme.destinataires.length, ...(messageId ? { messageId } : {}) };
    },
  };
}

export type ExportActivities = ReturnType<typeof createExportActivities>;
