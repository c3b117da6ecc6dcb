// Every server call the technician app makes, in one place.
import type { FieldActionInput, Portfolio, ReplicationBatchResult } from '@tournee/contracts/replication';
import type { Http } from '../api/http.ts';
import type { LoginResponse, SessionUser } from '../api/types.ts';

export interface PositionPayload {
  readonly lat: number;
  readonly lon: number;
  readonly accuracy?: number | undefined;
  readonly heading?: number | undefined;
  readonly speed?: number | undefined;
  readonly recordedAt: string;
}

export function techApi(http: Http) {
  return {
    login: (email: string, password: string) => http.post<LoginResponse>('/api/auth/login', { email, password }),
    me: () => http.get<SessionUser>('/api/auth/me'),
    portfolio: (days = 7) => http.get<Portfolio>('/api/tech/portfolio', { days }),
    replicate: (actions: readonly FieldActionInput[]) => http.post<ReplicationBatchResult>('/api/replication/batch', { actions }),
    positions: (positions: readonly PositionPayload[]) => http.post<{ accepted: number }>('/api/positions', { positions }),
  };
}

export type TechApi = ReturnType<typeof techApi>;
