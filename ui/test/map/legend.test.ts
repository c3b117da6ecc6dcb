// The map's legend (issue 12: "agency markers are missing from the legend;
// one grey means both 'Demandée' and 'Hors service'"): every mark the map
// draws has an entry, in the map's own colours, and no two meanings share a colour.
import { describe, expect, it } from 'vitest';
import { INTERVENTION_STATUSES } from '@tournee/contracts/lifecycle';
import { ACTIVITY_COLORS, AGENCY_MARKER, STATUS_COLORS, URGENT_RING } from '../../src/board/colors.ts';
import { fr } from '../../src/i18n/fr.ts';
import { MAP_ACTIVITIES, MAP_STATUSES, mapLegend } from '../../src/map/legend.ts';

const rgb = (hex: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
const distance = (a: string, b: string): number => Math.hypot(...rgb(a).map((v, i) => v - rgb(b)[i]!));
const lookup = (key: string): unknown => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], fr);

describe('map legend', () => {
  const sections = mapLegend();
  const entries = sections.flatMap((s) => s.entries);

  it('lists every visit status, the urgent ring, clusters, every technician activity, agencies, tours and sectors', () => {
    expect([...MAP_STATUSES].sort()).toEqual([...INTERVENTION_STATUSES].sort());
    for (const status of INTERVENTION_STATUSES)
      expect(entries).toContainEqual({ label: `status.${status}`, swatch: { kind: 'dot', fill: STATUS_COLORS[status] } });
    for (const activity of MAP_ACTIVITIES)
      expect(entries).toContainEqual({ label: `activity.${activity}`, swatch: { kind: 'dot', fill: ACTIVITY_COLORS[activity] } });
    expect(entries).toContainEqual({ label: 'map.urgent', swatch: { kind: 'ring', fill: '#ffffff', ring: URGENT_RING } });
    expect(entries).toContainEqual({ label: 'map.legendAgency', swatch: { kind: 'ring', fill: AGENCY_MARKER.fill, ring: AGENCY_MARKER.ring } });
    expect(entries.map((e) => e.swatch.kind)).toEqual(expect.arrayContaining(['cluster', 'line', 'area']));
  });

  it('has French words for every heading and entry', () => {
    for (const key of [...sections.map((s) => s.title), ...entries.map((e) => e.label)]) expect(typeof lookup(key), key).toBe('string');
    expect(lookup('status.requested')).toBe('Demandée');
    expect(lookup('activity.off')).toBe('Hors service');
  });

  it('gives each status and each activity a colour of its own, far from every other', () => {
    const colours = [
      ...INTERVENTION_STATUSES.map((s) => [`status ${s}`, STATUS_COLORS[s]] as const),
      ...MAP_ACTIVITIES.map((a) => [`activity ${a}`, ACTIVITY_COLORS[a]] as const),
    ];
    for (const [i, [name, colour]] of colours.entries()) {
      for (const [other, otherColour] of colours.slice(i + 1)) {
        // 50 in RGB space: two dots side by side are told apart at a glance (the old grey pair was 0 apart).
        expect(distance(colour, otherColour), `${name} ${colour} vs ${other} ${otherColour}`).toBeGreaterThan(50);
      }
    }
    expect(STATUS_COLORS.requested).not.toBe(ACTIVITY_COLORS.off);
  });
});
