export { MISSIONS_LOCALES, type MissionLocaleSeed, seedReference } from './reference';
export { demoPool, PAR_DEMO, seedDemoPool } from './demo';
