// Meter readings on the visit sheet (issue 13): the equipment's counters as
// last read, and a form to enter a new reading — counter, value typed the
// French way ("5 120"), unit, "meter replaced or zeroed". Checked on the
// device (counter-reading.ts, the server's rules), queued in the outbox like
// every field action, so it works offline; the server then updates the
// equipment and the usage-based service plans.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COUNTER_UNITS, unitOfKnownCounter, type CounterUnit } from '@tournee/contracts/counter-units';
import type { EquipmentSheet, VisitSheet } from '@tournee/contracts/replication';
import { useTechController } from '../context.tsx';
import { checkReading, counterChoices, isCounterUnit, type ReadingProblem } from '../counter-reading.ts';
import { categoryLabel } from '../equipment-labels.ts';
import { formatNumber } from '../format.ts';
import { useT, type TechKey, type TechT } from '../i18n/index.ts';
import './counter-readings.css';

/** "Heures de fonctionnement", or a manufacturer's own counter humanised ("defrost_cycles" → "Defrost cycles"). */
export function counterName(t: TechT, counter: string): string {
  if (unitOfKnownCounter(counter)) return t(`counters.name.${counter}` as TechKey);
  const words = counter.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const unitLabel = (t: TechT, unit: string | null): string => (unit && isCounterUnit(unit) ? t(`counters.units.${unit}` as TechKey) : (unit ?? ''));

export function CounterReadings({ visit }: { visit: VisitSheet }) {
  const t = useT();
  if (visit.equipment.length === 0) return null;
  return (
    <section className="tech-card counters" aria-label={t('counters.title')}>
      <h2>{t('counters.title')}</h2>
      <CounterForm visit={visit} />
    </section>
  );
}

function CounterForm({ visit }: { visit: VisitSheet }) {
  const t = useT();
  const { i18n } = useTranslation();
  const lang = i18n.language;
  const controller = useTechController();
  const [equipmentId, setEquipmentId] = useState(visit.equipment[0]!.id);
  const equipment: EquipmentSheet = visit.equipment.find((e) => e.id === equipmentId) ?? visit.equipment[0]!;
  // What the device knows, plus what it recorded since the portfolio was read.
  const [recorded, setRecorded] = useState<Record<string, Record<string, number>>>({});
  const counters = useMemo(() => ({ ...equipment.counters, ...recorded[equipment.id] }), [equipment, recorded]);
  const choices = useMemo(() => counterChoices(counters), [counters]);
  const [counter, setCounter] = useState(choices[0]!.counter);
  const choice = choices.find((c) => c.counter === counter) ?? choices[0]!;
  const [text, setText] = useState('');
  const [unit, setUnit] = useState<CounterUnit | ''>('');
  const [reset, setReset] = useState(false);
  const [touched, setTouched] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const check = checkReading(choice, text, reset, unit || null);
  const shown = (value: number, u: string | null) => `${formatNumber(value, lang)} ${unitLabel(t, u)}`.trim();
  const problem = (p: ReadingProblem) => t(`counters.problem.${p}` as TechKey, { last: choice.last === null ? '' : shown(choice.last, choice.unit ?? unit) });

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setTouched(true);
    const finalUnit = choice.unit ?? (unit || null);
    if (check.problem || check.value === null || finalUnit === null) return;
    const value = check.value;
    const what = `${counterName(t, choice.counter)} ${shown(value, finalUnit)}`;
    await controller.readCounters(
      { interventionId: visit.id, equipmentId: equipment.id, readings: [{ counter: choice.counter, value, unit: finalUnit, reset }] },
      t('counters.label', { counter: what }),
    );
    setRecorded((r) => ({ ...r, [equipment.id]: { ...r[equipment.id], [choice.counter]: value } }));
    setSaved(t('counters.saved', { counter: counterName(t, choice.counter), value: shown(value, finalUnit) }));
    setText('');
    setReset(false);
    setTouched(false);
  };

  const read = Object.entries(counters).sort(([a], [b]) => a.localeCompare(b));
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      {visit.equipment.length > 1 && (
        <label className="field">
          <span>{t('counters.equipment')}</span>
          <select value={equipment.id} onChange={(e) => setEquipmentId(e.target.value)}>
            {visit.equipment.map((e) => (
              <option key={e.id} value={e.id}>
                {[e.brand, e.model].filter(Boolean).join(' ') || categoryLabel(e.category, lang)}
              </option>
            ))}
          </select>
        </label>
      )}
      {read.length > 0 && (
        <dl className="counter-list" data-testid="counter-list">
          {read.map(([name, value]) => (
            <div key={name}>
              <dt>{counterName(t, name)}</dt>
              <dd data-counter={name}>{shown(value, unitOfKnownCounter(name))}</dd>
            </div>
          ))}
        </dl>
      )}
      <label className="field">
        <span>{t('counters.counter')}</span>
        <select value={choice.counter} onChange={(e) => (setCounter(e.target.value), setUnit(''), setSaved(null))} data-testid="counter-name">
          {choices.map((c) => (
            <option key={c.counter} value={c.counter}>
              {counterName(t, c.counter)}
            </option>
          ))}
        </select>
      </label>
      <p className="muted">{choice.last === null ? t('counters.never') : t('counters.last', { value: shown(choice.last, choice.unit ?? (unit || null)) })}</p>
      <div className="counter-value">
        <label className="field">
          <span>{t('counters.value')}</span>
          <input
            inputMode="decimal"
            autoComplete="off"
            value={text}
            onChange={(e) => (setText(e.target.value), setSaved(null))}
            onBlur={() => setTouched(true)}
            aria-invalid={touched && check.problem !== null}
            data-testid="counter-value"
          />
        </label>
        {choice.unit ? (
          <span className="unit">{unitLabel(t, choice.unit)}</span>
        ) : (
          <label className="field">
            <span>{t('counters.unit')}</span>
            <select value={unit} onChange={(e) => setUnit(isCounterUnit(e.target.value) ? e.target.value : '')}>
              <option value="">{t('counters.chooseUnit')}</option>
              {COUNTER_UNITS.map((u) => (
                <option key={u} value={u}>
                  {unitLabel(t, u)}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <label className="check">
        <input type="checkbox" checked={reset} onChange={(e) => setReset(e.target.checked)} data-testid="counter-reset" />
        <span>{t('counters.reset')}</span>
      </label>
      {touched && check.problem && (
        <p className="warn" role="alert">
          {problem(check.problem)}
        </p>
      )}
      {saved && (
        <p className="ok" role="status">
          {saved}
        </p>
      )}
      <button type="submit" className="btn primary wide">
        {t('counters.submit')}
      </button>
    </form>
  );
}
