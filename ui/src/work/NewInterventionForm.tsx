// "Nouvelle intervention": an ordinary visit for a customer — found by name,
// phone, address or serial number, or created on the spot with their site
// placed in one of the agency's towns — with its equipment, nature, skills,
// duration, dates, daily time windows, priority and parts. Saved in one
// request (POST /api/work/interventions: all or nothing); the visit then
// waits in "À planifier".
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http.ts';
import { useBoard } from '../state/context.tsx';
import { describeError } from '../state/describe-error.ts';
import type { CustomerHit, Part, SiteHit } from './api.ts';
import { CustomerSiteSearch } from './CustomerSiteSearch.tsx';
import {
  DURATIONS,
  EQUIPMENT_CATEGORIES,
  KINDS,
  PRIORITIES,
  checkDraft,
  customerName,
  emptyDraft,
  newSite,
  toNewWork,
  type DraftErrors,
  type DraftField,
  type Kind,
  type PriorityStep,
  type WorkDraft,
} from './draft.ts';
import { equipmentLabel, siteAddress, siteTitle } from './labels.ts';
import { PlaceSearch } from './PlaceSearch.tsx';
import { ServicePlanVisits } from './ServicePlanVisits.tsx';
import { TimeField } from './TimeField.tsx';
import { DayField } from '../board/DayField.tsx';
import { categoryLabel } from '../tech/equipment-labels.ts';
import { useLookup } from './use-lookup.ts';
import { useWorkApi } from './use-work-api.ts';

export interface Created {
  readonly id: string;
  readonly customer: string;
  readonly earliestDate: string;
}

/** Server refusals that name a field of the form: shown on that field. */
const SERVER_FIELDS: Record<string, DraftField> = {
  'customer.new.name': 'customerName',
  'customer.new.email': 'customerEmail',
  'customer.id': 'customer',
  'site.id': 'site',
  'site.new.sectorId': 'town',
  'site.new.address': 'address',
  'site.new.postcode': 'postcode',
  'equipment.new.category': 'category',
  latestDate: 'latestDate',
  estimatedDurationMinutes: 'duration',
};

/** Where the form was opened from (an equipment in the back office): found again through the search, then chosen. */
export interface WorkPreset {
  /** What to search for: the equipment's serial number, or the site's address. */
  readonly q: string;
  readonly siteId: string;
  readonly equipmentId?: string | undefined;
}

