/** A minimal typed event emitter; a throwing listener is logged and never breaks the others. */
export interface Emitter<T> {
  on<E extends keyof T>(event: E, fn: (payload: T[E]) => void): () => void;
  emit<E extends keyof T>(event: E, payload: T[E]): void;
  clear(): void;
}

export function createEmitter<T>(): Emitter<T> {
  const listeners = new Map<keyof T, Set<(p: never) => void>>();
  return {
    on(event, fn) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(fn as (p: never) => void);
      return () => void set.delete(fn as (p: never) => void);
    },
    emit(event, payload) {
      for (const fn of [...(listeners.get(event) ?? [])]) {
        try {
          (fn as (p: T[typeof event]) => void)(payload);
        } catch (err) {
          console.error('[assent] a listener threw', err);
        }
      }
    },
    clear: () => listeners.clear(),
  };
}
