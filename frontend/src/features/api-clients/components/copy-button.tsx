// Copies a value (a client ID, a secret) to the clipboard, and says whether it worked. Where the
// browser offers no clipboard (an address without HTTPS, say) it says to copy by hand.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface CopyButtonProps {
  text: string;
  label: string;
  testId?: string;
}

export function CopyButton({ text, label, testId }: CopyButtonProps) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<'copied' | 'failed' | null>(null);

  async function copy() {
    setOutcome(null);
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      setOutcome('copied');
    } catch {
      setOutcome('failed');
    }
  }

  return (
    <span className="api-clients__copy">
      <button type="button" className="button button--secondary" data-testid={testId} onClick={() => void copy()}>
        {label}
      </button>
      <span role="status" className={outcome === 'failed' ? 'api-clients__copy-failed' : 'api-clients__copy-done'}>
        {outcome === 'copied' ? t('apiClients.copy.done') : outcome === 'failed' ? t('apiClients.copy.failed') : ''}
      </span>
    </span>
  );
}
