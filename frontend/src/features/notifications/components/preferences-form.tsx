// Which notices arrive how: a table of categories (rows) and channels (in-app, email) with a
// checkbox each. Mandatory categories (security, legal) are shown on and cannot be changed; a
// note says why.
import { useCallback, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '@/components/forms/notice';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { useApiResult } from '@/hooks/use-api-result';
import type { ApiFailure } from '@/lib/api-client';
import { getPreferences } from '../api/get-preferences';
import type { Preference } from '../api/notification-types';
import { setPreferences } from '../api/set-preferences';
import './notifications.css';

type Channel = 'in_app' | 'email';
const CHANNELS: readonly Channel[] = ['in_app', 'email'];

export function PreferencesForm() {
  const { t } = useTranslation();
  const noteId = useId();
  const load = useCallback(() => getPreferences(), []);
  const { result } = useApiResult(load);
  // The person's changes, once they make any; until then, what the API answered.
  const [edited, setEdited] = useState<Preference[] | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);

  if (!result) return <p role="status">{t('common.loading')}</p>;
  if (!result.ok) return <ProblemAlert failure={result.failure} />;
  const rows = edited ?? result.data;

  const toggle = (category: Preference['category'], channel: Channel, on: boolean) => {
    setSaved(false);
    setEdited(rows.map((row) => (row.category === category ? { ...row, [channel]: on } : row)));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setSaved(false);
    const answer = await setPreferences(rows.filter((row) => !row.mandatory));
    setSaving(false);
    if (!answer.ok) {
      setFailure(answer.failure);
      return;
    }
    setFailure(null);
    setEdited(answer.data);
    setSaved(true);
  };

  const anyMandatory = rows.some((row) => row.mandatory);

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <ProblemAlert failure={failure} />
      <div className="table-scroll">
        <table className="table preferences">
          <caption className="visually-hidden">{t('notifications.preferences.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('notifications.preferences.category')}</th>
              {CHANNELS.map((channel) => (
                <th scope="col" key={channel}>
                  {t(`notifications.channels.${channel}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.category}>
                <th scope="row">
                  {t(`notifications.categories.${row.category}`)}
                  {row.mandatory && (
                    <span className="preferences__note">{t('notifications.preferences.mandatory')}</span>
                  )}
                </th>
                {CHANNELS.map((channel) => (
                  <td key={channel}>
                    <input
                      type="checkbox"
                      checked={row.mandatory ? true : row[channel]}
                      disabled={row.mandatory}
                      aria-label={t('notifications.preferences.checkbox', {
                        category: t(`notifications.categories.${row.category}`),
                        channel: t(`notifications.channels.${channel}`),
                      })}
                      aria-describedby={row.mandatory ? noteId : undefined}
                      onChange={(event) => toggle(row.category, channel, event.target.checked)}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {anyMandatory && (
        <p id={noteId} className="field__hint">
          {t('notifications.preferences.mandatoryExplained')}
        </p>
      )}
      {saved && <Notice>{t('notifications.preferences.saved')}</Notice>}
      <button type="submit" className="button" disabled={saving}>
        {t('notifications.preferences.save')}
      </button>
    </form>
  );
}
