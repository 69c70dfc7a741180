/**
 * A tie as the workspace keeps it: its record and history, and the writes (create, edit, delete and restore,
 * confirm a party, documents). The public list is in partnerships.ts.
 */
import { type QueryClient, useQuery } from '@tanstack/react-query';
import type {
  ConfirmPartnershipBody,
  CreatePartnershipBody,
  PartnershipRecord,
  UpdatePartnershipBody,
} from '../../../src/contract.ts';
import { getJson } from './client.ts';
import { partnershipKeys } from './partnerships.ts';
import { recordRoutes } from './records.ts';
import { dashboardKeys } from './workspace.ts';
import { sendJson, uploadFile, useWrite } from './writes.ts';

/** A tie as the workspace shows it: parties, dates, documents, and what the reader may do with it. */
export const usePartnership = (id: number) =>
  useQuery({
    queryKey: partnershipKeys.record(id),
    queryFn: () => getJson<PartnershipRecord>(`/api/partnerships/${id}`),
  });

const routes = recordRoutes<PartnershipRecord, UpdatePartnershipBody>('/api/partnerships');

export const partnershipHistory = (id: number) => routes.history(partnershipKeys.history(id), id);

/** The answer is the tie as it is now: it replaces the cached one, and the history and dashboards are read again. */
const saved = (client: QueryClient, tie: PartnershipRecord) => {
  client.setQueryData(partnershipKeys.record(tie.id), tie);
  return Promise.all([
    client.invalidateQueries({ queryKey: partnershipKeys.history(tie.id) }),
    client.invalidateQueries({ queryKey: dashboardKeys.all }),
  ]);
};

export const useCreatePartnership = () =>
  useWrite(
    (body: CreatePartnershipBody) => sendJson<PartnershipRecord>('POST', '/api/partnerships', body),
    saved,
  );

/** Saves an edit; a VERSION_CONFLICT carries the tie as it is now, for the form to show. */
export const useUpdatePartnership = () => useWrite(routes.update, saved);
export const useDeletePartnership = () => useWrite(routes.remove, saved, saved);
export const useRestorePartnership = () => useWrite(routes.restore, saved, saved);

/** Confirms the tie for one of its parties, on behalf of those who speak for it. */
export const useConfirmParty = () =>
  useWrite(
    ({ id, ...body }: ConfirmPartnershipBody & { id: number }) =>
      sendJson<PartnershipRecord>('POST', `/api/partnerships/${id}/confirm`, body),
    saved,
    saved,
  );

/** After a document is attached or removed, the tie (its list of documents) and its history are read again. */
const documentsChanged = (client: QueryClient, _result: unknown, { id }: { id: number }) =>
  Promise.all([
    client.invalidateQueries({ queryKey: partnershipKeys.record(id) }),
    client.invalidateQueries({ queryKey: partnershipKeys.history(id) }),
  ]);

export const useUploadDocument = () =>
  useWrite(
    ({ id, file }: { id: number; file: File }) => uploadFile(`/api/partnerships/${id}/documents`, file),
    documentsChanged,
  );

export const useRemoveDocument = () =>
  useWrite(
    ({ id, documentId }: { id: number; documentId: number }) =>
      sendJson('DELETE', `/api/partnerships/${id}/documents/${documentId}`),
    documentsChanged,
  );
