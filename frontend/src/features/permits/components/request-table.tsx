// A list of requests as a table: number, title (a link to the request) with its service, status,
// submitted, and the due date with "overdue" written out (never colour alone); for staff, the
// holder and the assignee too. On a narrow screen (under 768 px) each row is drawn as a card, its
// cells one under the other with their column's name (`data-label`), title first (permits.css).
// Changing a table's CSS display makes some browsers forget it is a table, so its parts carry
// their roles explicitly.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDateTime } from '@/hooks/use-date-time';
import type { RequestSummary } from '../api/permit-types';
import { DueDate, StatusTag } from './request-status';
import { UpdatedMark } from './updated-mark';

export interface RequestTableProps {
  items: readonly RequestSummary[];
  caption: string;
  /** A service's name by its code. */
  typeName: (code: string) => string;
  linkTo: (id: string) => string;
  /** Staff see the holder and the assignee; `me` is the reader's account id. */
  staff?: { me: string };
}

/** A cell with its column's name, which a narrow screen's card shows beside the value. */
function Cell({ label, children }: { label: string; children: ReactNode }) {
  return (
    <td role="cell" data-label={label}>
      <span className="request-table__value">{children}</span>
    </td>
  );
}

export function RequestTable({ items, caption, typeName, linkTo, staff }: RequestTableProps) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  return (
    <div className="table-scroll">
      <table className="table request-table" role="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead role="rowgroup">
          <tr role="row">
            <th scope="col" role="columnheader">
              {t('permits.fields.number')}
            </th>
            <th scope="col" role="columnheader">
              {t('permits.fields.title')}
            </th>
            {staff && (
              <th scope="col" role="columnheader">
                {t('permits.fields.holder')}
              </th>
            )}
            <th scope="col" role="columnheader">
              {t('permits.fields.status')}
            </th>
            <th scope="col" role="columnheader">
              {t('permits.fields.submitted')}
            </th>
            <th scope="col" role="columnheader">
              {t('permits.fields.dueOn')}
            </th>
            {staff && (
              <th scope="col" role="columnheader">
                {t('permits.fields.assignee')}
              </th>
            )}
          </tr>
        </thead>
        <tbody role="rowgroup">
          {items.map((item) => (
            <tr
              key={item.id}
              role="row"
              className={item.overdue ? 'request-table__row request-table__row--overdue' : 'request-table__row'}
              data-testid="request-row"
            >
              <Cell label={t('permits.fields.number')}>
                {item.number ?? <span className="table__note">{t('permits.fields.noNumber')}</span>}
              </Cell>
              <td role="cell" className="request-table__title">
                <Link to={linkTo(item.id)}>{item.title}</Link>
                {staff && item.changed && <UpdatedMark />}
                <span className="table__note">{typeName(item.type_code)}</span>
              </td>
              {staff && <Cell label={t('permits.fields.holder')}>{item.holder_name}</Cell>}
              <Cell label={t('permits.fields.status')}>
                <StatusTag status={item.status} />
              </Cell>
              <Cell label={t('permits.fields.submitted')}>{dateTime(item.submitted_at)}</Cell>
              <Cell label={t('permits.fields.dueOn')}>
                <DueDate dueOn={item.due_on} overdue={item.overdue} />
              </Cell>
              {staff && (
                <Cell label={t('permits.fields.assignee')}>
                  {!item.assignee_id
                    ? t('permits.queue.unassigned')
                    : item.assignee_id === staff.me
                      ? t('permits.queue.assignedToMe')
                      : t('permits.queue.assignedToOther')}
                </Cell>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
