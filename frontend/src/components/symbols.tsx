// Small symbols that stand beside words (a warning, a pause, a yes or a no), drawn as SVG rather
// than typed as characters: ⚠, ⏸, ✓ and ✗ are missing from the system fonts the SPA relies on
// (Arial, Roboto and Segoe UI lack them), and a missing glyph shows as an empty box. They are
// decoration: the words beside them say the same thing, so they are hidden from screen readers.
import type { ReactNode } from 'react';

export type SymbolName = 'warning' | 'pause' | 'check' | 'cross';

const SHAPES: Record<SymbolName, ReactNode> = {
  warning: (
    <>
      <path d="M8 1.5 15 14.5H1Z" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
      <path d="M8 6v4" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
      <circle cx="8" cy="12.25" r="0.9" fill="currentColor" />
    </>
  ),
  pause: (
    <>
      <rect x="3.5" y="2.5" width="3" height="11" rx="0.5" fill="currentColor" />
      <rect x="9.5" y="2.5" width="3" height="11" rx="0.5" fill="currentColor" />
    </>
  ),
  check: (
    <path d="M2.5 8.5 6.5 12.5 13.5 3.5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
  ),
  cross: (
    <path d="M3.5 3.5 12.5 12.5M12.5 3.5 3.5 12.5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
  ),
};

/** A symbol the size of the text around it, in its colour, followed by a space. */
export function TextSymbol({ name }: { name: SymbolName }) {
  return (
    <>
      <svg className="symbol" data-symbol={name} viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
        {SHAPES[name]}
      </svg>{' '}
    </>
  );
}
