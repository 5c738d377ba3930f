import { appuiConseilRecevabilite, decideJournee, formatJours, refusMembreReseau } from '../domain/appui-conseil';

describe('Appui Conseil eligibility (seed 001)', () => {
  it('accepts a thorny financial situation or an organisational problem', () => {
    expect(appuiConseilRecevabilite({ sujets: ['finances', 'pse'] })).toEqual({ recevable: true });
  });
  it('refuses continuous improvement and points to Compagnonnage', () => {
    const r = appuiConseilRecevabilite({ sujets: ['organisation_rh', 'amelioration_continue'] });
    expect(r).toMatchObject({ recevable: false, redirection: 'compagnonnage' });
    expect(r.recevable === false && r.motifs).toEqual([expect.stringMatching(/amélioration continue/)]);
  });
  it('refuses the offre de service and the optimisation of means, without redirection', () => {
    const r = appuiConseilRecevabilite({ sujets: ['deploiement_offre_de_service', 'optimisation_moyens'] });
    expect(r.recevable).toBe(false);
    expect(r.recevable === false && r.motifs).toHaveLength(2);
    expect(r).not.toHaveProperty('redirection');
  });
  it('refuses a network member of the ML’s own région', () => {
    expect(refusMembreReseau({ region: 'HDF' }, 'HDF')).toMatch(/Hauts-de-France/);
    expect(refusMembreReseau({ region: 'OCC' }, 'HDF')).toBeNull();
  });
});

describe('intervention-day budget: 15 to 20 days', () => {
  it('warns on the day that reaches the 15th, once', () => {
    expect(decideJournee(27, 0, 2)).toEqual({ allowed: true, totalDemiJournees: 29, atteintMinimum: false });
    expect(decideJournee(29, 0, 1)).toEqual({ allowed: true, totalDemiJournees: 30, atteintMinimum: true });
    expect(decideJournee(30, 0, 2)).toMatchObject({ allowed: true, atteintMinimum: false });
  });
  it('allows the 20th day and refuses the 21st unless UNML extended the budget', () => {
    expect(decideJournee(38, 0, 2)).toMatchObject({ allowed: true, totalDemiJournees: 40 });
    const refused = decideJournee(40, 0, 1);
    expect(refused.allowed).toBe(false);
    expect(refused.allowed === false && refused.reason).toMatch(/20 jours déjà réalisés sur 20 jours/);
    expect(decideJournee(40, 2, 2)).toMatchObject({ allowed: true, totalDemiJournees: 42 });
  });
  it('says half days in French', () => {
    expect(formatJours(1)).toBe('0,5 jour');
    expect(formatJours(31)).toBe('15,5 jours');
  });
});
