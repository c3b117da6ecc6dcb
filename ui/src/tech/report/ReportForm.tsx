// The report, written on site (often with no network): work done, time
// spent, parts taken from the van, the configuration found on the equipment,
// photos compressed on the device, the customer's signature. Kept as a draft
// on the device while it is written; "close" records it in the outbox.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VisitSheet } from '@tournee/contracts/replication';
import { useTech, useTechController } from '../context.tsx';
import { categoryLabel, configKeyLabel } from '../equipment-labels.ts';
import { configValue } from '../format.ts';
import { useT } from '../i18n/index.ts';
import { localArrival, minutesBetween } from '../sync/local-view.ts';
import type { ReportDraft } from '../sync/types.ts';
import { compressPhoto, dataUrlKb } from './photo.ts';
import { SignaturePad } from './SignaturePad.tsx';

const SAVE_AFTER_MS = 400;

function emptyDraft(visit: VisitSheet, arrival: string | null): ReportDraft {
  return {
    interventionId: visit.id,
    workDone: '',
    timeSpentMinutes: minutesBetween(arrival, new Date()),
    partsUsed: [],
    configuration: {},
    photos: [],
    signedBy: visit.site.contactName ?? visit.customer.name,
    signature: null,
    updatedAt: new Date().toISOString(),
  };
}

