/**
 * Answers that save as they are typed: each question's answer is saved on its own, against the version of it last
 * seen, a moment after the typing stops (and at once when its field is left). A save that meets a colleague's newer
 * answer is held as a conflict for the user to settle, never overwritten unseen. Unsaved answers are kept in the
 * tab's sessionStorage until saved, and sent with keepalive when the page is hidden or closed, so that nothing
 * typed is lost with the tab.
 */
import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { ApiError } from '../../api/client.ts';
import type { ResponseDetail } from './campaigns-api.ts';
import { saveAnswer } from './campaigns-api.ts';

/** How long after the last keystroke an answer is saved. */
export const SAVE_DELAY_MS = 600;
/** keepalive requests share a 64 KiB budget: a larger answer is sent without it. */
const KEEPALIVE_LIMIT = 60_000;

export type SaveState = 'saved' | 'pending' | 'saving' | 'failed' | 'invalid' | 'conflict';

/** One answer as the page holds it. */
export interface AnswerEntry {
  /** The answer as the user has it now. */
  value: unknown;
  /** The stored answer's version this value was made from (0: none stored). */
  version: number;
  state: SaveState;
  /** With state conflict: the colleague's answer as it is stored now. */
  theirs?: { value: unknown; version: number };
  /** With state failed or invalid: why (an ApiError, or a local reason's text key). */
  failure?: unknown;
}

/** What the form's status line says: the worst state of any answer. */
export type FormSaveStatus = 'idle' | 'saving' | 'saved' | 'failed' | 'invalid' | 'conflict';

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The sessionStorage key of a response's unsaved answers. */
export const storageKey = (campaignId: number, organizationId: number) =>
  `citybridge.campaign-answers.${campaignId}.${organizationId}`;

type Stored = Record<string, { value: unknown; version: number }>;

function readStored(key: string): Stored {
  try {
    const text = sessionStorage.getItem(key);
    return text ? (JSON.parse(text) as Stored) : {};
  } catch {
    return {};
  }
}

function writeStored(key: string, stored: Stored) {
  try {
    if (Object.keys(stored).length === 0) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, JSON.stringify(stored));
  } catch {
    // storage full or unavailable: the answers are still saved to the server as typed
  }
}

export interface Autosave {
  /** The answer shown for a question: the user's, else the stored one. */
  value(key: string): unknown;
  entry(key: string): AnswerEntry | undefined;
  /** Every answer shown, by question key (for conditions and the list of what is missing). */
  values(): Map<string, unknown>;
  /** The user changed an answer: kept at once, saved after a pause. */
  change(key: string, value: unknown): void;
  /** The answer cannot be saved as typed (a number or date in part): said on the field, nothing sent. */
  hold(key: string, reason: string | null): void;
  /** Saves an answer now (its field was left). */
  flush(key: string): void;
  /** Saves every answer waiting, and answers once all saves have settled: true when all are saved. */
  flushAll(): Promise<boolean>;
  /** Settles a conflict: save this user's answer over the colleague's, or take the colleague's. */
  keepMine(key: string): void;
  takeTheirs(key: string): void;
  /** Tries the failed saves again. */
  retry(): void;
  status: FormSaveStatus;
  /** Whether any answer was saved (or restored) since the page opened. */
  savedOnce: boolean;
}

/**
 * The answers of one member's response while its people edit it. `response` is the response as read (its answers
 * and their versions); `csrfToken` is the session's, sent with every save.
 */
