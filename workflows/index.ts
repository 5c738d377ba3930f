// Every workflow the worker runs. One folder per dispositif.
export { compagnonnage } from './compagnonnage/workflow';
export { appuiConseil } from './appui-conseil/workflow';
export { renvoyerLienAction } from './shared/renvoi-lien';
export { fileAttenteVivier } from './vivier/file-attente';
export { diagnostic } from './diagnostic/workflow';
export { propagerFicheIntervenant } from './vivier/fiche-modifiee';
export { campagne } from './campagne/campagne';
export { mlCampagne } from './campagne/ml';
export { dialogueDeGestion } from './campagne/dialogue';
export { purgeDonneesPersonnelles } from './purge/workflow';
