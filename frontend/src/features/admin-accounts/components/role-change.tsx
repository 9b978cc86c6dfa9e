// An account's role: the one it has, and another one given with a reason, which the
// audit log keeps and the person is told (in Saulet and by email); it takes effect on their next
// action. The server has the last word: the role it has already, the administrator's own account
// or an inactive one are refused with its explanation, and a reviewer without an organisation's
// certificate (no BIN) at the role field.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/forms/field';
import { Notice } from '@/components/forms/notice';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { useApiFieldErrors } from '@/components/forms/use-field-errors';
import type { ApiFailure } from '@/lib/api-client';
import { ROLES, type AdminAccount, type Role } from '../api/admin-types';
import { changeRole } from '../api/change-role';

export function RoleChange({ account, onChanged }: { account: AdminAccount; onChanged: (account: AdminAccount) => void }) {
  const { t } = useTranslation();
  const [role, setRole] = useState<Role>(account.role);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ role?: string; reason?: string }>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [done, setDone] = useState<Role | null>(null);
  const [busy, setBusy] = useState(false);
  const roleField = useRef<HTMLSelectElement>(null);
  const reasonField = useRef<HTMLTextAreaElement>(null);
  const serverErrors = useApiFieldErrors(failure);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const found = {
      role: role === account.role ? t('admin.role.sameRole') : undefined,
      reason: reason.trim() === '' ? t('admin.reason.missing') : undefined,
    };
    setErrors(found);
    setDone(null);
    if (found.role) {
      roleField.current?.focus();
      return;
    }
    if (found.reason) {
      reasonField.current?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    const answer = await changeRole(account.id, role, reason);
    setBusy(false);
    if (!answer.ok) {
      setFailure(answer.failure);
      return;
    }
    setReason('');
    setDone(answer.data.role);
    onChanged(answer.data);
  }

  return (
    <>
      <p data-testid="current-role">{t('admin.role.current', { role: t(`roles.${account.role}`) })}</p>
      <p>{t('admin.role.intro')}</p>
      {done && (
        <Notice>
          <p>{t('admin.role.done', { role: t(`roles.${done}`) })}</p>
        </Notice>
      )}
      <ProblemAlert failure={failure} />
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <Field label={t('admin.role.label')} error={errors.role ?? serverErrors.role ?? null}>
          {(control) => (
            <select
              {...control}
              ref={roleField}
              name="role"
              value={role}
              onChange={(event) => setRole(ROLES.find((option) => option === event.target.value) ?? account.role)}
            >
              {ROLES.map((option) => (
                <option key={option} value={option}>
                  {option === account.role ? t('admin.role.currentOption', { role: t(`roles.${option}`) }) : t(`roles.${option}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('admin.reason.label')} hint={t('admin.role.reasonHint')} error={errors.reason ?? serverErrors.reason ?? null}>
          {(control) => (
            <textarea
              {...control}
              ref={reasonField}
              name="role-reason"
              rows={3}
              maxLength={2000}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          )}
        </Field>
        <div className="form__actions">
          <button type="submit" className="button" disabled={busy}>
            {t('admin.role.submit')}
          </button>
        </div>
      </form>
    </>
  );
}
