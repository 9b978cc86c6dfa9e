// A notice links only to a page of the site.
import { describe, expect, it } from 'vitest';
import { sitePath } from './site-path';

describe('where a notice leads', () => {
  it('is a path of the site', () => {
    expect(sitePath('/requests/0193a0c4-0000-7000-8000-0000000000a1')).toBe('/requests/0193a0c4-0000-7000-8000-0000000000a1');
    expect(sitePath('/agreements/accept?from=x#top')).toBe('/agreements/accept?from=x#top');
  });

  it('is nowhere for anything else', () => {
    for (const link of [null, undefined, '', 'requests/1', '//evil.example/x', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)']) {
      expect(sitePath(link)).toBeNull();
    }
  });
});