export function useAutosave(options: {
  campaignId: number;
  organizationId: number;
  response: ResponseDetail | undefined;
  csrfToken: string | null;
  /** False when the response cannot be changed: nothing is saved, nothing restored. */
  enabled: boolean;
}): Autosave {
  const { campaignId, organizationId, response, enabled } = options;
  const entries = useRef(new Map<string, AnswerEntry>());
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const inflight = useRef(new Map<string, Promise<void>>());
  const again = useRef(new Set<string>());
  const listeners = useRef(new Set<() => void>());
  const snapshot = useRef(0);
  const savedOnce = useRef(false);
  const csrf = useRef(options.csrfToken);
  csrf.current = options.csrfToken;
  const enabledRef = useRef(enabled);
  enabledRef.current = enabled;
  const key = storageKey(campaignId, organizationId);

  const notify = useCallback(() => {
    snapshot.current += 1;
    for (const listener of listeners.current) listener();
  }, []);
  const subscribe = useCallback((listener: () => void) => {
    listeners.current.add(listener);
    return () => listeners.current.delete(listener);
  }, []);
  const version = useSyncExternalStore(subscribe, () => snapshot.current);

  /** Keeps the unsaved answers in the tab's storage; forgets the saved ones. */
  const persist = useCallback(() => {
    const stored: Stored = {};
    for (const [question, entry] of entries.current)
      if (entry.state !== 'saved') stored[question] = { value: entry.value, version: entry.version };
    writeStored(key, stored);
  }, [key]);

  const send = useCallback(
    (question: string, keepalive = false): Promise<void> => {
      const entry = entries.current.get(question);
      if (entry?.state !== 'pending' || !enabledRef.current) return Promise.resolve();
      clearTimeout(timers.current.get(question));
      timers.current.delete(question);
      const running = inflight.current.get(question);
      if (running) {
        // One save of an answer at a time: each starts from the version the one before it made.
        again.current.add(question);
        return running;
      }
      const sent = entry.value;
      const body = { value: sent, version: entry.version };
      entry.state = 'saving';
      notify();
      const task = saveAnswer({ campaignId, organizationId, questionKey: question }, body, {
        csrfToken: csrf.current,
        keepalive: keepalive || JSON.stringify(body).length < KEEPALIVE_LIMIT,
      })
        .then(
          (saved) => {
            entry.version = saved.version;
            savedOnce.current = true;
            entry.failure = undefined;
            entry.state = same(entry.value, sent) ? 'saved' : 'pending';
          },
          (failure: unknown) => {
            if (failure instanceof ApiError && failure.code === 'VERSION_CONFLICT') {
              const current = failure.current as { value: unknown; version: number } | undefined;
              const theirs = { value: current?.value ?? null, version: current?.version ?? 0 };
              if (same(theirs.value, entry.value)) {
                // The colleague saved what this user has: nothing to choose between.
                entry.version = theirs.version;
                entry.state = 'saved';
              } else {
                entry.theirs = theirs;
                entry.state = 'conflict';
              }
            } else if (failure instanceof ApiError && failure.code === 'VALIDATION_FAILED') {
              entry.failure = failure;
              entry.state = same(entry.value, sent) ? 'invalid' : 'pending';
            } else {
              entry.failure = failure;
              entry.state = same(entry.value, sent) ? 'failed' : 'pending';
            }
          },
        )
        .finally(() => {
          inflight.current.delete(question);
          persist();
          notify();
          if (again.current.delete(question) || entry.state === 'pending') void send(question);
        });
      inflight.current.set(question, task);
      return task;
    },
    [campaignId, organizationId, notify, persist],
  );

  // The answers as read, with anything this tab had not saved yet (restored and sent again; one a colleague has
  // changed meanwhile is a conflict to settle). Answers being edited keep the user's value when the response is read
  // again.
  const loadedFor = useRef<ResponseDetail | undefined>(undefined);
  if (response && loadedFor.current !== response) {
    loadedFor.current = response;
    const stored = enabled ? readStored(key) : {};
    for (const [question, answer] of Object.entries(response.answers)) {
      const entry = entries.current.get(question);
      if (entry && entry.state !== 'saved') continue;
      entries.current.set(question, { value: answer.value, version: answer.version, state: 'saved' });
    }
    for (const [question, kept] of Object.entries(stored)) {
      const entry = entries.current.get(question);
      if (entry && entry.state !== 'saved') continue;
      const server = response.answers[question];
      const serverVersion = server?.version ?? 0;
      if (same(kept.value, server?.value ?? null)) continue;
      if (kept.version === serverVersion)
        entries.current.set(question, { value: kept.value, version: kept.version, state: 'pending' });
      else
        entries.current.set(question, {
          value: kept.value,
          version: kept.version,
          state: 'conflict',
          theirs: { value: server?.value ?? null, version: serverVersion },
        });
    }
  }

  // Restored answers are sent once the page has settled.
  useEffect(() => {
    if (!enabled || !response) return;
    for (const [question, entry] of entries.current) if (entry.state === 'pending') void send(question);
  }, [enabled, response, send]);

  // The page hidden (another tab, the phone's home screen) or closed: whatever waits is sent now, with keepalive,
  // so that the request outlives the page.
  useEffect(() => {
    const sendAll = () => {
      for (const [question, entry] of entries.current)
        if (entry.state === 'pending') void send(question, true);
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') sendAll();
    };
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', sendAll);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', sendAll);
      // Leaving the page within the app: send what waits.
      sendAll();
    };
  }, [send]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` says when the entries changed
  return useMemo<Autosave>(() => {
    const change = (question: string, value: unknown) => {
      if (!enabledRef.current) return;
      const entry = entries.current.get(question) ?? { value: null, version: 0, state: 'saved' as SaveState };
      entry.value = value;
      if (entry.state !== 'conflict') {
        entry.state = 'pending';
        entry.failure = undefined;
        clearTimeout(timers.current.get(question));
        timers.current.set(
          question,
          setTimeout(() => void send(question), SAVE_DELAY_MS),
        );
      }
      entries.current.set(question, entry);
      persist();
      notify();
    };
    const states = [...entries.current.values()].map((entry) => entry.state);
    const status: FormSaveStatus = states.includes('conflict')
      ? 'conflict'
      : states.includes('failed')
        ? 'failed'
        : states.includes('invalid')
          ? 'invalid'
          : states.includes('saving') || states.includes('pending')
            ? 'saving'
            : savedOnce.current
              ? 'saved'
              : 'idle';
    return {
      value: (question) => entries.current.get(question)?.value ?? null,
      entry: (question) => entries.current.get(question),
      values: () => new Map([...entries.current].map(([question, entry]) => [question, entry.value])),
      change,
      hold(question, reason) {
        const entry = entries.current.get(question) ?? {
          value: null,
          version: 0,
          state: 'saved' as SaveState,
        };
        clearTimeout(timers.current.get(question));
        if (reason === null) {
          if (entry.state === 'invalid' && typeof entry.failure === 'string') {
            entry.failure = undefined;
            entry.state = same(entry.value, null) ? 'saved' : 'pending';
          }
        } else {
          entry.state = 'invalid';
          entry.failure = reason;
        }
        entries.current.set(question, entry);
        notify();
      },
      flush(question) {
        void send(question);
      },
      async flushAll() {
        for (let round = 0; round < 5; round += 1) {
          const waiting = [...entries.current.keys()].filter((question) => {
            const state = entries.current.get(question)?.state;
            return state === 'pending' || state === 'saving';
          });
          if (waiting.length === 0) break;
          await Promise.all(waiting.map((question) => send(question)));
          await Promise.all([...inflight.current.values()]);
        }
        return [...entries.current.values()].every((entry) => entry.state === 'saved');
      },
      keepMine(question) {
        const entry = entries.current.get(question);
        if (!entry?.theirs) return;
        entry.version = entry.theirs.version;
        entry.theirs = undefined;
        entry.state = 'pending';
        notify();
        void send(question);
      },
      takeTheirs(question) {
        const entry = entries.current.get(question);
        if (!entry?.theirs) return;
        entry.value = entry.theirs.value;
        entry.version = entry.theirs.version;
        entry.theirs = undefined;
        entry.state = 'saved';
        persist();
        notify();
      },
      retry() {
        for (const [question, entry] of entries.current)
          if (entry.state === 'failed') {
            entry.state = 'pending';
            void send(question);
          }
        notify();
      },
      status,
      savedOnce: savedOnce.current,
    };
  }, [version, send, persist, notify]);
}
