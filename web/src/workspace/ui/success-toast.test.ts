import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client.ts';
import { toastQueue } from '../../ui/toast.ts';
import type { WorkspaceT } from '../texts.ts';
import { toastSuccess, undoAction } from './failure.tsx';

/** The keys themselves stand for the texts. */
const t = ((key: string) => key) as unknown as WorkspaceT;
const shown = () => toastQueue.visibleToasts.map((toast) => toast.content);

afterEach(() => {
  for (const toast of [...toastQueue.visibleToasts]) toastQueue.close(toast.key);
});

describe('the toast that says a write went through', () => {
  it('shows a text alone as a success', () => {
    toastSuccess('toast.saved', undefined);
    expect(shown()).toEqual([{ title: 'toast.saved', tone: 'success' }]);
  });

  it('makes the toast from the write’s answer when it needs it (Undo needs the deleted version)', () => {
    toastSuccess((deleted: { id: number; version: number }) => ({ title: `deleted ${deleted.version}` }), {
      id: 7,
      version: 3,
    });
    expect(shown()).toEqual([{ title: 'deleted 3' }]);
  });
});

describe('a toast’s Undo', () => {
  it('runs the undo, then says with a toast of its own that it went through', async () => {
    const undo = vi.fn(() => Promise.resolve());
    const action = undoAction(t, undo, 'toast.restored');
    expect(action.label).toBe('toast.undo');
    action.onAction();
    expect(undo).toHaveBeenCalledOnce();
    await vi.waitFor(() => expect(shown()).toEqual([{ title: 'toast.restored', tone: 'success' }]));
  });

  it('says why the undo failed, in the user’s language', async () => {
    const refused = new ApiError(409, 'VERSION_CONFLICT', 'newer version');
    const action = undoAction(t, () => Promise.reject(refused), 'toast.restored');
    action.onAction();
    await vi.waitFor(() => expect(shown()).toEqual([{ title: 'failure.versionConflict', tone: 'danger' }]));
  });
});
