// A button that fetches a file with the signed-in person's token and saves it under the name the
// server gives (documents and decision PDFs are not public, so a plain link would not do).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/forms/problem-alert';
import type { ApiFailure, ApiResult } from '@/lib/api-client';
import type { ReceivedFile } from '../api/files';
import { saveBlob } from '../lib/format';

export interface DownloadButtonProps {
  label: string;
  /** The accessible name, when the visible label needs its context ("Download: sketch.pdf"). */
  ariaLabel?: string;
  fallbackName: string;
  fetchFile: () => Promise<ApiResult<ReceivedFile>>;
  className?: string;
}

export function DownloadButton({ label, ariaLabel, fallbackName, fetchFile, className = 'button button--link' }: DownloadButtonProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [saved, setSaved] = useState('');

  async function download() {
    setBusy(true);
    setFailure(null);
    setSaved('');
    const answer = await fetchFile();
    setBusy(false);
    if (!answer.ok) {
      setFailure(answer.failure);
      return;
    }
    const name = answer.data.fileName ?? fallbackName;
    saveBlob(answer.data.blob, name);
    setSaved(t('permits.download.saved', { name }));
  }

  return (
    <>
      <button type="button" className={className} disabled={busy} aria-label={ariaLabel} onClick={() => void download()}>
        {label}
      </button>
      <span className="visually-hidden" role="status">
        {saved}
      </span>
      <ProblemAlert failure={failure} />
    </>
  );
}
