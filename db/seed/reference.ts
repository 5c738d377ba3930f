// Reference data: the 18 régions with their ARML contacts (domain/regions.ts) and Missions Locales of every
// région. Applied at each start by openVivierStore, idempotently: new rows are inserted, names and contacts
// updated. Not every one of the ~430 MLs: more are added here (or by a later migration) as the pool grows.
import type { Kysely } from 'kysely';
import { ARML_BY_REGION, REGION_CODES, REGIONS, type RegionCode } from '../../domain/regions';
import type { Database } from '../database';

export interface MissionLocaleSeed {
  code: string;
  nom: string;
  region: RegionCode;
}

const ML: Record<RegionCode, [code: string, nom: string][]> = {
  ARA: [
    ['ML-LYON', 'Mission Locale de Lyon'],
    ['ML-GRENOBLE', 'Mission Locale de Grenoble'],
    ['ML-CLERMONT', 'Mission Locale de Clermont Métropole et Volcans'],
    ['ML-SAINT-ETIENNE', 'Mission Locale de Saint-Étienne et de la Couronne'],
    ['ML-ANNECY', 'Mission Locale Jeunes du Bassin Annécien'],
    ['ML-VALENCE', 'Mission Locale Valence Vallée du Rhône'],
    ['ML-CHAMBERY', 'Mission Locale Jeunes de Chambéry'],
    ['ML-BOURG-EN-BRESSE', 'Mission Locale Jeunes du Bassin Burgien'],
  ],
  BFC: [
    ['ML-DIJON', 'Mission Locale de Dijon'],
    ['ML-BESANCON', 'Mission Locale de l’Agglomération de Besançon'],
    ['ML-BELFORT', 'Mission Locale du Territoire de Belfort'],
    ['ML-AUXERRE', 'Mission Locale de l’Auxerrois'],
    ['ML-CHALON', 'Mission Locale du Chalonnais'],
    ['ML-NEVERS', 'Mission Locale du Nivernais Morvan'],
  ],
  BRE: [
    ['ML-RENNES', 'Mission Locale du Bassin d’emploi de Rennes'],
    ['ML-BREST', 'Mission Locale du Pays de Brest'],
    ['ML-MORLAIX', 'Mission Locale du Pays de Morlaix'],
    ['ML-CORNOUAILLE', 'Mission Locale du Pays de Cornouaille'],
    ['ML-VANNES', 'Mission Locale du Pays de Vannes'],
    ['ML-LORIENT', 'Mission Locale du Pays de Lorient'],
    ['ML-SAINT-BRIEUC', 'Mission Locale du Pays de Saint-Brieuc'],
  ],
  CVL: [
    ['ML-ORLEANS', 'Mission Locale de l’Orléanais'],
    ['ML-TOURS', 'Mission Locale de Touraine'],
    ['ML-BOURGES', 'Mission Locale de Bourges, Mehun, Saint-Florent'],
    ['ML-CHARTRES', 'Mission Locale de l’Arrondissement de Chartres'],
    ['ML-BLOIS', 'Mission Locale du Blaisois'],
    ['ML-CHATEAUROUX', 'Mission Locale de Châteauroux'],
  ],
  COR: [
    ['ML-AJACCIO', 'Mission Locale d’Ajaccio'],
    ['ML-BASTIA', 'Mission Locale de Bastia'],
    ['ML-CENTRE-CORSE', 'Mission Locale du Centre Corse'],
    ['ML-EXTREME-SUD', 'Mission Locale de l’Extrême-Sud'],
  ],
  GES: [
    ['ML-STRASBOURG', 'Mission Locale pour l’Emploi de Strasbourg'],
    ['ML-MULHOUSE', 'Mission Locale de la Région Mulhousienne'],
    ['ML-COLMAR', 'Mission Locale du Centre Alsace'],
    ['ML-METZ', 'Mission Locale du Pays Messin'],
    ['ML-NANCY', 'Mission Locale du Grand Nancy'],
    ['ML-REIMS', 'Mission Locale de Reims'],
    ['ML-TROYES', 'Mission Locale de Troyes'],
    ['ML-EPINAL', 'Mission Locale des Vosges Centre'],
  ],
  HDF: [
    ['ML-LILLE', 'Mission Locale de Lille'],
    ['ML-ROUBAIX', 'Mission Locale de Roubaix'],
    ['ML-AMIENS', 'Mission Locale du Grand Amiénois'],
    ['ML-ARRAS', 'Mission Locale de l’Arrageois'],
    ['ML-BEAUVAIS', 'Mission Locale du Beauvaisis'],
    ['ML-DUNKERQUE', 'Mission Locale de l’Agglomération Dunkerquoise'],
    ['ML-VALENCIENNES', 'Mission Locale du Valenciennois'],
  ],
  IDF: [
    ['ML-PARIS', 'Mission Locale de Paris'],
    ['ML-SAINT-DENIS', 'Mission Locale de Saint-Denis'],
    ['ML-MONTREUIL', 'Mission Locale de Montreuil'],
    ['ML-ARGENTEUIL', 'Mission Locale d’Argenteuil-Bezons'],
    ['ML-VERSAILLES', 'Mission Locale Intercommunale de Versailles'],
    ['ML-EVRY', 'Mission Locale du Centre Essonne'],
    ['ML-MEAUX', 'Mission Locale du Bassin de Meaux'],
    ['ML-CRETEIL', 'Mission Locale de Créteil'],
  ],
  NOR: [
    ['ML-ROUEN', 'Mission Locale de l’Agglomération Rouennaise'],
    ['ML-CAEN', 'Mission Locale Caen la Mer Calvados Centre'],
    ['ML-LE-HAVRE', 'Mission Locale de l’Agglomération Havraise'],
    ['ML-CHERBOURG', 'Mission Locale du Cotentin'],
    ['ML-EVREUX', 'Mission Locale d’Évreux'],
    ['ML-ALENCON', 'Mission Locale d’Alençon'],
  ],
  NAQ: [
    ['ML-BORDEAUX', 'Mission Locale de Bordeaux'],
    ['ML-LIMOGES', 'Mission Locale de l’Agglomération de Limoges'],
    ['ML-POITIERS', 'Mission Locale d’Insertion du Poitou'],
    ['ML-PAU', 'Mission Locale Pau Pyrénées'],
    ['ML-LA-ROCHELLE', 'Mission Locale La Rochelle Ré Pays d’Aunis'],
    ['ML-PAYS-BASQUE', 'Mission Locale du Pays Basque'],
    ['ML-PERIGUEUX', 'Mission Locale du Périgord'],
  ],
  OCC: [
    ['ML-TOULOUSE', 'Mission Locale de Toulouse'],
    ['ML-MONTPELLIER', 'Mission Locale des Jeunes de Montpellier Méditerranée'],
    ['ML-NIMES', 'Mission Locale Jeunes de Nîmes Métropole'],
    ['ML-PERPIGNAN', 'Mission Locale Jeunes de Perpignan'],
    ['ML-ALBI', 'Mission Locale du Tarn Nord'],
    ['ML-RODEZ', 'Mission Locale de l’Aveyron'],
    ['ML-CARCASSONNE', 'Mission Locale de l’Ouest Audois'],
  ],
  PDL: [
    ['ML-NANTES', 'Mission Locale Nantes Métropole'],
    ['ML-ANGERS', 'Mission Locale Angevine'],
    ['ML-LE-MANS', 'Mission Locale de l’Agglomération Mancelle'],
    ['ML-LA-ROCHE-SUR-YON', 'Mission Locale du Pays Yonnais'],
    ['ML-LAVAL', 'Mission Locale de la Mayenne'],
    ['ML-SAINT-NAZAIRE', 'Mission Locale de l’Agglomération Nazairienne'],
  ],
  PAC: [
    ['ML-MARSEILLE', 'Mission Locale de Marseille'],
    ['ML-NICE', 'Mission Locale Nice Côte d’Azur'],
    ['ML-TOULON', 'Mission Locale Toulon Provence Méditerranée'],
    ['ML-AVIGNON', 'Mission Locale du Grand Avignon'],
    ['ML-AIX', 'Mission Locale du Pays d’Aix'],
    ['ML-GAP', 'Mission Locale Jeunes des Hautes-Alpes'],
    ['ML-ARLES', 'Mission Locale du Delta'],
  ],
  GUA: [
    ['ML-POINTE-A-PITRE', 'Mission Locale de Pointe-à-Pitre et des Abymes'],
    ['ML-BASSE-TERRE', 'Mission Locale de Basse-Terre'],
    ['ML-NORD-GRANDE-TERRE', 'Mission Locale du Nord Grande-Terre'],
  ],
  MTQ: [
    ['ML-FORT-DE-FRANCE', 'Mission Locale de Fort-de-France'],
    ['ML-NORD-MARTINIQUE', 'Mission Locale du Nord Martinique'],
    ['ML-SUD-MARTINIQUE', 'Mission Locale de l’Espace Sud Martinique'],
  ],
  GUF: [
    ['ML-CAYENNE', 'Mission Locale de Cayenne'],
    ['ML-KOUROU', 'Mission Locale de Kourou'],
    ['ML-SAINT-LAURENT', 'Mission Locale de Saint-Laurent-du-Maroni'],
  ],
  LRE: [
    ['ML-NORD-REUNION', 'Mission Locale Nord de La Réunion'],
    ['ML-SUD-REUNION', 'Mission Locale Sud de La Réunion'],
    ['ML-EST-REUNION', 'Mission Locale Est de La Réunion'],
    ['ML-OUEST-REUNION', 'Mission Locale Ouest de La Réunion'],
  ],
  MAY: [
    ['ML-MAMOUDZOU', 'Mission Locale de Mamoudzou'],
    ['ML-NORD-MAYOTTE', 'Mission Locale du Nord de Mayotte'],
    ['ML-SUD-MAYOTTE', 'Mission Locale du Sud de Mayotte'],
  ],
};

export const MISSIONS_LOCALES: MissionLocaleSeed[] = REGION_CODES.flatMap((region) => ML[region].map(([code, nom]) => ({ code, nom, region })));

/** Inserts or refreshes the régions and Missions Locales. Safe to run at every start, from several processes. */
export async function seedReference(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('regions')
      .values(REGION_CODES.map((code) => ({ code, nom: REGIONS[code], arml_nom: ARML_BY_REGION[code].name, arml_email: ARML_BY_REGION[code].email })))
      .onConflict((oc) =>
        oc
          .column('code')
          .doUpdateSet((eb) => ({ nom: eb.ref('excluded.nom'), arml_nom: eb.ref('excluded.arml_nom'), arml_email: eb.ref('excluded.arml_email') })),
      )
      .execute();
    await trx
      .insertInto('missions_locales')
      .values(MISSIONS_LOCALES)
      .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({ nom: eb.ref('excluded.nom'), region: eb.ref('excluded.region') })))
      .execute();
  });
}
