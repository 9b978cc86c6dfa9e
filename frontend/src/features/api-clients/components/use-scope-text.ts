// The words for each scope, in the interface language. The scope names contain a colon, which
// i18next reads as a namespace separator, so their texts are kept under names without one.
import { useTranslation } from 'react-i18next';
import { isScope, type Scope } from '../api/client-types';

const TEXT_KEYS = {
  'permits:read': 'permitsRead',
  'permits:write': 'permitsWrite',
  'approvals:read': 'approvalsRead',
  'approvals:write': 'approvalsWrite',
  'webhooks:manage': 'webhooksManage',
} as const satisfies Record<Scope, string>;

export interface ScopeText {
  label: string;
  explanation: string | null;
}

export function useScopeText(): (scope: string) => ScopeText {
  const { t } = useTranslation();
  return (scope) => {
    // A scope the SPA does not know yet is shown as the API names it.
    if (!isScope(scope)) return { label: scope, explanation: null };
    const key = TEXT_KEYS[scope];
    return { label: t(`apiClients.scopes.${key}.label`), explanation: t(`apiClients.scopes.${key}.explanation`) };
  };
}