export function NewInterventionForm({
  onCreated,
  onCancel,
  preset,
}: {
  onCreated: (created: Created) => void;
  onCancel: () => void;
  preset?: WorkPreset | undefined;
}) {
  const { t, i18n } = useTranslation();
  const api = useWorkApi();
  const skills = useBoard((s) => s.skills);
  const agencyId = useBoard((s) => s.agencyId);
  const agencies = useBoard((s) => s.agencies);
  const date = useBoard((s) => s.date);
  const [draft, setDraft] = useState<WorkDraft>(() => emptyDraft(date));
  const [serverErrors, setServerErrors] = useState<Partial<Record<DraftField, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [tried, setTried] = useState(false);
  const timeZone = agencies.find((a) => a.id === agencyId)?.timezone ?? 'Europe/Paris';
  // Once the dispatcher tried to save, the marks follow what they fix.
  const errors: DraftErrors = useMemo(() => (tried ? checkDraft(draft) : {}), [tried, draft]);

  const update = (patch: Partial<WorkDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setServerErrors({});
  };
  const message = (field: DraftField): string | null => {
    const e = errors[field];
    if (e) return t(`work.error.${e.key}`, e.values ?? {});
    return serverErrors[field] ?? null;
  };
  const fieldClass = (field: DraftField) => `field${message(field) ? ' has-error' : ''}`;
  const errorText = (field: DraftField, id?: string) => {
    const text = message(field);
    return text ? (
      <small className="field-error" id={id}>
        {text}
      </small>
    ) : null;
  };

  const pickCustomer = (customer: CustomerHit, site: SiteHit | null) => {
    // A customer with one site in the agency: that site, unless they asked for another.
    const only = customer.sites.length === 1 ? customer.sites[0]! : null;
    const chosen = site ?? only;
    update({
      customer: { kind: 'existing', hit: customer },
      site: chosen ? { kind: 'existing', hit: chosen } : customer.sites.length === 0 ? newSite() : null,
      equipment: matchedEquipment(chosen),
    });
  };

  // Opened from an equipment: its customer, site and the equipment itself, when the agency serves that site.
  useEffect(() => {
    if (!preset || preset.q.trim().length < 2) return;
    let live = true;
    api
      .search(preset.q, agencyId)
      .then((customers) => {
        const owner = customers.find((c) => c.sites.some((s) => s.id === preset.siteId));
        const site = owner?.sites.find((s) => s.id === preset.siteId);
        if (!live || !owner || !site) return;
        setDraft((d) => ({
          ...d,
          customer: { kind: 'existing', hit: owner },
          site: { kind: 'existing', hit: site },
          equipment:
            preset.equipmentId && site.equipment.some((e) => e.id === preset.equipmentId) ? { kind: 'existing', id: preset.equipmentId } : { kind: 'none' },
        }));
      })
      .catch(() => {});
    return () => {
      live = false;
    };
    // The preset's values, not its identity: a parent re-rendering must not undo what the dispatcher chose since.
  }, [preset?.q, preset?.siteId, preset?.equipmentId, api, agencyId]); // eslint-disable-line react-hooks/exhaustive-deps

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setTried(true);
    const found = checkDraft(draft);
    setServerErrors({});
    setFailure(null);
    if (Object.keys(found).length > 0) {
      setFailure(t('work.error.summary', { count: Object.keys(found).length }));
      return;
    }
    if (!agencyId) return;
    setBusy(true);
    try {
      const created = await api.create(toNewWork(draft, agencyId, timeZone));
      onCreated({ id: created.id, customer: customerName(draft), earliestDate: draft.earliestDate });
    } catch (error) {
      const byField: Partial<Record<DraftField, string>> = {};
      if (error instanceof ApiError) for (const d of error.details) if (SERVER_FIELDS[d.path]) byField[SERVER_FIELDS[d.path]!] = d.message;
      setServerErrors(byField);
      setFailure(describeError(error));
    } finally {
      setBusy(false);
    }
  };

  const customer = draft.customer;
  const site = draft.site;
  const existingSites = customer?.kind === 'existing' ? customer.hit.sites : [];

  return (
    <form className="work-form" onSubmit={submit} noValidate aria-labelledby="work-title">
      <div className="work-columns">
        <section className="work-section" aria-labelledby="work-who">
          <h3 id="work-who">{t('work.customer')}</h3>
          {!customer ? (
            <CustomerSiteSearch
              agencyId={agencyId}
              pick="customer"
              label={t('work.search')}
              onPick={pickCustomer}
              onCreate={(name) => update({ customer: { kind: 'new', name, phone: '', email: '' }, site: newSite(), equipment: { kind: 'none' } })}
              invalid={message('customer')}
              autoFocus
            />
          ) : customer.kind === 'existing' ? (
            <div className="picked">
              <span>
                <strong>{customer.hit.name}</strong>
                {customer.hit.phone && <span className="muted"> · {customer.hit.phone}</span>}
              </span>
              <button type="button" className="link" onClick={() => update({ customer: null, site: null, equipment: { kind: 'none' } })}>
                {t('work.change')}
              </button>
            </div>
          ) : (
            <fieldset className="work-new">
              <legend>
                {t('work.newCustomer')}{' '}
                <button type="button" className="link" onClick={() => update({ customer: null, site: null, equipment: { kind: 'none' } })}>
                  {t('work.change')}
                </button>
              </legend>
              <label className={fieldClass('customerName')}>
                <span>{t('work.customerName')}</span>
                <input
                  value={customer.name}
                  onChange={(e) => update({ customer: { ...customer, name: e.target.value } })}
                  aria-invalid={!!message('customerName')}
                />
                {errorText('customerName')}
              </label>
              <div className="field-row">
                <label className="field">
                  <span>{t('work.customerPhone')}</span>
                  <input type="tel" value={customer.phone} onChange={(e) => update({ customer: { ...customer, phone: e.target.value } })} />
                </label>
                <label className={fieldClass('customerEmail')}>
                  <span>{t('work.customerEmail')}</span>
                  <input
                    type="email"
                    value={customer.email}
                    onChange={(e) => update({ customer: { ...customer, email: e.target.value } })}
                    aria-invalid={!!message('customerEmail')}
                  />
                  {errorText('customerEmail')}
                </label>
              </div>
            </fieldset>
          )}

          {customer && (
            <>
              <h3>{t('work.site')}</h3>
              {existingSites.length > 0 && (
                <fieldset className={fieldClass('site')}>
                  <legend className="sr-only">{t('work.chooseSite')}</legend>
                  {existingSites.map((s) => (
                    <label key={s.id} className="field-check work-site-choice">
                      <input
                        type="radio"
                        name="work-site"
                        checked={site?.kind === 'existing' && site.hit.id === s.id}
                        onChange={() => update({ site: { kind: 'existing', hit: s }, equipment: matchedEquipment(s) })}
                      />
                      <span>
                        <strong>{siteTitle(s)}</strong> <span className="muted">{siteAddress(s)}</span>
                      </span>
                    </label>
                  ))}
                  <label className="field-check work-site-choice">
                    <input
                      type="radio"
                      name="work-site"
                      checked={site?.kind === 'new'}
                      onChange={() => update({ site: newSite(), equipment: { kind: 'none' } })}
                    />
                    <span>{t('work.newSite')}</span>
                  </label>
                  {errorText('site')}
                </fieldset>
              )}
              {site?.kind === 'new' && (
                <fieldset className="work-new">
                  <legend className={existingSites.length > 0 ? 'sr-only' : undefined}>{t('work.newSite')}</legend>
                  <label className={fieldClass('address')}>
                    <span>{t('work.address')}</span>
                    <input value={site.address} onChange={(e) => update({ site: { ...site, address: e.target.value } })} aria-invalid={!!message('address')} />
                    {errorText('address')}
                  </label>
                  {site.place ? (
                    <div className={fieldClass('town')}>
                      <span>{t('work.town')}</span>
                      <div className="picked">
                        <span>
                          <strong>{site.place.name}</strong>{' '}
                          <span className={site.place.sectorName ? 'muted' : 'field-error'}>
                            {site.place.sectorName ? t('work.townSector', { sector: site.place.sectorName }) : t('work.townNoSector')}
                          </span>
                        </span>
                        <button type="button" className="link" onClick={() => update({ site: { ...site, place: null } })}>
                          {t('work.change')}
                        </button>
                      </div>
                      {errorText('town')}
                    </div>
                  ) : (
                    <PlaceSearch
                      agencyId={agencyId}
                      invalid={message('town')}
                      onPick={(place) => update({ site: { ...site, place, postcode: site.postcode || place.postcode || '' } })}
                    />
                  )}
                  <div className="field-row">
                    <label className={fieldClass('postcode')}>
                      <span>{t('work.postcode')}</span>
                      <input
                        inputMode="numeric"
                        maxLength={5}
                        value={site.postcode}
                        onChange={(e) => update({ site: { ...site, postcode: e.target.value } })}
                        aria-invalid={!!message('postcode')}
                      />
                      {errorText('postcode')}
                    </label>
                    <label className="field">
                      <span>{t('work.contactName')}</span>
                      <input value={site.contactName} onChange={(e) => update({ site: { ...site, contactName: e.target.value } })} />
                    </label>
                  </div>
                  <div className="field-row">
                    <label className="field">
                      <span>{t('work.contactPhone')}</span>
                      <input type="tel" value={site.contactPhone} onChange={(e) => update({ site: { ...site, contactPhone: e.target.value } })} />
                    </label>
                    <label className="field">
                      <span>{t('work.accessNotes')}</span>
                      <input value={site.accessNotes} onChange={(e) => update({ site: { ...site, accessNotes: e.target.value } })} />
                    </label>
                  </div>
                </fieldset>
              )}
            </>
          )}

          {site && (
            <>
              <label className="field">
                <span>{t('work.equipment')}</span>
                <select
                  value={draft.equipment.kind === 'existing' ? draft.equipment.id : draft.equipment.kind}
                  onChange={(e) => {
                    const v = e.target.value;
                    update({
                      equipment:
                        v === 'none'
                          ? { kind: 'none' }
                          : v === 'new'
                            ? { kind: 'new', category: 'heat_pump', brand: '', model: '', serialNumber: '' }
                            : { kind: 'existing', id: v },
                    });
                  }}
                >
                  <option value="none">{t('work.noEquipment')}</option>
                  {site.kind === 'existing' &&
                    site.hit.equipment.map((eq) => (
                      <option key={eq.id} value={eq.id}>
                        {equipmentLabel(eq, i18n.language)}
                        {eq.serialNumber ? ` · ${t('work.serial', { serial: eq.serialNumber })}` : ''}
                      </option>
                    ))}
                  <option value="new">{t('work.newEquipment')}</option>
                </select>
              </label>
              {draft.equipment.kind === 'new' && <NewEquipmentFields draft={draft} update={update} errorText={errorText} fieldClass={fieldClass} />}
            </>
          )}
          {site?.kind === 'existing' && (
            <ServicePlanVisits
              siteId={site.hit.id}
              onCreated={(c) => onCreated({ id: c.id, customer: customerName(draft), earliestDate: c.earliestDate ?? draft.earliestDate })}
            />
          )}
        </section>

        <section className="work-section" aria-labelledby="work-what">
          <h3 id="work-what">{t('work.details')}</h3>
          <div className="field-row">
            <label className="field">
              <span>{t('work.kind')}</span>
              <select value={draft.kind} onChange={(e) => update({ kind: e.target.value as Kind })}>
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`work.kinds.${k}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className={fieldClass('duration')}>
              <span>{t('work.duration')}</span>
              <select value={draft.durationMinutes} onChange={(e) => update({ durationMinutes: Number(e.target.value) })}>
                {DURATIONS.map((m) => (
                  <option key={m} value={m}>
                    {formatMinutes(m, i18n.language)}
                  </option>
                ))}
              </select>
              {errorText('duration')}
            </label>
          </div>
          <label className="field">
            <span>{t('work.problem')}</span>
            <textarea rows={2} value={draft.problem} placeholder={t('work.problemPlaceholder')} onChange={(e) => update({ problem: e.target.value })} />
          </label>
          <fieldset className="field">
            <legend>{t('work.priority')}</legend>
            <div className="work-segments" role="radiogroup" aria-label={t('work.priority')}>
              {(Object.keys(PRIORITIES) as PriorityStep[]).map((p) => (
                <label key={p} className={`work-segment${draft.priority === p ? ' active' : ''}`}>
                  <input type="radio" name="work-priority" checked={draft.priority === p} onChange={() => update({ priority: p })} />
                  {t(`work.priorities.${p}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset className="field">
            <legend>{t('work.skills')}</legend>
            <div className="skill-grid">
              {skills.map((s) => {
                const level = draft.skills[s.id];
                return (
                  <div key={s.id} className="work-skill">
                    <label className="field-check">
                      <input
                        type="checkbox"
                        checked={level !== undefined}
                        onChange={(e) => {
                          const next = { ...draft.skills };
                          if (e.target.checked) next[s.id] = 1;
                          else delete next[s.id];
                          update({ skills: next });
                        }}
                      />
                      <span>{s.name}</span>
                    </label>
                    {level !== undefined && (
                      <select
                        aria-label={t('work.level', { skill: s.name })}
                        value={level}
                        onChange={(e) => update({ skills: { ...draft.skills, [s.id]: Number(e.target.value) } })}
                      >
                        {[1, 2, 3, 4, 5].map((l) => (
                          <option key={l} value={l}>
                            {t('work.levelValue', { level: l })}
                          </option>
                        ))}
                      </select>
                    )}
                  </div>
                );
              })}
            </div>
          </fieldset>
          <div className="field-row">
            {/* French dates whatever the browser's language (the board's DayField over the native picker). */}
            <div className="field">
              <span aria-hidden="true">{t('work.from')}</span>
              <DayField date={draft.earliestDate} label={t('work.from')} onChange={(day) => update({ earliestDate: day })} />
            </div>
            <div className={fieldClass('latestDate')}>
              <span aria-hidden="true">{t('work.due')}</span>
              <DayField
                date={draft.latestDate}
                label={t('work.due')}
                min={draft.earliestDate}
                invalid={!!message('latestDate')}
                onChange={(day) => update({ latestDate: day })}
              />
              {errorText('latestDate')}
            </div>
          </div>
          <fieldset className={fieldClass('windows')}>
            <legend>{t('work.windows')}</legend>
            {draft.windows.length === 0 && <small className="muted">{t('work.windowsHint')}</small>}
            {draft.windows.map((w, i) => (
              <div key={i} className={`work-window${message(`window${i}`) ? ' has-error' : ''}`}>
                <TimeField
                  label={t('work.windowStart', { n: i + 1 })}
                  value={w.start}
                  invalid={!!message(`window${i}`)}
                  onChange={(start) => update({ windows: draft.windows.map((x, j) => (j === i ? { ...x, start } : x)) })}
                />
                <span aria-hidden="true">–</span>
                <TimeField
                  label={t('work.windowEnd', { n: i + 1 })}
                  value={w.end}
                  invalid={!!message(`window${i}`)}
                  onChange={(end) => update({ windows: draft.windows.map((x, j) => (j === i ? { ...x, end } : x)) })}
                />
                <button type="button" className="link" onClick={() => update({ windows: draft.windows.filter((_, j) => j !== i) })}>
                  {t('work.removeWindow', { n: i + 1 })}
                </button>
                {errorText(`window${i}`)}
              </div>
            ))}
            {draft.windows.length < 2 && (
              <button
                type="button"
                className="button small"
                onClick={() =>
                  update({ windows: [...draft.windows, draft.windows.length === 0 ? { start: '08:00', end: '12:00' } : { start: '14:00', end: '18:00' }] })
                }
              >
                {t('work.addWindow')}
              </button>
            )}
            {errorText('windows')}
          </fieldset>
          <PartsField draft={draft} update={update} errorText={errorText} findParts={api.parts} />
        </section>
      </div>
      {failure && (
        <p className="field-error work-failure" role="alert">
          {failure}
        </p>
      )}
      <div className="work-actions">
        <button type="button" className="button" onClick={onCancel}>
          {t('work.cancel')}
        </button>
        <button type="submit" className="button primary" disabled={busy || !agencyId}>
          {busy ? t('work.saving') : t('work.save')}
        </button>
      </div>
    </form>
  );
}

