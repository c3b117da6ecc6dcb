import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createI18n, type Language } from '../../src/i18n/index.ts';
import { ControllerContext } from '../../src/state/context.tsx';
import type { BoardController } from '../../src/state/controller.ts';

export function renderBoard(ui: ReactElement, controller: BoardController, language: Language = 'fr'): RenderResult & { i18n: ReturnType<typeof createI18n> } {
  const i18n = createI18n(language);
  const result = render(
    <I18nextProvider i18n={i18n}>
      <ControllerContext.Provider value={controller}>{ui}</ControllerContext.Provider>
    </I18nextProvider>,
  );
  return { ...result, i18n };
}
