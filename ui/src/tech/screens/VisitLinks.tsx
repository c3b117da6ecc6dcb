// The two things a technician does with a visit before reading it: call the
// customer and drive there. On the tour's cards and on the visit sheet.
import type { VisitSheet } from '@tournee/contracts/replication';
import { useT } from '../i18n/index.ts';
import { addressLine, navigationLinks, telHref } from '../navigation.ts';

export function NavigateLinks({ visit }: { visit: VisitSheet }) {
  const t = useT();
  const place = visit.site.name || visit.customer.name;
  const links = navigationLinks(visit.site, place);
  if (links.length === 0) return null;
  return (
    <div className="navigate" role="group" aria-label={`${t('visit.navigate')} — ${addressLine(visit.site)}`} data-testid="navigate">
      <span className="navigate-label">{t('visit.navigate')}</span>
      {links.map((link) => (
        <a
          key={link.app}
          className={`btn small nav-${link.app}`}
          href={link.href}
          // The web fallbacks of Google Maps and Waze open beside the app, not instead of it.
          {...(link.app === 'geo' ? {} : { target: '_blank', rel: 'noreferrer' })}
          title={t('visit.navigateTitle', { place, app: t(`visit.navigateWith.${link.app}`) })}
          data-app={link.app}
        >
          {t(`visit.navigateWith.${link.app}`)}
        </a>
      ))}
    </div>
  );
}

/** The customer's number, then the on-site contact's when different. `compact`: the number alone (the tour's cards, where the name is the card's title). */
export function CallLinks({ visit, compact = false }: { visit: VisitSheet; compact?: boolean }) {
  const t = useT();
  const numbers: { who: string; phone: string }[] = [];
  if (visit.customer.phone) numbers.push({ who: visit.customer.name, phone: visit.customer.phone });
  if (visit.site.contactPhone && visit.site.contactPhone !== visit.customer.phone)
    numbers.push({ who: visit.site.contactName || t('visit.contact'), phone: visit.site.contactPhone });
  const callable = numbers.flatMap((n) => {
    const href = telHref(n.phone);
    return href ? [{ ...n, href }] : [];
  });
  if (callable.length === 0) return <p className="muted small">{t('visit.noPhone')}</p>;
  return (
    <div className="calls">
      {callable.map((n) => (
        <a key={n.href} className="btn small call" href={n.href} data-testid="call">
          <span aria-hidden="true">✆</span> {compact ? <span className="sr-only">{`${t('visit.call')} ${n.who}`}</span> : `${t('visit.call')} ${n.who} · `}
          {n.phone}
        </a>
      ))}
    </div>
  );
}
