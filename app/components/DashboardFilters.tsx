// The filter bar of the mentor dashboards: a plain GET form, so it works without JavaScript and
// every filtered view has a URL to share.
import { Form, Link } from "@remix-run/react";

export interface Option {
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

/**
 * One labelled filter: a select of the options after a first "any" choice (`anyValue`, "" unless
 * said). The one way the filter bars (dashboards, review queue) offer a choice from a list.
 */
export function FilterSelect({ id, name, label, value, anyValue = "", anyLabel, options, className }: { id: string; name: string; label: string; value: string | undefined; anyValue?: string; anyLabel: string; options: Option[]; className?: string }) {
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? anyValue}>
        <option value={anyValue}>{anyLabel}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </div>
  );
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
      <FilterSelect className="field field-wide" id="f-cohort" name="cohort" label="Cohort" value={values.cohort} anyValue="all" anyLabel={allCohortsLabel} options={cohorts} />
      <FilterSelect className="field" id="f-domain" name="domain" label="Domain" value={values.domain} anyLabel="All domains" options={domains} />
      {programs.length ? (
        <>
          <FilterSelect className="field field-wide" id="f-program" name="program" label="Program" value={values.program} anyLabel="All work" options={programs} />
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
