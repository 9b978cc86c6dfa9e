// Where a notice leads: the server gives a path of the site (`/requests/{id}`,
// `/agreements/{id}`), and only such a path becomes a link: nothing that would leave the site.

const HERE = 'https://saulet.invalid';

/** The path of the site `link` names, or null when it names none (empty, another site, a script). */
export function sitePath(link: string | null | undefined): string | null {
  if (!link || !link.startsWith('/') || link.startsWith('//') || link.includes('\\')) return null;
  try {
    const url = new URL(link, HERE);
    return url.origin === HERE ? `${url.pathname}${url.search}${url.hash}` : null;
  } catch {
    return null;
  }
}
