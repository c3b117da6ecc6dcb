import { render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../src/i18n/index.ts';
import type { TechnicianLoad } from '../../src/kpis/compute.ts';
import { SlaChart, TravelChart, WorkChart } from '../../src/kpis/KpiCharts.tsx';

const load = (over: Partial<TechnicianLoad>): TechnicianLoad => ({
  technicianId: 't',
  name: 'Alice Martin',
  color: '#2450b2',
  visits: 3,
  visitMinutes: 300,
  travelMinutes: 75,
  shiftMinutes: 480,
  overtimeMinutes: 0,
  travelMeters: 42_500,
  ...over,
});

const inFrench = (ui: React.ReactElement) => render(<I18nextProvider i18n={createI18n('fr')}>{ui}</I18nextProvider>);

describe('KPI charts', () => {
  it('says each technician’s work against the shift in words and figures, overtime included', () => {
    inFrench(<WorkChart loads={[load({}), load({ technicianId: 'u', name: 'Bruno Durand', visitMinutes: 420, travelMinutes: 90, overtimeMinutes: 45 })]} />);
    const chart = screen.getByRole('img', { name: /Charge par technicien/ });
    const label = chart.getAttribute('aria-label')!;
    expect(label).toContain('Alice Martin : 6 h 15 de travail (5 h 00 sur site, 1 h 15 de trajet) pour 8 h 00 de service.');
    expect(label).toContain('Bruno Durand : 8 h 30 de travail');
    expect(label).toContain('Dépassement : 45 min.');
    expect(chart.textContent).toContain('8 h 30 / 8 h 00 · +45 min sup.');
  });

  it('gives travel time and kilometres in French number format', () => {
    inFrench(<TravelChart loads={[load({})]} />);
    expect(screen.getByRole('img', { name: /Trajets par technicien/ }).textContent).toContain('1 h 15 · 42,5 km');
  });

  it('counts the deadlines of each hour by where they stand, and says when there is none', () => {
    const { unmount } = inFrench(
      <SlaChart
        hours={[
          { hour: -1, met: 0, atRisk: 0, missed: 1 },
          { hour: 12, met: 2, atRisk: 1, missed: 1 },
        ]}
      />,
    );
    const label = screen.getByRole('img', { name: /Échéances SLA par heure/ }).getAttribute('aria-label')!;
    expect(label).toContain('avant : 1 manquée');
    expect(label).toContain('12 h : 2 tenues, 1 à risque, 1 manquée');
    unmount();
    inFrench(<SlaChart hours={[]} />);
    expect(screen.getByText('Aucune échéance SLA ce jour.')).toBeTruthy();
  });
});
