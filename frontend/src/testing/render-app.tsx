// Renders the whole SPA (layout and routes) at a given address, with an in-memory history.
import { render } from '@testing-library/react';
import { useLayoutEffect } from 'react';
import { MemoryRouter, useLocation, type Location } from 'react-router';
import { AppRoutes } from '@/app/app';
import { preloadAllPages } from '@/app/lazy-page';

// The app fetches each page's code when it is first opened; tests render a page at once, as the
// browser does for a page it has opened before. (lazy-page.test.tsx covers the loading state.)
await preloadAllPages();

/** Where the app is: `router.state.location`, kept current as the app navigates. */
export interface RenderedRouter {
  state: { location: Location };
}

function LocationProbe({ onLocation }: { onLocation: (location: Location) => void }) {
  const location = useLocation();
  useLayoutEffect(() => onLocation(location), [onLocation, location]);
  return null;
}

export function renderApp(path = '/') {
  const router = { state: {} } as RenderedRouter;
  const onLocation = (location: Location) => {
    router.state.location = location;
  };
  const rendered = render(
    <MemoryRouter initialEntries={[path]}>
      <LocationProbe onLocation={onLocation} />
      <AppRoutes />
    </MemoryRouter>,
  );
  return { router, ...rendered };
}
