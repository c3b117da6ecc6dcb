// Shared by the back office's screens: the board's tab strip (`.tabs`/`.tab`
// from board.css) with the keyboard path (← → Home End), for a screen's views.
//
// Stable API: Tabs.
import type { KeyboardEvent, ReactNode } from 'react';

export interface TabsProps<K extends string> {
  readonly label: string;
  /** Prefix of the tabs' and panels' ids (`${idPrefix}-tab-${key}`, `${idPrefix}-panel-${key}`). */
  readonly idPrefix: string;
  readonly tabs: readonly { readonly key: K; readonly label: ReactNode; readonly badge?: number | undefined }[];
  readonly current: K;
  readonly onChange: (key: K) => void;
}

export function Tabs<K extends string>({ label, idPrefix, tabs, current, onChange }: TabsProps<K>) {
  const onKey = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const last = tabs.length - 1;
    const next =
      e.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : e.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? last
              : -1;
    if (next < 0) return;
    e.preventDefault();
    onChange(tabs[next]!.key);
    document.getElementById(`${idPrefix}-tab-${tabs[next]!.key}`)?.focus();
  };
  return (
    <div className="tabs bo-tabs" role="tablist" aria-label={label}>
      {tabs.map((tab, index) => (
        <button
          key={tab.key}
          id={`${idPrefix}-tab-${tab.key}`}
          type="button"
          role="tab"
          aria-selected={current === tab.key}
          aria-controls={`${idPrefix}-panel-${tab.key}`}
          tabIndex={current === tab.key ? 0 : -1}
          className="tab"
          onClick={() => onChange(tab.key)}
          onKeyDown={(e) => onKey(e, index)}
        >
          {tab.label}
          {tab.badge ? <span className="badge">{tab.badge}</span> : null}
        </button>
      ))}
    </div>
  );
}
