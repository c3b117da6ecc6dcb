// "Client ou site": one box finding a customer by name, contact, phone or
// number, a site by address, town or postcode, an equipment by serial number
// (GET /api/work/search: the agency's sectors only, each customer once).
// Shared by the "Nouvelle intervention" form (pick a customer, or one of
// their sites directly, or create the customer typed) and the urgent panel
// (pick a site). A combobox: arrows move through the choices, Enter picks,
// Escape clears.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerHit, SiteHit } from './api.ts';
import { equipmentLabel, siteAddress, siteTitle } from './labels.ts';
import { useLookup } from './use-lookup.ts';
import { useWorkApi } from './use-work-api.ts';

type Choice = { kind: 'customer'; customer: CustomerHit } | { kind: 'site'; customer: CustomerHit; site: SiteHit } | { kind: 'create'; name: string };

export interface CustomerSiteSearchProps {
  readonly agencyId: string | null;
  /** 'site': only sites can be picked (the urgent panel); 'customer': a customer or one of their sites. */
  readonly pick: 'site' | 'customer';
  readonly label: string;
  readonly onPick: (customer: CustomerHit, site: SiteHit | null) => void;
  /** Offered after the results (form only): create a customer with the name typed. */
  readonly onCreate?: (name: string) => void;
  readonly placeholder?: string;
  readonly invalid?: string | null;
  readonly autoFocus?: boolean;
}

const SITES_SHOWN = 4;

export function CustomerSiteSearch({ agencyId, pick, label, onPick, onCreate, placeholder, invalid, autoFocus }: CustomerSiteSearchProps) {
  const { t, i18n } = useTranslation();
  const api = useWorkApi();
  const id = useId();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const found = useLookup(text, (q) => api.search(q, agencyId));

  const choices: Choice[] = [];
  for (const customer of found.results) {
    if (pick === 'customer') choices.push({ kind: 'customer', customer });
    for (const site of customer.sites.slice(0, SITES_SHOWN)) choices.push({ kind: 'site', customer, site });
  }
  const typed = text.trim();
  // Offered once the search answered what is typed: Enter never creates a customer the search was about to find.
  if (onCreate && typed.length >= 2 && !found.searching && found.answered === typed) choices.push({ kind: 'create', name: typed });
  const current = Math.min(active, choices.length - 1);
  const optionId = (i: number) => `${id}-option-${i}`;

  const choose = (choice: Choice | undefined) => {
    if (!choice) return;
    if (choice.kind === 'create') onCreate?.(choice.name);
    else onPick(choice.customer, choice.kind === 'site' ? choice.site : null);
    setText('');
    setActive(0);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (choices.length === 0) return;
      setActive((current + (e.key === 'ArrowDown' ? 1 : -1) + choices.length) % choices.length);
    } else if (e.key === 'Enter' && choices.length > 0) {
      e.preventDefault();
      choose(choices[current]);
    } else if (e.key === 'Escape' && text) {
      e.preventDefault();
      e.stopPropagation();
      setText('');
    }
  };

  const open = choices.length > 0;
  const status = found.error
    ? t('work.searchFailed', { error: found.error })
    : found.searching
      ? t('work.searching')
      : found.answered && found.results.length === 0
        ? t('work.noMatch')
        : '';

  return (
    <div className="work-search field">
      <label htmlFor={`${id}-input`}>{label}</label>
      <input
        id={`${id}-input`}
        type="search"
        role="combobox"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={open ? optionId(current) : undefined}
        aria-describedby={`${id}-hint`}
        aria-invalid={invalid ? true : undefined}
        autoComplete="off"
        autoFocus={autoFocus}
        value={text}
        placeholder={placeholder ?? t('work.searchPlaceholder')}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <small id={`${id}-hint`} className={invalid ? 'field-error' : 'muted'}>
        {invalid ?? t('work.searchHint')}
      </small>
      <p className="work-search-status muted" role="status">
        {status}
      </p>
      {open && (
        <ul id={`${id}-list`} role="listbox" className="work-options" aria-label={t('work.results')}>
          {choices.map((choice, i) => (
            <li
              key={choice.kind === 'create' ? 'create' : choice.kind === 'customer' ? `c-${choice.customer.id}` : `s-${choice.site.id}`}
              id={optionId(i)}
              role="option"
              aria-selected={i === current}
              className={`work-option work-option-${choice.kind}${i === current ? ' active' : ''}`}
              // mousedown, not click: the input keeps the focus, so the keyboard carries on from there.
              onMouseDown={(e) => {
                e.preventDefault();
                choose(choice);
              }}
              onMouseMove={() => i !== current && setActive(i)}
            >
              {choice.kind === 'create' ? (
                <strong>{t('work.createCustomer', { name: choice.name })}</strong>
              ) : choice.kind === 'customer' ? (
                <CustomerLine customer={choice.customer} />
              ) : (
                <>
                  {pick === 'site' && <span className="work-option-owner">{choice.customer.name}</span>}
                  <span className="work-option-title">{siteTitle(choice.site)}</span> <span className="muted">{siteAddress(choice.site)}</span>
                  {choice.site.equipment
                    .filter((e) => e.matched)
                    .slice(0, 2)
                    .map((e) => (
                      <span key={e.id} className="work-option-equipment">
                        {equipmentLabel(e, i18n.language)}
                        {e.serialNumber ? ` · ${t('work.serial', { serial: e.serialNumber })}` : ''}
                      </span>
                    ))}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function CustomerLine({ customer }: { customer: CustomerHit }) {
  const { t } = useTranslation();
  const details = [customer.phone, customer.sites.length ? t('work.siteCount', { count: customer.sites.length }) : t('work.noSiteHere')].filter(Boolean);
  return (
    <>
      <strong>{customer.name}</strong> <span className="muted">{details.join(' · ')}</span>
    </>
  );
}
