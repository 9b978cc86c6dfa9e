// The password rules, shown under every new-password field.
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '@/lib/password-policy';

export function PasswordPolicyHint() {
  const { t } = useTranslation();
  return (
    <>
      <span>{t('passwordPolicy.intro')}</span>
      <ul className="field__rules">
        <li>{t('passwordPolicy.length', { min: PASSWORD_MIN_LENGTH })}</li>
        <li>{t('passwordPolicy.personal')}</li>
        <li>{t('passwordPolicy.common')}</li>
      </ul>
    </>
  );
}
