// The yearly report's charts, drawn on the server as SVG by Apache ECharts (its SSR renderer: no DOM, no script in
// the page) and inlined in the HTML. The content security policy allows no inline style (api/acces/securite.ts), so
// the SVG's `style` attributes become SVG presentation attributes (font-size, font-family…) and its <style> block
// (hover effects only) is dropped; each chart gets a <title> and role="img" for screen readers, and its figures are
// also in the report's tables.
import * as echarts from 'echarts';
import type { Chiffres } from '../../../domain/chiffres';
import { dispositifFr } from '../../../domain/schemas';
import { TYPES_INTERVENANT, type TypeIntervenant } from '../../../domain/vivier';

/** The back office's colours (layout.hbs), contrasted enough on white and in grey print. */
const COULEURS = ['#003b80', '#b34700', '#1e6b2f', '#6a3d9a', '#4a4a4a', '#b00020'];
const POLICE = 'Arial, Helvetica, sans-serif';

/** The SVG presentation attributes a `style` attribute of ECharts may carry; any other property is dropped. */
const PRESENTATION = new Set([
  'font-size',
  'font-family',
  'font-weight',
  'font-style',
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'opacity',
  'text-anchor',
  'dominant-baseline',
]);

const attribut = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** ECharts' SVG made fit for the page: no style attribute nor <style>, a title, an accessible role. */
export function svgEnLigne(svg: string, id: string, titre: string): string {
  return svg
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/ style="([^"]*)"/g, (_m, css: string) =>
      css
        .split(';')
        .map((d) => d.split(':'))
        .filter(([p, v]) => p && v && PRESENTATION.has(p.trim()))
        .map(([p, ...v]) => ` ${p!.trim()}="${attribut(v.join(':').trim().replace(/^"|"$/g, ''))}"`)
        .join(''),
    )
    .replace(/ ecmeta_[a-z_]+="[^"]*"/g, '')
    .replace(/ class="zr\d+-cls-\d+"/g, '')
    .replace(/^<svg /, `<svg role="img" aria-labelledby="${id}" class="graphique-svg" `)
    .replace(/^(<svg[^>]*>)/, `$1<title id="${id}">${attribut(titre)}</title>`);
}

/** One chart: an ECharts option rendered to an SVG string, the instance disposed of at once. */
export function rendreSvg(option: echarts.EChartsOption, largeur: number, hauteur: number, id: string, titre: string): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: largeur, height: hauteur });
  try {
    chart.setOption({ animation: false, color: COULEURS, textStyle: { fontFamily: POLICE, fontSize: 12, color: '#1d1d1b' }, ...option });
    return svgEnLigne(chart.renderToSVGString(), id, titre);
  } finally {
    chart.dispose();
  }
}

const axeValeurs = { type: 'value' as const, minInterval: 1, axisLabel: { color: '#1d1d1b' } };
const legende = { bottom: 0, itemWidth: 14, itemGap: 8, textStyle: { color: '#1d1d1b', fontSize: 11 } };

/** Dossiers per dispositif and outcome (grouped bars). */
export function graphiqueDossiers(c: Chiffres): string {
  const d = (f: (b: Chiffres['total']) => number) => c.dispositifs.map((x) => f(c.parDispositif[x]!));
  const series = [
    { name: 'Demandés', data: d((b) => b.dossiers.demandes) },
    { name: 'Acceptés', data: d((b) => b.dossiers.acceptes) },
    { name: 'En cours', data: d((b) => b.dossiers.enCours) },
    { name: 'Clôturés', data: d((b) => b.dossiers.clotures) },
    { name: 'Déclinés ou hors champ', data: d((b) => b.dossiers.declines + b.dossiers.nonRecevables) },
    { name: 'Abandonnés ou caducs', data: d((b) => b.dossiers.abandonnes + b.dossiers.caducs) },
  ];
  return rendreSvg(
    {
      grid: { left: 32, right: 8, top: 20, bottom: 80 },
      legend: legende,
      xAxis: { type: 'category', data: c.dispositifs.map((x) => dispositifFr(x)), axisLabel: { color: '#1d1d1b' } },
      yAxis: axeValeurs,
      series: series.map((s) => ({ ...s, type: 'bar', label: { show: true, position: 'top', color: '#1d1d1b', fontSize: 10 } })),
    },
    420,
    290,
    'graphique-dossiers',
    'Dossiers par dispositif et par issue',
  );
}

/** The kinds of contributor, short enough for an axis (LIBELLES_TYPES_CONTRIBUTEURS in the tables). */
const LIBELLES_COURTS: Record<TypeIntervenant, string> = {
  consultant_cabinet: 'Cabinets de conseil',
  directeur_ml: 'Directions de ML',
  expert_reseau: 'Expert·es du réseau',
};

/** Days by kind of contributor, stacked by dispositif. */
export function graphiqueJours(c: Chiffres): string {
  const types = Object.keys(TYPES_INTERVENANT) as TypeIntervenant[];
  return rendreSvg(
    {
      grid: { left: 32, right: 8, top: 20, bottom: 80 },
      legend: legende,
      xAxis: {
        type: 'category',
        data: types.map((t) => LIBELLES_COURTS[t]),
        axisLabel: { color: '#1d1d1b', interval: 0 },
      },
      yAxis: { ...axeValeurs, minInterval: undefined },
      series: c.dispositifs.map((x) => ({
        name: dispositifFr(x),
        type: 'bar' as const,
        stack: 'jours',
        data: types.map((t) => c.parDispositif[x]!.jours.parType[t].jours),
      })),
    },
    420,
    290,
    'graphique-jours',
    'Jours mobilisés par type d’intervenant·e et par dispositif',
  );
}

const MOIS = new Intl.DateTimeFormat('fr-FR', { month: 'short', timeZone: 'UTC' });
const moisFr = (m: string, annee: boolean) => {
  const d = new Date(`${m}-01T00:00:00Z`);
  return annee ? MOIS.format(d) : `${MOIS.format(d)} ${m.slice(0, 4)}`;
};

/** Demands filed per month (line). */
export function graphiqueDemandesParMois(c: Chiffres): string {
  const memeAnnee = c.demandesParMois.every((m) => m.mois.slice(0, 4) === c.demandesParMois[0]?.mois.slice(0, 4));
  return rendreSvg(
    {
      grid: { left: 40, right: 15, top: 20, bottom: 30 },
      xAxis: { type: 'category', data: c.demandesParMois.map((m) => moisFr(m.mois, memeAnnee)), axisLabel: { color: '#1d1d1b' } },
      yAxis: axeValeurs,
      series: [
        { name: 'Demandes', type: 'line', data: c.demandesParMois.map((m) => m.nombre), label: { show: true, color: '#1d1d1b' }, lineStyle: { width: 3 } },
      ],
    },
    700,
    200,
    'graphique-mois',
    'Demandes déposées par mois',
  );
}
