import { useState } from 'react';
import { ApiError } from '../../api/http.ts';
import { LanguageSwitch } from '../../board/LanguageSwitch.tsx';
import { useTech, useTechController } from '../context.tsx';
import { DeviceBusyError } from '../controller.ts';
import { useT } from '../i18n/index.ts';

/** Full screen, or `inline` over the app when the session expired with actions waiting. */
export function Login({ inline = false }: { inline?: boolean }) {
  const t = useT();
  const controller = useTechController();
  const waiting = useTech((s) => s.queue.filter((q) => q.state === 'pending').length);
  const known = useTech((s) => s.session?.user.email ?? '');
  const [email, setEmail] = useState(known);
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
        err instanceof DeviceBusyError
          ? t('login.busy')
          : err instanceof ApiError && err.status === 403
            ? t('login.notTechnician')
            : err instanceof ApiError && (err.status === 401 || err.status === 422 || err.status === 400)
              ? t('login.invalid')
              : err instanceof ApiError && err.status === 0
                ? t('login.offline')
                : t('login.failed'),
      );
    } finally {
      setBusy(false);
    }
  };

  // On its own the login is the page's main content; inline (the session expired) it sits above the app's.
  const Root = inline ? 'div' : 'main';
  return (
    <Root className={inline ? 'tech-login inline' : 'tech-login'}>
      <form className="tech-card login-card" onSubmit={submit} aria-labelledby="tech-login-title">
        <div className="tech-brand" aria-hidden="true">
          <span className="tech-brand-mark">T</span> Tournée
        </div>
        <h1 id="tech-login-title">{t('login.title')}</h1>
        <p className="muted">{inline ? t('login.expired', { count: waiting }) : t('login.subtitle')}</p>
        <label className="field">
          <span>{t('login.email')}</span>
          <input type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
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
        <button type="submit" className="btn primary wide" disabled={busy}>
          {busy ? t('login.signingIn') : t('login.submit')}
        </button>
        {!inline && <LanguageSwitch />}
      </form>
    </Root>
  );
}
