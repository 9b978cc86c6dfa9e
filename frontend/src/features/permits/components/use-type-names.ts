// Services' names by code, read once from the catalogue, for lists of requests (a line of a list
// carries only the code).
import { useCallback } from 'react';
import { useApiResult } from '@/hooks/use-api-result';
import { listPermitTypes } from '../api/catalogue';
import type { PermitType } from '../api/permit-types';
import { useLocalized } from '../lib/format';

export function usePermitTypes(): { types: PermitType[]; typeName: (code: string) => string } {
  const localized = useLocalized();
  const load = useCallback(() => listPermitTypes(), []);
  const { result } = useApiResult(load);
  const types = result?.ok ? result.data : [];
  return {
    types,
    typeName: (code) => {
      const type = types.find((candidate) => candidate.code === code);
      return type ? localized(type.name) : code;
    },
  };
}
