import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http.ts';
import { LanguageSwitch } from '../board/LanguageSwitch.tsx';
import { useController } from '../state/context.tsx';

export function LoginScreen() {
  const { t } = useTranslation();
  const controller = useController();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await controller.login(email, password);
    } catch (err) {
      setError(
        err instanceof ApiError && (err.status === 401 || err.status === 422) ? t('login.invalid')
          : err instanceof ApiError && err.status === 429 ? t('login.tooMany')
            : err instanceof ApiError && err.status === 0 ? t('login.offline')
              : t('login.failed'),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <form className="login-card" onSubmit={submit} aria-labelledby="login-title">
        <div className="brand brand-large" aria-hidden="true"><span className="brand-mark">T</span> Tournée</div>
        <h1 id="login-title">{t('login.title')}</h1>
        <p className="muted">{t('login.subtitle')}</p>
        <label className="field">
          <span>{t('login.email')}</span>
          <input type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
        </label>
        <label className="field">
          <span>{t('login.password')}</span>
          <input type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error && <p className="form-error" role="alert">{error}</p>}
        <button type="submit" className="button primary wide" disabled={busy}>{busy ? t('login.signingIn') : t('login.submit')}</button>
        <LanguageSwitch />
      </form>
    </main>
  );
}
