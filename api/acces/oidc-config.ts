// Whether single sign-on with OpenID Connect is configured (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: all
// three, config/index.ts checks it), and its settings. The flow itself: oidc.ts.
import type { Config } from '../../config';

export type ConfigOidc = Partial<Pick<Config, 'OIDC_ISSUER' | 'OIDC_CLIENT_ID' | 'OIDC_CLIENT_SECRET'>>;

export interface ReglagesOidc {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

export function reglagesOidc(config: ConfigOidc): ReglagesOidc | undefined {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } = config;
  return issuer && clientId && clientSecret ? { issuer, clientId, clientSecret } : undefined;
}

export const oidcConfigure = (config: ConfigOidc): boolean => reglagesOidc(config) !== undefined;
