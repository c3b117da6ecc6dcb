// The back office's data cache: TanStack Query (@tanstack/react-query). Each
// screen reads the server through useQuery under keys that say what the data
// is (stock-keys.ts for the Stock screen); a change the screen makes, or one
// the board hears over its socket (board-invalidation.ts), invalidates the
// keys it touches and what is on screen is read again. The cache lives as long
// as the back office is open (BackOffice.tsx holds the client).
import { QueryClient } from '@tanstack/react-query';

/**
 * Defaults that keep the screens' behaviour as it was with their own loader: an error is shown at once with a
 * "Réessayer" button (no silent retries), and nothing is read again just because the window got the focus —
 * the data changes when someone changes it, which the screens hear of.
 */
export function createBackOfficeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: Infinity },
    },
  });
}
