// What the urgent panel says while the server ranks the technicians, or when
// it could not: shared by a new request's answers and a queued visit's.
import { useTranslation } from 'react-i18next';

/** `answer`: null while ranking, 'failed' when the server could not rank; anything else shows nothing. */
export function RankingStatus({ answer, onRetry }: { answer: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  if (answer === null) {
    return (
      <p className="muted" aria-live="polite">
        {t('urgent.ranking')}
      </p>
    );
  }
  if (answer === 'failed') {
    return (
      <p className="hint" role="alert">
        {t('urgent.rankingFailed')}{' '}
        <button type="button" className="link" onClick={onRetry}>
          {t('urgent.retry')}
        </button>
      </p>
    );
  }
  return null;
}
