// A person to ask, at the end of the help page: the department's phone, email, address and
// opening hours, as its configuration gives them (each shown only when given), in the interface
// language.
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { useApiResult } from '@/hooks/use-api-result';
import { currentLanguage } from '@/i18n';
import { getHelpContact, type HelpContact as Contact } from '../api/get-help-contact';

/** What a `tel:` link dials: the digits, and a leading plus. */
function dialled(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  return digits.startsWith('+') ? `+${digits.slice(1).replace(/\+/g, '')}` : digits.replace(/\+/g, '');
}

function ContactDetails({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const address = contact.address?.[language] || contact.address?.en;
  const hours = contact.opening_hours?.[language] || contact.opening_hours?.en;
  if (!contact.phone && !contact.email && !address && !hours) return <p>{t('help.contact.none')}</p>;
  return (
    <>
      <p>{t('help.contact.intro')}</p>
      <dl className="summary help-contact" data-testid="help-contact">
        {contact.phone && (
          <div className="summary__row">
            <dt>{t('help.contact.phone')}</dt>
            <dd>
              <a href={`tel:${dialled(contact.phone)}`}>{contact.phone}</a>
            </dd>
          </div>
        )}
        {contact.email && (
          <div className="summary__row">
            <dt>{t('help.contact.email')}</dt>
            <dd>
              <a href={`mailto:${contact.email}`}>{contact.email}</a>
            </dd>
          </div>
        )}
        {address && (
          <div className="summary__row">
            <dt>{t('help.contact.address')}</dt>
            <dd className="help-contact__text">{address}</dd>
          </div>
        )}
        {hours && (
          <div className="summary__row">
            <dt>{t('help.contact.hours')}</dt>
            <dd className="help-contact__text">{hours}</dd>
          </div>
        )}
      </dl>
    </>
  );
}

export function HelpContact() {
  const { t } = useTranslation();
  const { result } = useApiResult(getHelpContact);
  if (!result) return <p role="status">{t('common.loading')}</p>;
  if (!result.ok) return <ProblemAlert failure={result.failure} />;
  return <ContactDetails contact={result.data} />;
}