/** The site's equipment the search matched, when it is exactly one: most likely the one the visit is for. */
function matchedEquipment(site: SiteHit | null): WorkDraft['equipment'] {
  const matched = site?.equipment.filter((e) => e.matched) ?? [];
  return matched.length === 1 ? { kind: 'existing', id: matched[0]!.id } : { kind: 'none' };
}

function formatMinutes(minutes: number, language: string): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  const hours = new Intl.NumberFormat(language, { style: 'unit', unit: 'hour', unitDisplay: 'short' }).format(h);
  return m ? `${hours} ${m} min` : hours;
}

type Update = (patch: Partial<WorkDraft>) => void;
type ErrorText = (field: DraftField, id?: string) => React.ReactNode;

function NewEquipmentFields({
  draft,
  update,
  errorText,
  fieldClass,
}: {
  draft: WorkDraft;
  update: Update;
  errorText: ErrorText;
  fieldClass: (f: DraftField) => string;
}) {
  const { t, i18n } = useTranslation();
  const eq = draft.equipment;
  if (eq.kind !== 'new') return null;
  return (
    <fieldset className="work-new">
      <legend className="sr-only">{t('work.newEquipment')}</legend>
      <div className="field-row">
        <label className={fieldClass('category')}>
          <span>{t('work.category')}</span>
          <select value={eq.category} onChange={(e) => update({ equipment: { ...eq, category: e.target.value } })}>
            {EQUIPMENT_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {categoryLabel(c, i18n.language)}
              </option>
            ))}
          </select>
          {errorText('category')}
        </label>
        <label className="field">
          <span>{t('work.brand')}</span>
          <input value={eq.brand} onChange={(e) => update({ equipment: { ...eq, brand: e.target.value } })} />
        </label>
      </div>
      <div className="field-row">
        <label className="field">
          <span>{t('work.model')}</span>
          <input value={eq.model} onChange={(e) => update({ equipment: { ...eq, model: e.target.value } })} />
        </label>
        <label className="field">
          <span>{t('work.serialNumber')}</span>
          <input value={eq.serialNumber} onChange={(e) => update({ equipment: { ...eq, serialNumber: e.target.value } })} />
        </label>
      </div>
    </fieldset>
  );
}

