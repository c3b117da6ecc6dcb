// Small pieces both back-office document screens share: sub-tabs (the back
// office's shared strip), amounts in euros, a loading line.
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Tabs as SharedTabs } from '../shared/Tabs.tsx';
import { formatEuros } from './format.ts';

/** The back office's shared tab strip (keyboard: ← → Home End), with the panel it controls. */
export function Tabs<T extends string>({
  id,
  label,
  tabs,
  value,
  onChange,
}: {
  id: string;
  label: string;
  tabs: readonly { id: T; label: string }[];
  value: T;
  onChange: (tab: T) => void;
}) {
  return <SharedTabs idPrefix={id} label={label} current={value} onChange={onChange} tabs={tabs.map((tab) => ({ key: tab.id, label: tab.label }))} />;
}

export function TabPanel({ id, value, children }: { id: string; value: string; children: ReactNode }) {
  return (
    <div className="bo-panel" role="tabpanel" id={`${id}-panel-${value}`} aria-labelledby={`${id}-tab-${value}`}>
      {children}
    </div>
  );
}

export function Money({ cents, className }: { cents: number | null | undefined; className?: string }) {
  const { i18n } = useTranslation();
  return <span className={`money${className ? ` ${className}` : ''}${(cents ?? 0) < 0 ? ' is-negative' : ''}`}>{formatEuros(cents, i18n.language)}</span>;
}

export function Loading({ busy }: { busy: boolean }) {
  const { t } = useTranslation();
  return busy ? (
    <p className="muted" role="status">
      {t('common.loading')}
    </p>
  ) : null;
}

/** Brings a panel that opened below the list into view (once, when `key` changes). */
export function useRevealed<T extends HTMLElement>(key: unknown) {
  const ref = useRef<T | null>(null);
  useEffect(() => {
    if (key) ref.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }, [key]);
  return ref;
}
