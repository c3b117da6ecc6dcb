// Accounting exports (issue 13), a tab of Quotes & invoices, for admins: the
// company's chart of accounts (what each kind of posting is called in its
// accounting package; empty = the default chart's account) and the month's
// journal as CSV in the package's layout — Sage, EBP, Cegid, generic — or
// with the columns chosen one by one. The download goes through fetch with
// the session's token, so a refusal (an unmapped account) is shown here
// rather than saved as a file.
import type { AccountingMapping, AccountingMappingInput } from '@tournee/contracts/back-office';
import {
  DATE_FORMATS,
  ENCODINGS,
  JOURNAL_COLUMNS,
  JOURNAL_PRESET_LAYOUTS,
  JOURNAL_PRESETS,
  type JournalColumn,
  type JournalLayoutSettings as JournalLayout,
  type JournalPreset,
} from '@tournee/contracts/back-office/journal-layouts';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createCallApi, routeUrl } from '../../api/client.ts';
import { useBoard } from '../../state/context.tsx';
import { formatEuros } from '../billing/format.ts';
import { errorMessage, fieldErrors, useBackOfficeHttp } from '../shared/client.ts';
import { todayDay } from '../billing/format.ts';
import { mappingKeyLabel, type Translate } from './labels.ts';
import './accounting-exports.css';

type Line = AccountingMapping['lines'][number];
type Edited = Record<string, { account: string; label: string }>;
const GROUPS: readonly Line['group'][] = ['sales', 'vat', 'customers', 'bank', 'stock'];

export function AccountingExports() {
  const { t } = useTranslation();
  const role = useBoard((s) => s.session?.user.role);
  if (role !== 'admin') return <p className="muted">{t('accountingExport.adminOnly')}</p>;
  return (
    <div className="bo-accounting-exports">
      <JournalDownload />
      <ChartOfAccounts />
    </div>
  );
}

