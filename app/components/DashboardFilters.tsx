// The filter bar of the mentor dashboards: a plain GET form, so it works without JavaScript and
// every filtered view has a URL to share.
import { Form, Link } from "@remix-run/react";

interface Option {
  id: string;
  name: string;
}

interface ProgramOption extends Option {
  modules: { key: string; title: string }[];
}

export interface FilterValues {
  cohort?: string;
  domain?: string;
  program?: string;
  module?: string;
  from?: string;
  to?: string;
}

export function DashboardFilters({
  action,
  values,
  cohorts,
  domains,
  programs = [],
  allCohortsLabel = "All my cohorts",
  periodHint,
}: {
  action: string;
  values: FilterValues;
  cohorts: Option[];
  domains: Option[];
  /** With programs, the bar narrows to a program and one of its modules. */
  programs?: ProgramOption[];
  allCohortsLabel?: string;
  periodHint?: string;
}) {
  return (
    <Form method="get" action={action} className="card filter-bar" aria-label="Filters">
      <div className="field field-wide">
        <label htmlFor="f-cohort">Cohort</label>
        <select id="f-cohort" name="cohort" defaultValue={values.cohort ?? "all"}>
          <option value="all">{allCohortsLabel}</option>
          {cohorts.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-domain">Domain</label>
        <select id="f-domain" name="domain" defaultValue={values.domain ?? ""}>
          <option value="">All domains</option>
          {domains.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </div>
      {programs.length ? (
        <>
          <div className="field field-wide">
            <label htmlFor="f-program">Program</label>
            <select id="f-program" name="program" defaultValue={values.program ?? ""}>
              <option value="">All work</option>
              {programs.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field field-wide">
            <label htmlFor="f-module">Module</label>
            <select id="f-module" name="module" defaultValue={values.module ?? ""} aria-describedby="f-module-hint">
              <option value="">All modules</option>
              {programs.map((p) => (
                <optgroup key={p.id} label={p.name}>
                  {p.modules.map((m, i) => (
                    <option key={m.key} value={m.key}>
                      {i + 1}. {m.title}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
            <span id="f-module-hint" className="muted small">
              Pick the module’s program too.
            </span>
          </div>
        </>
      ) : null}
      <div className="field">
        <label htmlFor="f-from">From</label>
        <input id="f-from" type="date" name="from" defaultValue={values.from ?? ""} />
      </div>
      <div className="field">
        <label htmlFor="f-to">To</label>
        <input id="f-to" type="date" name="to" defaultValue={values.to ?? ""} />
      </div>
      <div className="actions">
        <button type="submit" className="btn btn-primary">
          Apply
        </button>
        <Link to={action} className="btn btn-quiet">
          Reset
        </Link>
      </div>
      {periodHint ? <p className="muted small">{periodHint}</p> : null}
    </Form>
  );
}
