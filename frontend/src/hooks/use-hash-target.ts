// A link to a section of a page (/help#ncalayer) lands on that section: once the page has
// rendered, and whenever the hash changes, the element it names is scrolled into view and takes
// the focus, as the browser does for a page it renders itself (the SPA renders later than that).
import { useEffect } from 'react';
import { useLocation } from 'react-router';

export function useHashTarget(): void {
  const { hash } = useLocation();
  useEffect(() => {
    const id = decodeURIComponent(hash.slice(1));
    if (!id) return;
    const target = document.getElementById(id);
    if (!target) return;
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus();
    target.scrollIntoView?.({ block: 'start' });
  }, [hash]);
}
