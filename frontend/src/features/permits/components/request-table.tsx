// A list of requests as a table: number, title (a link to the request) with its service, status,
// submitted, and the due date with "overdue" written out (never colour alone); for staff, the
// holder and the assignee too.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDateTime } from '@/hooks/use-date-time';
import type { RequestSummary } from '../api/permit-types';
import { DueDate, StatusTag } from './request-status';

export interface RequestTableProps {
  items: readonly RequestSummary[];
  caption: string;
  /** A service's name by its code. */
  typeName: (code: string) => string;
  linkTo: (id: string) => string;
  /** Staff see the holder and the assignee; `me` is the reader's account id. */
  staff?: { me: string };
}

export function RequestTable({ items, caption, typeName, linkTo, staff }: RequestTableProps) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  return (
    <div className="table-scroll">
      <table className="table request-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('permits.fields.number')}</th>
            <th scope="col">{t('permits.fields.title')}</th>
            {staff && <th scope="col">{t('permits.fields.holder')}</th>}
            <th scope="col">{t('permits.fields.status')}</th>
            <th scope="col">{t('permits.fields.submitted')}</th>
            <th scope="col">{t('permits.fields.dueOn')}</th>
            {staff && <th scope="col">{t('permits.fields.assignee')}</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id} className={item.overdue ? 'request-table__row--overdue' : undefined} data-testid="request-row">
              <td>{item.number ?? <span className="table__note">{t('permits.fields.noNumber')}</span>}</td>
              <td>
                <Link to={linkTo(item.id)}>{item.title}</Link>
                <span className="table__note">{typeName(item.type_code)}</span>
              </td>
              {staff && <td>{item.holder_name}</td>}
              <td>
                <StatusTag status={item.status} />
              </td>
              <td>{dateTime(item.submitted_at)}</td>
              <td>
                <DueDate dueOn={item.due_on} overdue={item.overdue} />
              </td>
              {staff && (
                <td>
                  {!item.assignee_id
                    ? t('permits.queue.unassigned')
                    : item.assignee_id === staff.me
                      ? t('permits.queue.assignedToMe')
                      : t('permits.queue.assignedToOther')}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