export function ReportForm({ visit }: { visit: VisitSheet }) {
  const t = useT();
  const { i18n } = useTranslation();
  const controller = useTechController();
  const stored = useTech((s) => s.drafts[visit.id]);
  const queue = useTech((s) => s.queue);
  const stock = useTech((s) => s.portfolio?.stock);
  const [draft, setDraft] = useState<ReportDraft>(() => stored ?? emptyDraft(visit, localArrival(visit, queue)));
  const [error, setError] = useState<string | null>(null);
  const [compressing, setCompressing] = useState(0);
  const dirty = useRef(false);

  // Saved on the device shortly after each change, and when leaving the form.
  const latest = useRef(draft);
  latest.current = draft;
  useEffect(() => {
    if (!dirty.current) return;
    const timer = setTimeout(() => void controller.saveDraft(latest.current), SAVE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [draft, controller]);
  useEffect(
    () => () => {
      if (dirty.current) void controller.saveDraft(latest.current);
    },
    [controller],
  );

  const update = (patch: Partial<ReportDraft>) => {
    dirty.current = true;
    setDraft((d) => ({ ...d, ...patch, updatedAt: new Date().toISOString() }));
  };

  const vanLevel = new Map((stock?.van?.levels ?? []).map((l) => [l.partId, l.onHand]));
  const parts = [...(stock?.parts ?? [])].sort((a, b) => Number(vanLevel.has(b.id)) - Number(vanLevel.has(a.id)) || a.reference.localeCompare(b.reference));

  const addPhotos = async (files: FileList | null) => {
    for (const file of Array.from(files ?? [])) {
      setCompressing((n) => n + 1);
      try {
        const photo = await compressPhoto(file);
        dirty.current = true;
        setDraft((d) => ({
          ...d,
          photos: [...d.photos, { photoId: crypto.randomUUID(), takenAt: new Date(file.lastModified || Date.now()).toISOString(), ...photo }],
        }));
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      } finally {
        setCompressing((n) => n - 1);
      }
    }
  };

  const close = async () => {
    if (!draft.workDone.trim() || !draft.timeSpentMinutes || draft.timeSpentMinutes < 1) {
      setError(t('report.missing'));
      return;
    }
    setError(null);
    await controller.saveDraft(draft);
    dirty.current = false;
    await controller.complete(visit.id, t('work.labels.done'));
  };

  return (
    <form
      className="report"
      onSubmit={(e) => {
        e.preventDefault();
        void close();
      }}
      aria-label={t('report.title')}
    >
      <label className="field">
        <span>{t('report.workDone')}</span>
        <textarea name="workDone" rows={4} value={draft.workDone} onChange={(e) => update({ workDone: e.target.value })} />
      </label>
      <label className="field narrow">
        <span>{t('report.timeSpent')}</span>
        <input
          type="number"
          name="timeSpent"
          min={1}
          max={1440}
          inputMode="numeric"
          value={draft.timeSpentMinutes ?? ''}
          onChange={(e) => update({ timeSpentMinutes: e.target.value === '' ? null : Math.round(Number(e.target.value)) })}
        />
      </label>

      <fieldset>
        <legend>{t('report.parts')}</legend>
        {draft.partsUsed.map((p, i) => (
          <div className="row" key={i}>
            <select
              aria-label={t('report.part')}
              value={p.partId}
              onChange={(e) => update({ partsUsed: draft.partsUsed.map((x, j) => (j === i ? { ...x, partId: e.target.value } : x)) })}
            >
              <option value="">{t('report.choosePart')}</option>
              {parts.map((part) => (
                <option key={part.id} value={part.id}>
                  {part.reference} — {part.name}
                  {vanLevel.has(part.id) ? ` (${t('report.inVan', { count: vanLevel.get(part.id) })})` : ''}
                </option>
              ))}
            </select>
            <input
              type="number"
              aria-label={t('report.quantity')}
              min={1}
              max={1000}
              className="qty"
              value={p.quantity}
              onChange={(e) =>
                update({ partsUsed: draft.partsUsed.map((x, j) => (j === i ? { ...x, quantity: Math.max(0, Math.round(Number(e.target.value))) } : x)) })
              }
            />
            <button type="button" className="link" onClick={() => update({ partsUsed: draft.partsUsed.filter((_, j) => j !== i) })}>
              {t('report.remove')}
            </button>
          </div>
        ))}
        <button type="button" className="btn" onClick={() => update({ partsUsed: [...draft.partsUsed.filter((p) => p.partId), { partId: '', quantity: 1 }] })}>
          {t('report.addPart')}
        </button>
      </fieldset>

      {visit.equipment.length > 0 && (
        <fieldset>
          <legend>{t('report.configuration')}</legend>
          <p className="muted small">{t('report.configurationHint')}</p>
          {visit.equipment.map((e) => (
            <ConfigurationEditor
              key={e.id}
              label={[e.brand, e.model].filter(Boolean).join(' ') || categoryLabel(e.category, i18n.language)}
              current={{ ...e.asSold, ...e.asMaintained }}
              changes={draft.configuration[e.id] ?? {}}
              onChange={(changes) => update({ configuration: { ...draft.configuration, [e.id]: changes } })}
            />
          ))}
        </fieldset>
      )}

      <fieldset>
        <legend>{t('report.photos')}</legend>
        <div className="photos">
          {draft.photos.map((p) => (
            <figure key={p.photoId}>
              <img src={p.dataUrl} alt="" width={96} height={Math.round((96 * p.height) / p.width)} />
              <figcaption>
                {t('report.photoSize', { kb: dataUrlKb(p.dataUrl) })}{' '}
                <button type="button" className="link" onClick={() => update({ photos: draft.photos.filter((x) => x.photoId !== p.photoId) })}>
                  {t('report.remove')}
                </button>
              </figcaption>
            </figure>
          ))}
        </div>
        <label className="btn file">
          {compressing > 0 ? t('report.compressing') : t('report.addPhoto')}
          <input
            type="file"
            accept="image/*"
            capture="environment"
            multiple
            onChange={(e) => {
              void addPhotos(e.target.files);
              e.target.value = '';
            }}
          />
        </label>
      </fieldset>

      <fieldset>
        <legend>{t('report.signature')}</legend>
        <label className="field">
          <span>{t('report.signedBy')}</span>
          <input name="signedBy" value={draft.signedBy} onChange={(e) => update({ signedBy: e.target.value })} />
        </label>
        <SignaturePad value={draft.signature} onChange={(signature) => update({ signature })} />
      </fieldset>

      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="btn primary wide" disabled={compressing > 0}>
        {t('report.close')}
      </button>
    </form>
  );
}

/**
 * The equipment's settings with the values found on site: a changed value is
 * recorded, an emptied one removed (null), a new one added.
 */
function ConfigurationEditor({
  label,
  current,
  changes,
  onChange,
}: {
  label: string;
  current: Record<string, unknown>;
  changes: Readonly<Record<string, string | null>>;
  onChange: (changes: Record<string, string | null>) => void;
}) {
  const t = useT();
  const { i18n } = useTranslation();
  const [newKey, setNewKey] = useState('');
  const keys = [...new Set([...Object.keys(current), ...Object.keys(changes)])].sort();
  const set = (key: string, value: string) => {
    const next = { ...changes };
    const before = configValue(current[key]);
    if (value === before && key in current) delete next[key];
    else next[key] = value === '' ? null : value;
    onChange(next);
  };
  return (
    <div className="config-editor">
      <h4>{label}</h4>
      {keys.map((key) => (
        <label className="field inline" key={key}>
          <span>{configKeyLabel(key, i18n.language)}</span>
          <input name={`config.${key}`} value={key in changes ? (changes[key] ?? '') : configValue(current[key])} onChange={(e) => set(key, e.target.value)} />
        </label>
      ))}
      <div className="row">
        <input aria-label={t('report.newKey')} placeholder={t('report.newKey')} value={newKey} onChange={(e) => setNewKey(e.target.value)} />
        <button
          type="button"
          className="btn"
          disabled={!newKey.trim() || keys.includes(newKey.trim())}
          onClick={() => {
            onChange({ ...changes, [newKey.trim()]: '' });
            setNewKey('');
          }}
        >
          {t('report.addKey')}
        </button>
      </div>
    </div>
  );
}
