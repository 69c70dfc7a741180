import { UNSTABLE_ToastQueue as ToastQueue } from 'react-aria-components';

/** What a toast says, and the one action it may offer (Undo after a delete). */
export interface ToastContent {
  title: string;
  description?: string;
  tone?: 'neutral' | 'success' | 'danger';
  action?: { label: string; onAction: () => void };
}

export interface ToastOptions {
  /** Milliseconds before it closes by itself (paused while the pointer or focus is on the toasts); 0: never. */
  timeout?: number;
}

/** Every page's toasts, shown by the one region UiProvider mounts (loaded only once a toast is shown). */
export const toastQueue = new ToastQueue<ToastContent>({ maxVisibleToasts: 4 });

/** Shows a toast and answers its key. Plain ones close after 6 s; one with an action stays 10 s to be reachable. */
export function showToast(content: ToastContent, options: ToastOptions = {}): string {
  const timeout = options.timeout ?? (content.action ? 10_000 : 6_000);
  return toastQueue.add(content, timeout > 0 ? { timeout } : {});
}

/** For any page: `const toast = useToast(); toast.show({ title: t('saved'), tone: 'success' })`. */
export function useToast() {
  return { show: showToast, close: (key: string) => toastQueue.close(key) };
}
