import { compagnonnageRecevabilite, refusIntervenantCompagnonnage, forfaitMinutes, RYTHME_PAR_DEFAUT } from '../domain/compagnonnage';
import { decideBudget, formatMinutes, regionExclusion } from '../domain/rules';

describe('Compagnonnage eligibility (seed 003)', () => {
  it('accepts a demand on covered topics', () => {
    expect(compagnonnageRecevabilite({ sujets: ['organisation_management', 'offre_de_service'] })).toEqual({ recevable: true });
  });

  it('refuses a financial problem and redirects to Appui Conseil', () => {
    const r = compagnonnageRecevabilite({ sujets: ['financements', 'problematique_financiere'] });
    expect(r).toMatchObject({ recevable: false, redirection: 'appui_conseil' });
    expect(r.recevable === false && r.motifs[0]).toMatch(/Appui Conseil/);
  });

  it('refuses interpersonal, legal and replacement topics without redirection, with one reason each', () => {
    const r = compagnonnageRecevabilite({ sujets: ['situation_interpersonnelle', 'reglementaire_juridique', 'remplacement_direction'] });
    expect(r.recevable).toBe(false);
    expect(r.recevable === false && r.motifs).toHaveLength(3);
    expect(r).not.toHaveProperty('redirection');
  });
});

describe('intervenant rules', () => {
  it('refuses an intervenant who is not an ML director', () => {
    expect(refusIntervenantCompagnonnage({ type: 'consultant_cabinet', region: 'BRE' }, 'IDF')).toMatch(/exclusivement des directeurs/);
  });
  it('refuses an ML director of the same région', () => {
    expect(refusIntervenantCompagnonnage({ type: 'directeur_ml', region: 'IDF' }, 'IDF')).toMatch(/propre région \(Île-de-France\)/);
  });
  it('accepts an ML director of another région', () => {
    expect(refusIntervenantCompagnonnage({ type: 'directeur_ml', region: 'BRE' }, 'IDF')).toBeNull();
    expect(regionExclusion('OCC', 'NOR')).toBeNull();
  });
});

describe('hour budget', () => {
  const budget = forfaitMinutes(RYTHME_PAR_DEFAUT);
  it('is 24 h by default (2 h/week over 12 weeks)', () => {
    expect(budget).toBe(24 * 60);
  });
  it('warns exactly once, on the entry that reaches 80 %', () => {
    const before = decideBudget(18 * 60, budget, 60, formatMinutes);
    expect(before).toMatchObject({ allowed: true, crossedWarning: false });
    const crossing = decideBudget(19 * 60, budget, 120, formatMinutes);
    expect(crossing).toMatchObject({ allowed: true, crossedWarning: true, used: 21 * 60 });
    expect(decideBudget(21 * 60, budget, 60, formatMinutes)).toMatchObject({ allowed: true, crossedWarning: false });
  });
  it('refuses an entry beyond the package, saying why', () => {
    const d = decideBudget(23 * 60, budget, 90, formatMinutes);
    expect(d.allowed).toBe(false);
    expect(d.allowed === false && d.reason).toBe(
      "Ce volume dépasse le forfait : 23 h déjà consommées sur 24 h, 1 h 30 demandées. Seule l'UNML peut étendre le forfait.",
    );
  });
});
