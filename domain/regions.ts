// The régions of France and the ARML (Association Régionale des Missions Locales) to inform in each.
// DOMAIN.md: the ARML of the ML's région is always informed of a demand.
// Contact addresses are the generic ones UNML staff maintain here; override per deployment if they change.

export const REGIONS = {
  ARA: 'Auvergne-Rhône-Alpes',
  BFC: 'Bourgogne-Franche-Comté',
  BRE: 'Bretagne',
  CVL: 'Centre-Val de Loire',
  COR: 'Corse',
  GES: 'Grand Est',
  HDF: 'Hauts-de-France',
  IDF: 'Île-de-France',
  NOR: 'Normandie',
  NAQ: 'Nouvelle-Aquitaine',
  OCC: 'Occitanie',
  PDL: 'Pays de la Loire',
  PAC: "Provence-Alpes-Côte d'Azur",
  GUA: 'Guadeloupe',
  MTQ: 'Martinique',
  GUF: 'Guyane',
  LRE: 'La Réunion',
  MAY: 'Mayotte',
} as const;

export type RegionCode = keyof typeof REGIONS;
export const REGION_CODES = Object.keys(REGIONS) as [RegionCode, ...RegionCode[]];

export interface ArmlContact {
  name: string;
  email: string;
}

export const ARML_BY_REGION: Record<RegionCode, ArmlContact> = {
  ARA: { name: 'ARML Auvergne-Rhône-Alpes', email: 'contact@arml-ara.fr' },
  BFC: { name: 'ARML Bourgogne-Franche-Comté', email: 'contact@arml-bfc.fr' },
  BRE: { name: 'ARML Bretagne', email: 'contact@arml-bretagne.fr' },
  CVL: { name: 'ARML Centre-Val de Loire', email: 'contact@arml-centre.fr' },
  COR: { name: 'ARML Corse', email: 'contact@arml-corse.fr' },
  GES: { name: 'ARML Grand Est', email: 'contact@arml-grandest.fr' },
  HDF: { name: 'ARML Hauts-de-France', email: 'contact@arml-hdf.fr' },
  IDF: { name: 'ARML Île-de-France', email: 'contact@arml-idf.fr' },
  NOR: { name: 'ARML Normandie', email: 'contact@arml-normandie.fr' },
  NAQ: { name: 'ARML Nouvelle-Aquitaine', email: 'contact@arml-na.fr' },
  OCC: { name: 'ARML Occitanie', email: 'contact@arml-occitanie.fr' },
  PDL: { name: 'ARML Pays de la Loire', email: 'contact@arml-pdl.fr' },
  PAC: { name: "ARML Provence-Alpes-Côte d'Azur", email: 'contact@arml-paca.fr' },
  GUA: { name: 'Association régionale des Missions Locales de Guadeloupe', email: 'contact@arml-guadeloupe.fr' },
  MTQ: { name: 'Association régionale des Missions Locales de Martinique', email: 'contact@arml-martinique.fr' },
  GUF: { name: 'Association régionale des Missions Locales de Guyane', email: 'contact@arml-guyane.fr' },
  LRE: { name: 'Association régionale des Missions Locales de La Réunion', email: 'contact@arml-reunion.fr' },
  MAY: { name: 'Association régionale des Missions Locales de Mayotte', email: 'contact@arml-mayotte.fr' },
};

export function armlFor(region: RegionCode): ArmlContact {
  return ARML_BY_REGION[region];
}
