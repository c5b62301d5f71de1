/** Small hand-made inputs shared by the report tests. */
import type { FairnessInput } from "../../src/data/inputTypes.js";

/**
 * Two groups: a (6 rows) and b (4 rows).
 * a: labels 1 1 1 0 0 0, predictions 1 1 0 1 0 0 → TPR 2/3, FPR 1/3, selection 3/6
 * b: labels 1 1 0 0,     predictions 1 0 0 0     → TPR 1/2, FPR 0,   selection 1/4
 */
export const twoGroups: FairnessInput = {
  yTrue: [1, 1, 1, 0, 0, 0, 1, 1, 0, 0],
  yPred: [1, 1, 0, 1, 0, 0, 1, 0, 0, 0],
  sensitiveFeatures: ["a", "a", "a", "a", "a", "a", "b", "b", "b", "b"],
};

/** The same rows with scores (predictions are score >= 0.5) and hostile group names. */
export const hostile: FairnessInput = {
  yTrue: [1, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0],
  yScore: [0.9, 0.8, 0.3, 0.6, 0.2, 0.1, 0.7, 0.4, 0.3, 0.2, 0.55, 0.45],
  sensitiveFeatures: {
    "<b>feature</b>": [
      "<img src=x onerror=alert(1)>",
      "<img src=x onerror=alert(1)>",
      "<img src=x onerror=alert(1)>",
      "<img src=x onerror=alert(1)>",
      "<img src=x onerror=alert(1)>",
      "<img src=x onerror=alert(1)>",
      'a|b & "c" 漢字',
      'a|b & "c" 漢字',
      'a|b & "c" 漢字',
      'a|b & "c" 漢字',
      "__proto__",
      "__proto__",
    ],
  },
};
