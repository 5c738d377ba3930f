// OpenAPI document generated from the same zod schemas the routes validate with.
// Each resource folder registers its own paths (see */openapi.ts); this file only assembles them.
import { extendZodWithOpenApi, OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

extendZodWithOpenApi(z);

export type Registrar = (registry: OpenAPIRegistry) => void;

export function buildOpenApiDocument(registrars: Registrar[]): ReturnType<OpenApiGeneratorV31['generateDocument']> {
  const registry = new OpenAPIRegistry();
  for (const register of registrars) register(registry);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'UNML Dispositifs API',
      version: '0.1.0',
      description:
        "API des dispositifs d'accompagnement de l'UNML (compagnonnage…). Chaque dossier est un workflow Temporal : " +
        'une action refusée à l’étape courante répond 409 avec la raison.',
    },
  });
}
