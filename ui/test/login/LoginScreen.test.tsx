import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../src/api/http.ts';
import { LoginScreen } from '../../src/login/LoginScreen.tsx';
import { BoardController } from '../../src/state/controller.ts';
import { fakeApi, FakeSocket } from '../support/fake-board.ts';
import { DAY } from '../support/fixtures.ts';
import { renderBoard } from '../support/render.tsx';

const controllerWith = (api = fakeApi()) =>
  new BoardController({
    api,
    socketFactory: () => new FakeSocket() as never,
    storage: { getItem: () => null, setItem: () => {}, removeItem: () => {} },
    today: DAY,
  });

describe('LoginScreen', () => {
  it('logs in with the typed credentials', async () => {
    const api = fakeApi();
    const controller = controllerWith(api);
    renderBoard(<LoginScreen />, controller);
    await userEvent.type(screen.getByLabelText('Adresse e-mail'), 'dispatcher@demo.tournee.fr');
    await userEvent.type(screen.getByLabelText('Mot de passe'), 'tournee-demo');
    await userEvent.click(screen.getByRole('button', { name: 'Se connecter' }));
    await waitFor(() => expect(controller.store.get().session?.token).toBe('tok'));
    expect(api.login).toHaveBeenCalledWith('dispatcher@demo.tournee.fr', 'tournee-demo');
  });

  it('says plainly when the password is wrong', async () => {
    const controller = controllerWith(
      fakeApi({
        login: vi.fn(async () => {
          throw new ApiError(401, 'invalid credentials');
        }),
      }),
    );
    renderBoard(<LoginScreen />, controller);
    await userEvent.type(screen.getByLabelText('Adresse e-mail'), 'a@b.fr');
    await userEvent.type(screen.getByLabelText('Mot de passe'), 'nope');
    fireEvent.submit(screen.getByRole('button', { name: 'Se connecter' }));
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'Adresse e-mail ou mot de passe incorrect.');
  });

  it('offers the demo accounts flagged as such, and fills the form with one', async () => {
    const api = fakeApi();
    const controller = controllerWith(api);
    const demo = {
      password: 'tournee-demo',
      accounts: [
        { email: 'dispatcher@demo.tournee.fr', role: 'dispatcher' as const },
        { email: 'technicien1@demo.tournee.fr', role: 'technician' as const },
      ],
    };
    renderBoard(<LoginScreen demo={demo} />, controller);
    expect(screen.getByRole('heading', { name: 'Comptes de démonstration' })).toBeTruthy();
    expect(screen.getAllByText('Compte de démonstration')).toHaveLength(2);
    await userEvent.click(screen.getByRole('button', { name: /Planificateur/ }));
    expect((screen.getByLabelText('Adresse e-mail') as HTMLInputElement).value).toBe('dispatcher@demo.tournee.fr');
    await userEvent.click(screen.getByRole('button', { name: 'Se connecter' }));
    await waitFor(() => expect(api.login).toHaveBeenCalledWith('dispatcher@demo.tournee.fr', 'tournee-demo'));
  });

  it('shows no demo section without demo data', () => {
    renderBoard(<LoginScreen demo={null} />, controllerWith());
    expect(screen.queryByText('Compte de démonstration')).toBeNull();
  });

  it('switches to English', async () => {
    renderBoard(<LoginScreen />, controllerWith());
    await userEvent.selectOptions(screen.getByLabelText('Langue'), 'en');
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
  });
});
