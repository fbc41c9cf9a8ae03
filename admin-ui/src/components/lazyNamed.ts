import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/**
 * A component loaded on first render from its own chunk: `lazyNamed(() => import('./X'), 'X')`.
 * Every screen is loaded this way so that the first download is only the shell (F6: initial
 * JavaScript at most 350 KB gzip); react-admin's layout shows its loader while a chunk arrives.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- props are checked where the component is used
export const lazyNamed = <M extends Record<K, ComponentType<any>>, K extends keyof M>(
  load: () => Promise<M>,
  name: K,
): LazyExoticComponent<M[K]> => lazy(async () => ({ default: (await load())[name] }));
