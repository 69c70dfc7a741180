import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as z from 'zod';
import type { RouteContext } from '../../core/context.ts';
import { writeErrorResponses } from '../../core/errors.ts';
import { addPlaceName, authorizePlaceNames, removePlaceName } from './place-names.service.ts';
import {
  addPlaceNameBodySchema,
  placeIdParamsSchema,
  placeNameParamsSchema,
  placeNameSchema,
} from './places.schema.ts';

const tags = ['places'];

/** Checks the rights to the place's names from its path alone, before a byte of the body is read. */
function namesRights(db: RouteContext['db']) {
  return async <T>(request: FastifyRequest, _reply: unknown, payload: T): Promise<T> => {
    const id = Number((request.params as { id?: string }).id);
    // A malformed id is left to the validation of the path, which answers 400.
    if (Number.isSafeInteger(id) && id > 0 && id <= 2_147_483_647) {
      await authorizePlaceNames(db, request.actor, id);
    }
    return payload;
  };
}

/** Adding and removing a place's names in the workspace. */
export function registerPlaceNameRoutes(app: FastifyInstance, db: RouteContext['db']): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.post(
    '/api/places/:id/names',
    {
      preParsing: namesRights(db),
      schema: {
        tags,
        summary: 'Add a name to a place',
        description:
          'A name in any language and script (上海, Москва, Esbo), official in its language or an alias. ' +
          'Administrators, and editors of a government of the place. The same name in the same language again ' +
          'answers 409 PLACE_NAME_EXISTS. Search finds the name at once.',
        params: placeIdParamsSchema,
        body: addPlaceNameBodySchema,
        response: { 201: placeNameSchema, ...writeErrorResponses },
      },
    },
    async (request, reply) => {
      const name = await addPlaceName(db, request.actor, request.params.id, request.body);
      return reply.code(201).send(name);
    },
  );

  typed.delete(
    '/api/places/:id/names/:nameId',
    {
      preParsing: namesRights(db),
      schema: {
        tags,
        summary: 'Remove a name added in the workspace',
        description:
          'Administrators, and editors of a government of the place. Imported names cannot be removed (409): ' +
          'the next import would bring them back.',
        params: placeNameParamsSchema,
        response: { 204: z.null(), ...writeErrorResponses },
      },
    },
    async (request, reply) => {
      await removePlaceName(db, request.actor, request.params.id, request.params.nameId);
      return reply.code(204).send(null);
    },
  );
}
