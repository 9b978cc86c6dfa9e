// Catches a page that fails to render (or whose code cannot be fetched) and shows the error page in
// its place, inside the layout, instead of a blank screen. The next navigation gives the new page
// a fresh start. (React reports the error itself, on the console.)
import { Component, type ReactNode } from 'react';
import { Outlet, useLocation } from 'react-router';
import { RouteError } from './routes/route-error';

interface BoundaryProps {
  /** Changes with every navigation: an error belongs to the location where it happened. */
  locationKey: string;
  children: ReactNode;
}

interface BoundaryState {
  failed: boolean;
  locationKey: string;
}

class Boundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { failed: false, locationKey: this.props.locationKey };

  static getDerivedStateFromError(): Partial<BoundaryState> {
    return { failed: true };
  }

  static getDerivedStateFromProps(props: BoundaryProps, state: BoundaryState): Partial<BoundaryState> | null {
    return props.locationKey === state.locationKey ? null : { failed: false, locationKey: props.locationKey };
  }

  override render() {
    return this.state.failed ? <RouteError /> : this.props.children;
  }
}

/** The pages of the route's children, each shown as the error page when it fails. */
export function PageErrorBoundary() {
  const { key } = useLocation();
  return (
    <Boundary locationKey={key}>
      <Outlet />
    </Boundary>
  );
}
