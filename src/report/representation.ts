/**
 * The report's representation section: each group's share of the audited rows against a
 * reference population given by the user.
 */
import type { ReferenceKind } from "../data/reference.js";
import { representationCheck } from "../uncertainty/representation.js";
import type { GroupResult, RepresentationSection } from "./types.js";

const num = (v: number): number | null => (Number.isFinite(v) ? v : null);

/**
 * Compares each group's share of the rows with `reference` (shares or counts by group label,
 * see `representationCheck`): Wilson intervals, score tests with Holm's correction, under- and
 * over-representation flags; groups the reference does not name are reported, not dropped.
 * Cost O(groups log groups).
 *
 * @throws FairnessInputError on bad reference values (naming the group)
 */
export function representationSection(
  groups: readonly GroupResult[],
  reference: Readonly<Record<string, number>>,
  referenceKind: ReferenceKind,
  level: number,
): RepresentationSection {
  const counts = Object.fromEntries(groups.map((g) => [g.label, g.count]));
  const rows = representationCheck(counts, reference, { level, referenceKind });
  return {
    level,
    correction: "holm",
    referenceKind,
    groups: rows.map((r) => ({
      group: r.group,
      count: r.count,
      share: {
        value: num(r.share.estimate),
        interval: {
          lower: num(r.share.lower),
          upper: num(r.share.upper),
          level,
          method: r.share.method,
        },
      },
      referenceShare: num(r.referenceShare),
      ratio: num(r.ratio),
      pValue: num(r.pValue),
      adjustedPValue: num(r.adjustedPValue),
      underRepresented: r.underRepresented,
      overRepresented: r.overRepresented,
      notInReference: r.notInReference,
    })),
  };
}
