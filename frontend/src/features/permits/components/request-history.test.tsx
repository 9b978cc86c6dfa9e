// A request's history names each step in the reader's language: a step the site knows by its
// label (a reviewer who stopped reviewing hands the request back to the team's queue), one it does
// not know by its code rather than nothing; a change of status only where the status changed.
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import kk from '@/i18n/locales/kk.json';
import type { HistoryEntry } from '../api/permit-types';
import { RequestHistory } from './request-history';

const steps = kk.permits.history.actions;

function entry(over: Partial<HistoryEntry>): HistoryEntry {
  return {
    id: '0193a0c4-0000-7000-8000-0000000000a1',
    action: 'assign',
    to_status: 'submitted',
    at: '2026-12-07T07:00:00Z',
    ...over,
  };
}

describe('RequestHistory', () => {
  it('names a release to the queue, by whom, without a change of status', () => {
    render(
      <RequestHistory
        type={null}
        entries={[
          entry({ action: 'assign', actor_name: 'НҰРЛАНОВА ДИНАРА' }),
          entry({
            id: '0193a0c4-0000-7000-8000-0000000000a2',
            action: 'unassign',
            from_status: 'submitted',
            to_status: 'submitted',
            actor_name: 'ӘКІМШІ',
            data: { previous_assignee_id: '0193a0c4-0000-7000-8000-0000000000e2', why: 'role_changed' },
          }),
          entry({ id: '0193a0c4-0000-7000-8000-0000000000a3', action: 'a_future_step' }),
        ]}
      />,
    );
    const items = within(screen.getByRole('list')).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(items[0]).toHaveTextContent(steps.assign);
    expect(items[1]).toHaveTextContent(`${steps.unassign} · ӘКІМШІ`);
    expect(items[1]).not.toHaveTextContent('→');
    expect(items[2]).toHaveTextContent('a_future_step');
  });
});
