import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as z from 'zod';

export const settingsResponseSchema = z.object({
  mapStyleUrl: z
    .string()
    .nullable()
    .describe(
      'A MapLibre style URL to draw the base map from; null means the offline base map shipped with the app',
    ),
});

/** What the web app needs to know about this deployment. */
export const settingsRoutes: FastifyPluginAsyncZod<{ mapStyleUrl: string | null }> = async (
  app,
  { mapStyleUrl },
) => {
  app.get(
    '/api/settings',
    {
      schema: {
        tags: ['system'],
        summary: 'Deployment settings for the web app',
        response: { 200: settingsResponseSchema },
      },
    },
    async () => ({ mapStyleUrl }),
  );
};
