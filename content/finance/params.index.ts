// Parameter modules of this pack's parametric sources, by source id. content:check fails when a
// source declares `params:` and is missing here, or when an entry here has no source.
import type { PackParamIndex } from "~/domain/content/param-kit";
import boardKpiQ3 from "./sources/board-kpi-q3.params";

export default {
  "board-kpi-q3": boardKpiQ3,
} satisfies PackParamIndex;
