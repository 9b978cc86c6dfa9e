// The SPA's routes. Every page renders inside the shared layout, so each one carries the
// header, the language switcher and the footer with the help link.
import type { RouteObject } from 'react-router';
import { Layout } from '@/components/layout/layout';
import { HelpRoute } from './routes/help';
import { HomeRoute } from './routes/home';
import { NotFoundRoute } from './routes/not-found';
import { RouteError } from './routes/route-error';
import { StatusRoute } from './routes/status';

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      {
        // A page that throws is replaced by the error page; the layout around it stays.
        errorElement: <RouteError />,
        children: [
          { index: true, element: <HomeRoute /> },
          { path: 'help', element: <HelpRoute /> },
          { path: 'status', element: <StatusRoute /> },
          { path: '*', element: <NotFoundRoute /> },
        ],
      },
    ],
  },
];
