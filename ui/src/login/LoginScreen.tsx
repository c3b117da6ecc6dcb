import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http.ts';
import { LanguageSwitch } from '../board/LanguageSwitch.tsx';
import { useController } from '../state/context.tsx';

/** The demo's accounts, as the server publishes them in /ui-config.json (server/src/demo/logins.ts). */
export interface DemoLogins {
  readonly password: string;
  readonly accounts: ReadonlyArray<{ readonly email: string; readonly role: 'admin' | 'dispatcher' | 'technician' }>;
}

export function LoginScreen({ demo = null }: { demo?: DemoLogins | null } = {}) {
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
        err instanceof ApiError && (err.status === 401 || err.status === 422)
          ? t('login.invalid')
          : err instanceof ApiError && err.status === 429
            ? t('login.tooMany')
            : err instanceof ApiError && err.status === 0
              ? t('login.offline')
              : t('login.failed'),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <form className="login-card" onSubmit={submit} aria-labelledby="login-title">
        <div className="brand brand-large" aria-hidden="true">
          <span className="brand-mark">T</span> Tournée
        </div>
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
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button primary wide" disabled={busy}>
          {busy ? t('login.signingIn') : t('login.submit')}
        </button>
        {demo && demo.accounts.length > 0 && (
          // Flagged so nobody mistakes them for real accounts: their password is public.
          <section className="login-demo" aria-labelledby="login-demo-title">
            <h2 id="login-demo-title">{t('login.demo.title')}</h2>
            <p className="muted">{t('login.demo.hint', { password: demo.password })}</p>
            <ul>
              {demo.accounts.map((account) => (
                <li key={account.email}>
                  <button
                    type="button"
                    className="login-demo-account"
                    onClick={() => {
                      setEmail(account.email);
                      setPassword(demo.password);
                    }}
                  >
                    <span className="login-demo-badge">{t('login.demo.badge')}</span>
                    <span>{t(`login.demo.roles.${account.role}`)}</span>
                    <span className="muted">{account.email}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
        <LanguageSwitch />
      </form>
    </main>
  );
}
