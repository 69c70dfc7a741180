import { channel as namedChannel, subscribe, unsubscribe } from 'node:diagnostics_channel';

/**
 * A typed Node diagnostics channel: a feature says what happened (a refused sign-in, an import that ended)
 * without knowing who listens, and the metrics of an app listen. Publishing costs nothing while nobody listens.
 * Messages carry the database they happened on, so that each of several apps in one process (tests) counts only
 * its own.
 */
export interface EventChannel<T> {
  publish(message: T): void;
  /** Calls `listener` with each message from now on; answers the function that stops it. */
  subscribe(listener: (message: T) => void): () => void;
}

/** The channel of that name; names are `citybridge.<feature>.<what happened>`. */
export function eventChannel<T>(name: string): EventChannel<T> {
  const channel = namedChannel(name);
  return {
    publish: (message) => {
      if (channel.hasSubscribers) channel.publish(message);
    },
    subscribe: (listener) => {
      const onMessage = (message: unknown) => listener(message as T);
      subscribe(name, onMessage);
      return () => {
        unsubscribe(name, onMessage);
      };
    },
  };
}
