// The application root: the browser's address, over the SPA's routes. The routes need none of
// React Router's data APIs (loaders, actions, fetchers), so the app uses its declarative router,
// which keeps the data router's code out of the first download (`npm run size`).
import { BrowserRouter, useRoutes } from 'react-router';
import { routes } from './routes';

/** The page (and the layout around it) for the router's current location. */
export function AppRoutes() {
  return useRoutes(routes);
}

export function App() {
  return (
    <BrowserRouter>
      <AppRoutes />
    </BrowserRouter>
  );
}
