// The town a new site is in, from the bundled list of French towns
// (GET /api/work/places): each with the agency's sector it falls in, and the
// postcode the company's sites there use. A combobox like CustomerSiteSearch.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Place } from './api.ts';
import { useLookup } from './use-lookup.ts';
import { useWorkApi } from './use-work-api.ts';

export function PlaceSearch({ agencyId, onPick, invalid }: { agencyId: string | null; onPick: (place: Place) => void; invalid?: string | null }) {
  const { t, i18n } = useTranslation();
  const api = useWorkApi();
  const id = useId();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const found = useLookup(text, (q) => api.places(q, agencyId));
  const places = found.results;
  const current = Math.min(active, places.length - 1);
  const population = new Intl.NumberFormat(i18n.language);

  const choose = (place: Place | undefined) => {
    if (!place) return;
    onPick(place);
    setText('');
  };
  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && places.length > 0) {
      e.preventDefault();
      setActive((current + (e.key === 'ArrowDown' ? 1 : -1) + places.length) % places.length);
    } else if (e.key === 'Enter' && places.length > 0) {
      e.preventDefault();
      choose(places[current]);
    }
  };

  return (
    <div className="work-search field">
      <label htmlFor={`${id}-input`}>{t('work.town')}</label>
      <input
        id={`${id}-input`}
        type="search"
        role="combobox"
        aria-expanded={places.length > 0}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={places.length > 0 ? `${id}-option-${current}` : undefined}
        aria-describedby={`${id}-hint`}
        aria-invalid={invalid ? true : undefined}
        autoComplete="off"
        value={text}
        placeholder={t('work.townPlaceholder')}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <small id={`${id}-hint`} className={invalid ? 'field-error' : 'muted'}>
        {invalid ?? t('work.townHint')}
      </small>
      <p className="work-search-status muted" role="status">
        {found.error ? t('work.searchFailed', { error: found.error }) : found.searching ? t('work.searching') : ''}
      </p>
      {places.length > 0 && (
        <ul id={`${id}-list`} role="listbox" className="work-options" aria-label={t('work.towns')}>
          {places.map((place, i) => (
            <li
              key={`${place.insee}-${place.name}`}
              id={`${id}-option-${i}`}
              role="option"
              aria-selected={i === current}
              className={`work-option${i === current ? ' active' : ''}`}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(place);
              }}
              onMouseMove={() => i !== current && setActive(i)}
            >
              <strong>{place.name}</strong>{' '}
              <span className="muted">
                {[place.postcode, t('work.inhabitants', { value: population.format(place.population) })].filter(Boolean).join(' · ')}
              </span>{' '}
              <span className={place.sectorName ? 'work-option-sector' : 'work-option-outside'}>
                {place.sectorName ? t('work.townSector', { sector: place.sectorName }) : t('work.townNoSector')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