function PartsField({
  draft,
  update,
  errorText,
  findParts,
}: {
  draft: WorkDraft;
  update: Update;
  errorText: ErrorText;
  findParts: (q: string) => Promise<Part[]>;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const found = useLookup(text, findParts);
  const offered = found.results.filter((p) => !draft.parts.some((x) => x.partId === p.id));
  return (
    <fieldset className="field">
      <legend>{t('work.parts')}</legend>
      {draft.parts.length > 0 && (
        <ul className="work-parts">
          {draft.parts.map((p, i) => (
            <li key={p.partId}>
              <span>{p.label}</span>
              <input
                type="number"
                min={1}
                max={999}
                aria-label={t('work.partQuantity', { part: p.label })}
                value={Number.isFinite(p.quantity) ? p.quantity : ''}
                onChange={(e) => update({ parts: draft.parts.map((x, j) => (j === i ? { ...x, quantity: e.target.valueAsNumber } : x)) })}
              />
              <button type="button" className="link" onClick={() => update({ parts: draft.parts.filter((_, j) => j !== i) })}>
                {t('work.removePart', { part: p.label })}
              </button>
              {errorText(`part${i}`)}
            </li>
          ))}
        </ul>
      )}
      <input type="search" aria-label={t('work.partSearch')} placeholder={t('work.partPlaceholder')} value={text} onChange={(e) => setText(e.target.value)} />
      {offered.length > 0 && (
        <ul className="work-options" aria-label={t('work.partSearch')}>
          {offered.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                className="work-option"
                onClick={() => {
                  update({ parts: [...draft.parts, { partId: p.id, label: `${p.name} (${p.reference})`, quantity: 1 }] });
                  setText('');
                }}
              >
                <strong>{p.name}</strong> <span className="muted">{p.reference}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
