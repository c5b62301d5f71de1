/**
 * Which groups are privileged: AIF360's `privileged_groups` (a list of conditions, OR-ed; the
 * features named in one condition are AND-ed), resolved against fairscope's group index.
 */
import type { GroupIndex, Level } from "../data/columns.js";
import { FairnessInputError } from "../data/errors.js";
import type { GroupSelector } from "../data/selector.js";

function matches(groups: GroupIndex, key: readonly Level[], selector: GroupSelector): boolean {
  if (Array.isArray(selector)) {
    return selector.length === key.length && selector.every((level, i) => level === key[i]);
  }
  if (selector !== null && typeof selector === "object") {
    const record = selector as Readonly<Record<string, Level>>;
    return Object.entries(record).every(([name, level]) => {
      const f = groups.featureNames.indexOf(name);
      return f !== -1 && key[f] === level;
    });
  }
  return key.length === 1 && key[0] === selector;
}

/**
 * 1 for each group code matched by any selector. Throws when a selector matches no group, or
 * when every group (or none) is privileged.
 */
export function privilegedCodes(
  groups: GroupIndex,
  present: readonly boolean[],
  selectors: readonly GroupSelector[],
  fn: string,
): Uint8Array {
  const out = new Uint8Array(groups.keys.length);
  selectors.forEach((selector, s) => {
    let any = false;
    groups.keys.forEach((key, g) => {
      if (present[g] && matches(groups, key, selector)) {
        out[g] = 1;
        any = true;
      }
    });
    if (!any) {
      throw new FairnessInputError([
        {
          code: "unknown_group",
          path: ["privilegedGroups", s],
          message: `${fn}: ${JSON.stringify(selector)} matches no group with rows`,
        },
      ]);
    }
  });
  const privileged = out.reduce((a, b, g) => a + (present[g] && b ? 1 : 0), 0);
  const total = present.filter(Boolean).length;
  if (privileged === total) {
    throw new FairnessInputError([
      {
        code: "invalid_option",
        path: ["privilegedGroups"],
        message: `${fn}: every group is privileged; at least one group must be unprivileged`,
      },
    ]);
  }
  return out;
}
