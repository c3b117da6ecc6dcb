// The work api for the logged-in session (or the one a test injects).
import { useMemo } from 'react';
import { useBackOfficeHttp } from '../back-office/shared/client.ts';
import { workApi, type WorkApi } from './api.ts';

export function useWorkApi(): WorkApi {
  const http = useBackOfficeHttp();
  return useMemo(() => workApi(http), [http]);
}
