// Renders the whole SPA (layout and routes) at a given address, with an in-memory history.
import { render } from '@testing-library/react';
import { RouterProvider, createMemoryRouter } from 'react-router';
import { preloadAllPages } from '@/app/lazy-page';
import { routes } from '@/app/routes';

// The app fetches each page's code when it is first opened; tests render a page at once, as the
// browser does for a page it has opened before. (lazy-page.test.tsx covers the loading state.)
await preloadAllPages();

export function renderApp(path = '/') {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  return { router, ...render(<RouterProvider router={router} />) };
}
