// The environment as config/index.ts reads it: defaults, rejected values named in the message, durations.
import { ConfigError, databaseUrl, parseConfig } from '../config';

describe('parseConfig', () => {
  it('gives every default from an empty environment', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      TEMPORAL_ADDRESS: 'localhost:7233',
      TEMPORAL_NAMESPACE: 'default',
      TASK_QUEUE: 'dispositifs',
      TEMPORAL_UI_URL: 'http://localhost:8233',
      PORT: 3000,
      PUBLIC_URL: 'http://localhost:3000',
      SMTP_SINK_PORT: 1025,
      MAIL_FROM: 'UNML Dispositifs <dispositifs@unml.info>',
      UNML_CONTACT_EMAIL: 'dispositifs@unml.info',
      DATA_DIR: 'data',
      LOG_LEVEL: 'info',
      COMPLEMENTS_REMINDER_DELAY: 7 * 86_400_000,
      COMPLEMENTS_LAPSE_DELAY: 30 * 86_400_000,
      ACTE_REMINDER_DELAY: 7 * 86_400_000,
      ACTE_LAPSE_DELAY: 30 * 86_400_000,
      COMPAGNONNAGE_REMINDERS: [86_400_000, 3_600_000],
      APPUI_CONSEIL_REMINDERS: [86_400_000],
      DIAGNOSTIC_REMINDERS: [86_400_000],
      NO_SESSION_ALERT_AFTER: 14 * 86_400_000,
      POST_BILAN_DELAY: 90 * 86_400_000,
      MILESTONE_REMINDER_BEFORE: 2 * 86_400_000,
      LIVRABLES_MAX_BYTES: 10 * 1024 * 1024,
    });
    expect(config.SMTP_URL).toBeUndefined();
    expect(config.ACTE_LAPSE_WORKING_DAYS).toBeUndefined();
  });

  it('reads reminder offsets as a list, largest first, and working-day deadlines', () => {
    const config = parseConfig({ COMPAGNONNAGE_REMINDERS: '1h, 2d', ACTE_LAPSE_WORKING_DAYS: '20' });
    expect(config.COMPAGNONNAGE_REMINDERS).toEqual([2 * 86_400_000, 3_600_000]);
    expect(config.ACTE_LAPSE_WORKING_DAYS).toBe(20);
    expect(() => parseConfig({ COMPAGNONNAGE_REMINDERS: '2d,,1h' })).toThrow(/COMPAGNONNAGE_REMINDERS=/);
    expect(() => parseConfig({ ACTE_LAPSE_WORKING_DAYS: '2.5' })).toThrow(/ACTE_LAPSE_WORKING_DAYS=/);
  });

  // Regional campaigns (issue #13): the dialogue de gestion's Schedule, shortened on a dev server to see it fire.
  it('reads the interval of the dialogue de gestion: a year by default, seconds when asked', () => {
    expect(parseConfig({}).CAMPAIGN_DIALOGUE_INTERVAL).toBe(365 * 86_400_000);
    expect(parseConfig({ CAMPAIGN_DIALOGUE_INTERVAL: '10s' }).CAMPAIGN_DIALOGUE_INTERVAL).toBe(10_000);
    expect(() => parseConfig({ CAMPAIGN_DIALOGUE_INTERVAL: 'un an' })).toThrow(/CAMPAIGN_DIALOGUE_INTERVAL=/);
  });

  test('new dossiers answer before their emails only when ACTIONS_AVANT_EMAILS is true', () => {
    expect(parseConfig({}).ACTIONS_AVANT_EMAILS).toBe(false);
    expect(parseConfig({ ACTIONS_AVANT_EMAILS: 'true' }).ACTIONS_AVANT_EMAILS).toBe(true);
    expect(() => parseConfig({ ACTIONS_AVANT_EMAILS: 'oui' })).toThrow(/ACTIONS_AVANT_EMAILS=/);
  });

  it('reads the values it is given', () => {
    const config = parseConfig({ PORT: '8080', SMTP_URL: 'smtp://mailpit:1025', TEMPORAL_ADDRESS: 'temporal:7233', LOG_LEVEL: 'debug' });
    expect(config.PORT).toBe(8080);
    expect(config.SMTP_URL).toBe('smtp://mailpit:1025');
    expect(config.TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(config.LOG_LEVEL).toBe('debug');
  });

  it.each(['abc', '0', '70000', '80.5'])('rejects PORT=%s with a message naming PORT', (port) => {
    expect(() => parseConfig({ PORT: port })).toThrow(ConfigError);
    expect(() => parseConfig({ PORT: port })).toThrow(/PORT=/);
  });

  it.each(['soon', '15', '3 weeks', '-2m'])('rejects POST_BILAN_DELAY=%s with a message naming the variable', (value) => {
    expect(() => parseConfig({ POST_BILAN_DELAY: value })).toThrow(ConfigError);
    expect(() => parseConfig({ POST_BILAN_DELAY: value })).toThrow(new RegExp(`POST_BILAN_DELAY=${JSON.stringify(value)}.*duration`));
  });

  it('names the variable for other bad values too', () => {
    expect(() => parseConfig({ UNML_CONTACT_EMAIL: 'not-an-email' })).toThrow(/UNML_CONTACT_EMAIL=/);
    expect(() => parseConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL=/);
    expect(() => parseConfig({ SMTP_SINK_PORT: 'x' })).toThrow(/SMTP_SINK_PORT=/);
  });

  it('reads the pool database URL: PostgreSQL, SQLite, or by default SQLite under DATA_DIR', () => {
    expect(parseConfig({}).DATABASE_URL).toBeUndefined();
    expect(databaseUrl(parseConfig({}))).toBe('sqlite:data/vivier.sqlite');
    expect(databaseUrl(parseConfig({ DATA_DIR: '/var/lib/dispositifs/' }))).toBe('sqlite:/var/lib/dispositifs/vivier.sqlite');
    for (const url of ['postgres://app:pw@db:5432/dispositifs', 'postgresql://db/dispositifs', 'sqlite:/tmp/vivier.sqlite', 'data/autre.sqlite']) {
      expect(databaseUrl(parseConfig({ DATABASE_URL: url }))).toBe(url);
    }
    for (const url of ['mysql://root:s3cret@db/app', 'sqlite:', 'postgres://']) {
      expect(() => parseConfig({ DATABASE_URL: url })).toThrow(/DATABASE_URL=\(hidden\)/);
    }
    expect(() => parseConfig({ DATABASE_URL: 'mysql://root:s3cret@db/app' })).not.toThrow(/s3cret/);
  });

  it.each([
    ['250ms', 250],
    ['90s', 90_000],
    ['2m', 120_000],
    ['1.5h', 5_400_000],
    ['3d', 259_200_000],
  ])('parses the duration %s as %i ms', (value, ms) => {
    expect(parseConfig({ ACTE_REMINDER_DELAY: value }).ACTE_REMINDER_DELAY).toBe(ms);
  });
});
