// The static index of parameter modules. The server bundle cannot load TypeScript from content/
// at run time, so the packs' indexes are imported here and bundled with the app.
import data from "../../../content/data/params.index";
import finance from "../../../content/finance/params.index";
import legal from "../../../content/legal/params.index";
import software from "../../../content/software/params.index";
import type { ParamRegistry } from "./param-kit";

export const PARAM_REGISTRY: ParamRegistry = { data, finance, legal, software };
