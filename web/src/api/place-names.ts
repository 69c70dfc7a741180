/**
 * A place's names: administrators and its governments' editors add names in any language and remove those added so.
 * Only the editing controls use this module, so a reader's page loads none of it.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { AddPlaceNameBody, PlaceName } from '../../../src/contract.ts';
import { placeKeys } from './places.ts';
import { sendJson, useWrite } from './writes.ts';

/** After a name is added or removed, the place and the names per language are read again. */
const namesChanged = (client: QueryClient, _result: unknown, { placeId }: { placeId: number }) =>
  Promise.all([
    client.invalidateQueries({ queryKey: placeKeys.detail(placeId) }),
    client.invalidateQueries({ queryKey: ['places', 'names'] }),
    client.invalidateQueries({ queryKey: ['places', 'search'] }),
  ]);

/** Adds a name to a place. */
export const useAddPlaceName = () =>
  useWrite(
    ({ placeId, ...body }: AddPlaceNameBody & { placeId: number }) =>
      sendJson<PlaceName>('POST', `/api/places/${placeId}/names`, body),
    namesChanged,
  );

/** Removes a name added in the workspace. */
export const useRemovePlaceName = () =>
  useWrite(
    ({ placeId, nameId }: { placeId: number; nameId: number }) =>
      sendJson('DELETE', `/api/places/${placeId}/names/${nameId}`),
    namesChanged,
  );
