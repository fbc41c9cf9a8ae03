import { localStorageStore, type Store } from 'react-admin';

/** Store keys that outlive a sign-out: a language choice is not personal data. */
const KEPT_ON_RESET = ['locale'];

/**
 * react-admin's localStorage store, except that reset() (run at every sign-out)
 * keeps the language the person chose.
 */
export const createConsoleStore = (): Store => {
  const store = localStorageStore(undefined, 'PrivacyOpsConsole');
  return {
    ...store,
    reset() {
      const kept = KEPT_ON_RESET.map((key) => [key, store.getItem(key)] as const);
      store.reset();
      for (const [key, value] of kept) {
        if (value !== undefined) store.setItem(key, value);
      }
    },
  };
};
