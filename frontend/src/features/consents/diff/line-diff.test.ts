import { describe, expect, it } from 'vitest';
import { lineDiff } from './line-diff';

describe('lineDiff', () => {
  it('keeps equal texts as they are', () => {
    expect(lineDiff('a\nb', 'a\nb')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'same', text: 'b' },
    ]);
  });

  it('shows a changed line as removed, then added, between the kept ones', () => {
    expect(lineDiff('1. Terms\n2. Three days\n3. End', '1. Terms\n2. Five days\n3. End')).toEqual([
      { kind: 'same', text: '1. Terms' },
      { kind: 'removed', text: '2. Three days' },
      { kind: 'added', text: '2. Five days' },
      { kind: 'same', text: '3. End' },
    ]);
  });

  it('handles lines added at the end, removed at the start, and empty texts', () => {
    expect(lineDiff('x\ny', 'y\nz')).toEqual([
      { kind: 'removed', text: 'x' },
      { kind: 'same', text: 'y' },
      { kind: 'added', text: 'z' },
    ]);
    expect(lineDiff('', 'a')).toEqual([{ kind: 'added', text: 'a' }]);
    expect(lineDiff('a\r\nb', '')).toEqual([
      { kind: 'removed', text: 'a' },
      { kind: 'removed', text: 'b' },
    ]);
  });
});