function ChartOfAccounts() {
  const { t, i18n } = useTranslation();
  const tr = t as unknown as Translate;
  const http = useBackOfficeHttp();
  const call = useMemo(() => createCallApi(http), [http]);
  const [mapping, setMapping] = useState<AccountingMapping | null>(null);
  const [edited, setEdited] = useState<Edited>({});
  const [prefix, setPrefix] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const load = (m: AccountingMapping) => {
    setMapping(m);
    setPrefix(m.customerAuxPrefix);
    setEdited(Object.fromEntries(m.lines.filter((l) => l.custom).map((l) => [l.key, { account: l.custom!.account, label: l.custom!.label }])));
  };
  useEffect(() => {
    let live = true;
    call('GET /api/accounting/mapping')
      .then((m) => live && load(m))
      .catch((e: unknown) => live && setMessage({ ok: false, text: errorMessage(e) }));
    return () => {
      live = false;
    };
  }, [call]);

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!mapping) return;
    const body: AccountingMappingInput = { customerAuxPrefix: prefix.trim().toUpperCase(), mapping: {} };
    for (const line of mapping.lines) {
      const v = edited[line.key];
      if (v && v.account.trim())
        body.mapping[line.key] = { account: v.account.trim().toUpperCase(), label: v.label.trim() || (line.defaultAccount?.label ?? v.account) };
    }
    setErrors({});
    setMessage(null);
    try {
      load(await call('PUT /api/accounting/mapping', { body }));
      setMessage({ ok: true, text: t('accountingExport.mapping.saved') });
    } catch (error) {
      setErrors(fieldErrors(error));
      setMessage({ ok: false, text: errorMessage(error) });
    }
  };

  const set = (key: string, field: 'account' | 'label', value: string) =>
    setEdited((all) => ({ ...all, [key]: { account: all[key]?.account ?? '', label: all[key]?.label ?? '', [field]: value } }));

  return (
    <form className="bo-card chart-of-accounts" onSubmit={(e) => void save(e)} aria-labelledby="chart-title">
      <h2 id="chart-title">{t('accountingExport.mapping.title')}</h2>
      <p className="muted">{t('accountingExport.mapping.intro')}</p>
      <label className="field inline">
        <span>{t('accountingExport.mapping.auxPrefix')}</span>
        <input
          value={prefix}
          maxLength={8}
          onChange={(e) => setPrefix(e.target.value)}
          aria-describedby="aux-hint"
          aria-invalid={Boolean(errors.customerAuxPrefix)}
        />
      </label>
      <p className="muted" id="aux-hint">
        {errors.customerAuxPrefix ?? t('accountingExport.mapping.auxHint')}
      </p>
      {mapping && (
        <table className="bo-table chart-table">
          <thead>
            <tr>
              <th scope="col">{t('accountingExport.mapping.item')}</th>
              <th scope="col">{t('accountingExport.mapping.defaultAccount')}</th>
              <th scope="col">{t('accountingExport.mapping.account')}</th>
              <th scope="col">{t('accountingExport.mapping.label')}</th>
            </tr>
          </thead>
          {GROUPS.map((group) => (
            <tbody key={group}>
              <tr className="group">
                <th scope="rowgroup" colSpan={4}>
                  {t(`accountingExport.mapping.group.${group}`)}
                </th>
              </tr>
              {mapping.lines
                .filter((l) => l.group === group)
                .map((l) => {
                  const name = mappingKeyLabel(l.key, tr, i18n.language);
                  const error = errors[`mapping.${l.key}.account`] ?? errors[`mapping.${l.key}`];
                  const value = edited[l.key];
                  return (
                    <tr key={l.key} data-key={l.key}>
                      <th scope="row">
                        {name}
                        {l.unmapped && !value?.account && <span className="chip warn">{t('accountingExport.mapping.unmapped')}</span>}
                      </th>
                      <td className="muted">
                        {l.defaultAccount ? `${l.defaultAccount.account} ${l.defaultAccount.label}` : t('accountingExport.mapping.none')}
                      </td>
                      <td>
                        <input
                          aria-label={`${t('accountingExport.mapping.account')} — ${name}`}
                          value={value?.account ?? ''}
                          placeholder={l.defaultAccount?.account ?? ''}
                          inputMode="text"
                          maxLength={20}
                          onChange={(e) => set(l.key, 'account', e.target.value)}
                          aria-invalid={Boolean(error)}
                        />
                        {error && <span className="field-error">{error}</span>}
                      </td>
                      <td>
                        <input
                          aria-label={`${t('accountingExport.mapping.label')} — ${name}`}
                          value={value?.label ?? ''}
                          placeholder={l.defaultAccount?.label ?? ''}
                          maxLength={100}
                          onChange={(e) => set(l.key, 'label', e.target.value)}
                        />
                      </td>
                    </tr>
                  );
                })}
            </tbody>
          ))}
        </table>
      )}
      {message && (
        <p className={message.ok ? 'ok' : 'form-error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      <button type="submit" className="primary" disabled={!mapping}>
        {t('accountingExport.mapping.save')}
      </button>
    </form>
  );
}

function JournalDownload() {
  const { t, i18n } = useTranslation();
  const tr = t as unknown as Translate;
  const token = useBoard((s) => s.session?.token ?? null);
  const [month, setMonth] = useState(() => todayDay().slice(0, 7));
  const [preset, setPreset] = useState<JournalPreset>('sage');
  const [custom, setCustom] = useState(false);
  const [layout, setLayout] = useState<JournalLayout>(JOURNAL_PRESET_LAYOUTS.sage);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const choosePreset = (p: JournalPreset) => {
    setPreset(p);
    setLayout(JOURNAL_PRESET_LAYOUTS[p]);
    setMessage(null);
  };
  const toggle = (c: JournalColumn) => setLayout((l) => ({ ...l, columns: l.columns.includes(c) ? l.columns.filter((x) => x !== c) : [...l.columns, c] }));
  const move = (c: JournalColumn, by: -1 | 1) =>
    setLayout((l) => {
      const columns = [...l.columns];
      const i = columns.indexOf(c);
      const j = i + by;
      if (i < 0 || j < 0 || j >= columns.length) return l;
      [columns[i], columns[j]] = [columns[j]!, columns[i]!];
      return { ...l, columns };
    });

  const download = async () => {
    if (!/^\d{4}-\d{2}$/.test(month) || layout.columns.length === 0) return;
    setBusy(true);
    setMessage(null);
    const query = custom
      ? {
          month,
          preset,
          columns: layout.columns.join(','),
          separator: layout.separator,
          decimal: layout.decimal,
          dateFormat: layout.dateFormat,
          header: String(layout.header) as 'true' | 'false',
          encoding: layout.encoding,
        }
      : { month, preset };
    try {
      const res = await fetch(routeUrl('GET /api/accounting/journal-export', { query } as never), {
        headers: token ? { authorization: `Bearer ${token}` } : {},
        credentials: 'same-origin',
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => ({}))) as { error?: string; reason?: string; details?: { path: string }[] };
        const paths = (body.details ?? []).map((d) => d.path);
        if (body.reason === 'unmapped_accounts')
          setMessage({
            ok: false,
            text: t('accountingExport.journal.unmapped', {
              keys: paths.map((p) => mappingKeyLabel(p.replace(/^mapping\./, ''), tr, i18n.language)).join(', '),
            }),
          });
        else if (body.reason === 'unbalanced_entry') setMessage({ ok: false, text: t('accountingExport.journal.unbalanced', { entries: paths.join(', ') }) });
        else setMessage({ ok: false, text: t('accountingExport.journal.failed', { message: body.error ?? res.statusText }) });
        return;
      }
      const blob = await res.blob();
      const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `journal-${month}.csv`;
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setMessage({
        ok: true,
        text: t('accountingExport.journal.done', {
          lines: Number(res.headers.get('x-journal-lines') ?? 0).toLocaleString(i18n.language),
          entries: Number(res.headers.get('x-journal-entries') ?? 0).toLocaleString(i18n.language),
          total: formatEuros(Number(res.headers.get('x-journal-debit') ?? 0), i18n.language),
        }),
      });
    } catch (error) {
      setMessage({ ok: false, text: t('accountingExport.journal.failed', { message: errorMessage(error) }) });
    } finally {
      setBusy(false);
    }
  };

  const others = JOURNAL_COLUMNS.filter((c) => !layout.columns.includes(c));
  return (
    <section className="bo-card journal-download" aria-labelledby="journal-title">
      <h2 id="journal-title">{t('accountingExport.journal.title')}</h2>
      <div className="bo-toolbar">
        <label className="field inline">
          <span>{t('accountingExport.journal.month')}</span>
          <input type="month" value={month} onChange={(e) => setMonth(e.target.value)} />
        </label>
        <fieldset className="presets">
          <legend>{t('accountingExport.journal.preset')}</legend>
          {JOURNAL_PRESETS.map((p) => (
            <label key={p} className="radio">
              <input type="radio" name="preset" value={p} checked={preset === p} onChange={() => choosePreset(p)} />
              {t(`accountingExport.presetName.${p}`)}
            </label>
          ))}
        </fieldset>
      </div>
      <p className="muted preset-note">{t(`accountingExport.presetNote.${preset}`)}</p>
      <label className="check">
        <input type="checkbox" checked={custom} onChange={(e) => setCustom(e.target.checked)} />
        {t('accountingExport.journal.custom')}
      </label>
      {custom && (
        <div className="custom-layout">
          <fieldset>
            <legend>{t('accountingExport.journal.columns')}</legend>
            <ol className="column-order">
              {layout.columns.map((c, i) => (
                <li key={c}>
                  <label className="check">
                    <input type="checkbox" checked onChange={() => toggle(c)} />
                    {t(`accountingExport.column.${c}`)}
                  </label>
                  <button
                    type="button"
                    className="icon"
                    onClick={() => move(c, -1)}
                    disabled={i === 0}
                    aria-label={`${t('accountingExport.journal.up')} ${t(`accountingExport.column.${c}`)}`}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="icon"
                    onClick={() => move(c, 1)}
                    disabled={i === layout.columns.length - 1}
                    aria-label={`${t('accountingExport.journal.down')} ${t(`accountingExport.column.${c}`)}`}
                  >
                    ↓
                  </button>
                </li>
              ))}
              {others.map((c) => (
                <li key={c} className="off">
                  <label className="check">
                    <input type="checkbox" checked={false} onChange={() => toggle(c)} />
                    {t(`accountingExport.column.${c}`)}
                  </label>
                </li>
              ))}
            </ol>
          </fieldset>
          <div className="layout-options">
            <label className="field">
              <span>{t('accountingExport.journal.separator')}</span>
              <select value={layout.separator} onChange={(e) => setLayout((l) => ({ ...l, separator: e.target.value as JournalLayout['separator'] }))}>
                {(['semicolon', 'comma', 'tab', 'pipe'] as const).map((s) => (
                  <option key={s} value={s}>
                    {t(`accountingExport.separatorName.${s}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>{t('accountingExport.journal.decimal')}</span>
              <select value={layout.decimal} onChange={(e) => setLayout((l) => ({ ...l, decimal: e.target.value as JournalLayout['decimal'] }))}>
                {(['comma', 'point'] as const).map((d) => (
                  <option key={d} value={d}>
                    {t(`accountingExport.decimalName.${d}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>{t('accountingExport.journal.dateFormat')}</span>
              <select value={layout.dateFormat} onChange={(e) => setLayout((l) => ({ ...l, dateFormat: e.target.value as JournalLayout['dateFormat'] }))}>
                {DATE_FORMATS.map((d) => (
                  <option key={d} value={d}>
                    {d.replace(/D/g, 'J').replace(/Y/g, 'A')}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>{t('accountingExport.journal.encoding')}</span>
              <select value={layout.encoding} onChange={(e) => setLayout((l) => ({ ...l, encoding: e.target.value as JournalLayout['encoding'] }))}>
                {ENCODINGS.map((enc) => (
                  <option key={enc} value={enc}>
                    {t(`accountingExport.encodingName.${enc}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="check">
              <input type="checkbox" checked={layout.header} onChange={(e) => setLayout((l) => ({ ...l, header: e.target.checked }))} />
              {t('accountingExport.journal.header')}
            </label>
          </div>
        </div>
      )}
      {message && (
        <p className={message.ok ? 'ok' : 'form-error'} role={message.ok ? 'status' : 'alert'} data-testid="journal-message">
          {message.text}
        </p>
      )}
      <button type="button" className="primary" onClick={() => void download()} disabled={busy || layout.columns.length === 0}>
        {busy ? t('accountingExport.journal.downloading') : t('accountingExport.journal.download')}
      </button>
    </section>
  );
}
