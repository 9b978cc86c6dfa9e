// Route-based code splitting: a page's code (and its features') is fetched the first time someone
// opens it, not with the first download, which then carries only the frame every page shares
// (`npm run size` keeps it within its budget). Until the code arrives, the layout's Suspense
// boundary shows the loading state; once it has arrived the page renders at once, every time.
import { createElement, lazy, type ComponentType } from 'react';

export interface LazyPage<P extends object> {
  (props: P): ReturnType<typeof createElement>;
  /** Fetches the page's code ahead of time; resolves when it is there. */
  preload(): Promise<ComponentType<P>>;
}

const registered: (() => Promise<unknown>)[] = [];

/**
 * A page whose code `load` fetches (`() => import('./routes/x').then((m) => m.XRoute)`). Pages
 * of the same module share its chunk.
 */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): LazyPage<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const preload = () => {
    loading ??= load().then((component) => (loaded = component));
    return loading;
  };
  // A page whose code cannot be fetched (offline, say) throws to the route's error page.
  const Suspending = lazy(() => preload().then((component) => ({ default: component })));
  registered.push(preload);

  const Page = (props: P) => createElement(loaded ?? Suspending, props);
  return Object.assign(Page, { preload });
}

/** Fetches the code of every page made with `lazyPage`: for unit tests, which render pages at once. */
export async function preloadAllPages(): Promise<void> {
  await Promise.all(registered.map((preload) => preload()));
}
