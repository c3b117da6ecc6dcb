// Stock as of the last synchronization (its time shown: offline it may be
// hours old), and requests for parts or a replacement machine, recorded in
// the outbox like any action.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DepotStock, PartInfo } from '@tournee/contracts/replication';
import { useTech, useTechController } from '../context.tsx';
import { formatDateTime } from '../format.ts';
import { useT } from '../i18n/index.ts';

export function Parts() {
  const t = useT();
  const { i18n } = useTranslation();
  const portfolio = useTech((s) => s.portfolio);
  const [search, setSearch] = useState('');
  if (!portfolio) return <p className="empty">{t('parts.neverSynced')}</p>;
  const { stock } = portfolio;
  const byId = new Map(stock.parts.map((p) => [p.id, p]));
  const q = search.trim().toLowerCase();
  const matches = (p: PartInfo | undefined) => !q || (p !== undefined && `${p.reference} ${p.name}`.toLowerCase().includes(q));
  return (
    <section className="parts">
      <p className="muted" data-testid="stock-as-of">
        {t('parts.asOf', { time: formatDateTime(portfolio.generatedAt, portfolio.technician.timezone, i18n.language) })}
      </p>
      <input
        className="search"
        type="search"
        placeholder={t('parts.search')}
        aria-label={t('parts.search')}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      {stock.van ? (
        <StockTable title={t('parts.van')} depot={stock.van} parts={byId} filter={matches} testId="van-stock" />
      ) : (
        <p className="muted">{t('parts.noVan')}</p>
      )}
      {stock.central.map((d) => (
        <StockTable key={d.depotId} title={t('parts.depot', { name: d.name })} depot={d} parts={byId} filter={matches} testId="depot-stock" />
      ))}
      <RequestForm />
      <Requests />
    </section>
  );
}

function StockTable({
  title,
  depot,
  parts,
  filter,
  testId,
}: {
  title: string;
  depot: DepotStock;
  parts: Map<string, PartInfo>;
  filter: (p: PartInfo | undefined) => boolean;
  testId: string;
}) {
  const t = useT();
  const rows = depot.levels
    .filter((l) => l.onHand !== 0 && filter(parts.get(l.partId)))
    .sort((a, b) => (parts.get(a.partId)?.reference ?? '').localeCompare(parts.get(b.partId)?.reference ?? ''));
  return (
    <section className="tech-card" data-testid={testId}>
      <h2>{title}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t('parts.empty')}</p>
      ) : (
        <table className="stock">
          <thead>
            <tr>
              <th>{t('parts.reference')}</th>
              <th>{t('parts.name')}</th>
              <th className="num">{t('parts.onHand')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((l) => (
              <tr key={l.partId} data-part-id={l.partId}>
                <td>{parts.get(l.partId)?.reference}</td>
                <td>{parts.get(l.partId)?.name}</td>
                <td className="num">{l.onHand}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function RequestForm() {
  const t = useT();
  const controller = useTechController();
  const portfolio = useTech((s) => s.portfolio)!;
  const [partId, setPartId] = useState('');
  const [quantity, setQuantity] = useState(1);
  const [what, setWhat] = useState<'part' | 'machine'>('part');
  const [interventionId, setInterventionId] = useState('');
  const [note, setNote] = useState('');
  const [sent, setSent] = useState(false);
  const open = portfolio.visits.filter((v) => !['done', 'closed', 'cancelled'].includes(v.status));
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!partId || quantity < 1) return;
    const part = portfolio.stock.parts.find((p) => p.id === partId);
    await controller.requestPart(
      { partId, quantity, what, interventionId: interventionId || undefined, note },
      `${t('work.labels.request')} : ${quantity} × ${part?.reference ?? ''} ${part?.name ?? ''}`,
    );
    setSent(true);
    setPartId('');
    setQuantity(1);
    setNote('');
  };
  return (
    <form className="tech-card request" onSubmit={submit}>
      <h2>{t('parts.requestTitle')}</h2>
      <label className="field">
        <span>{t('parts.what')}</span>
        <select name="what" value={what} onChange={(e) => setWhat(e.target.value as 'part' | 'machine')}>
          <option value="part">{t('parts.whatPart')}</option>
          <option value="machine">{t('parts.whatMachine')}</option>
        </select>
      </label>
      <label className="field">
        <span>{t('report.part')}</span>
        <select
          name="partId"
          required
          value={partId}
          onChange={(e) => {
            setPartId(e.target.value);
            setSent(false);
          }}
        >
          <option value="">{t('report.choosePart')}</option>
          {portfolio.stock.parts.map((p) => (
            <option key={p.id} value={p.id}>
              {p.reference} — {p.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field narrow">
        <span>{t('report.quantity')}</span>
        <input type="number" name="quantity" min={1} max={100} value={quantity} onChange={(e) => setQuantity(Math.round(Number(e.target.value)))} />
      </label>
      <label className="field">
        <span>{t('parts.forVisit')}</span>
        <select name="interventionId" value={interventionId} onChange={(e) => setInterventionId(e.target.value)}>
          <option value="">{t('parts.noVisit')}</option>
          {open.map((v) => (
            <option key={v.id} value={v.id}>
              {v.customer.name} — {v.site.city}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('parts.note')}</span>
        <input name="note" value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      {sent && (
        <p className="ok" role="status">
          {t('parts.sent')}
        </p>
      )}
      <button type="submit" className="btn primary wide" disabled={!partId}>
        {t('parts.send')}
      </button>
    </form>
  );
}

function Requests() {
  const t = useT();
  const { i18n } = useTranslation();
  const portfolio = useTech((s) => s.portfolio)!;
  const queue = useTech((s) => s.queue);
  const byId = new Map(portfolio.stock.parts.map((p) => [p.id, p]));
  const waiting = queue.filter((q) => q.action.kind === 'request_part' && q.state === 'pending');
  const known = new Set(portfolio.requests.map((r) => r.id));
  return (
    <section className="tech-card">
      <h2>{t('parts.myRequests')}</h2>
      {portfolio.requests.length === 0 && waiting.length === 0 && <p className="muted">{t('parts.noRequests')}</p>}
      <ul className="requests" data-testid="requests">
        {waiting.map(
          (q) =>
            q.action.kind === 'request_part' &&
            !known.has(q.action.requestId) && (
              <li key={q.seq}>
                {q.action.quantity} × {byId.get(q.action.partId)?.reference} — <span className="chip waiting">{t('parts.requestStatus.pending')}</span>
              </li>
            ),
        )}
        {portfolio.requests.map((r) => (
          <li key={r.id}>
            {r.quantity} × {byId.get(r.partId)?.reference} {byId.get(r.partId)?.name} —{' '}
            <span className={`chip request-${r.status}`}>{t(`parts.requestStatus.${r.status}`)}</span>
            <small className="muted"> {formatDateTime(r.createdAt, portfolio.technician.timezone, i18n.language)}</small>
          </li>
        ))}
      </ul>
    </section>
  );
}
