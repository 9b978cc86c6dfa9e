// "Download my data": fetches the export of the signed-in person's data through the API client
// (with their token) and saves it as a JSON file.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/forms/problem-alert';
import type { ApiFailure } from '@/lib/api-client';
import { exportMyData } from '../api/export-my-data';

function saveAsFile(data: unknown, fileName: string) {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

export function DownloadMyData() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [saved, setSaved] = useState(false);

  async function download() {
    setBusy(true);
    setFailure(null);
    setSaved(false);
    const answer = await exportMyData();
    setBusy(false);
    if (!answer.ok) {
      setFailure(answer.failure);
      return;
    }
    saveAsFile(answer.data, `saulet-my-data-${new Date().toISOString().slice(0, 10)}.json`);
    setSaved(true);
  }

  return (
    <>
      <p>{t('account.export.intro')}</p>
      <ProblemAlert failure={failure} />
      <p>
        <button type="button" className="button button--secondary" disabled={busy} onClick={() => void download()}>
          {t('account.export.button')}
        </button>
      </p>
      <p role="status">{saved ? t('account.export.saved') : ''}</p>
    </>
  );
}
