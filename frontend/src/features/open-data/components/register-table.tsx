// The register's entries as a table: the number (a link to the public check of the signed
// document), the permit type, the outcome, the day, the district, the holder (a company by name
// and BIN; an individual only as "an individual"), a company's object and address, the working
// days it took and whether that was on time. The API never sends an individual's name, address or
// object (docs/transparency.md); the table shows what it is given and nothing else.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isDistrict, isOutcome, type RegisterEntry } from '../api/open-data-types';
import { useDay, useLocalized } from '../lib/format';

/** The public check's address, if the entry's is one of the site's verify pages. */
export function checkPathOf(entry: Pick<RegisterEntry, 'verify_url'>): string | null {
  return /^\/verify\/[^/?#\s]+(\?code=[0-9A-Za-z]+)?$/.test(entry.verify_url) ? entry.verify_url : null;
}

function Holder({ entry }: { entry: RegisterEntry }) {
  const { t } = useTranslation();
  const { holder } = entry;
  if (holder.kind !== 'company') return <>{t('openData.register.individual')}</>;
  return (
    <>
      {holder.name || t('openData.register.company')}
      {holder.bin && <span className="table__note">{t('openData.register.bin', { bin: holder.bin })}</span>}
    </>
  );
}

function ObjectCell({ entry }: { entry: RegisterEntry }) {
  const { t } = useTranslation();
  if (entry.holder.kind !== 'company') return <span className="table__note">{t('openData.register.notPublished')}</span>;
  if (!entry.object_name && !entry.address) return <>—</>;
  return (
    <>
      {entry.object_name}
      {entry.address && <span className="table__note">{entry.address}</span>}
    </>
  );
}

export function RegisterTable({ items }: { items: readonly RegisterEntry[] }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const day = useDay();
  return (
    <div className="table-scroll">
      <table className="table register-table">
        <caption className="visually-hidden">{t('openData.register.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('openData.register.number')}</th>
            <th scope="col">{t('openData.register.type')}</th>
            <th scope="col">{t('openData.register.outcome')}</th>
            <th scope="col">{t('openData.register.decidedOn')}</th>
            <th scope="col">{t('openData.register.district')}</th>
            <th scope="col">{t('openData.register.holder')}</th>
            <th scope="col">{t('openData.register.object')}</th>
            <th scope="col">{t('openData.register.workingDays')}</th>
            <th scope="col">{t('openData.register.onTime')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((entry) => {
            const check = checkPathOf(entry);
            return (
              <tr key={entry.number} data-testid="register-entry">
                <th scope="row">
                  {check ? (
                    <Link to={check}>
                      {entry.number} <span className="visually-hidden">{t('openData.register.checkLink')}</span>
                    </Link>
                  ) : (
                    entry.number
                  )}
                </th>
                <td>{localized(entry.type_name) || entry.type}</td>
                <td>
                  {isOutcome(entry.outcome) ? (
                    <span className={`outcome-tag outcome-tag--${entry.outcome}`}>{t(`openData.outcomes.${entry.outcome}`)}</span>
                  ) : (
                    entry.outcome
                  )}
                </td>
                <td>
                  <time dateTime={entry.decided_on}>{day(entry.decided_on)}</time>
                </td>
                <td>{entry.district ? (isDistrict(entry.district) ? t(`openData.districts.${entry.district}`) : entry.district) : '—'}</td>
                <td>
                  <Holder entry={entry} />
                </td>
                <td>
                  <ObjectCell entry={entry} />
                </td>
                <td className="table__number">{entry.working_days}</td>
                <td>{entry.on_time ? t('common.yes') : t('common.no')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
