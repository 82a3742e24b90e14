// The program editor's form: one fieldset per module plus an empty one to add a module.
// Works without JavaScript; fields are named m<i>.<field> (see rawProgramFromForm).
import { Form } from "@remix-run/react";
import type { RawProgram } from "~/domain/programs/program";

interface Props {
  values: RawProgram;
  errors: Record<string, string>;
  domains: { id: string; name: string; categories: string[] }[];
  submitLabel: string;
}

const err = (errors: Record<string, string>, key: string) => (errors[key] ? <div className="field-error" id={`e-${key}`}>{errors[key]}</div> : null);

export function ProgramEditor({ values, errors, domains, submitLabel }: Props) {
  const modules = [...values.modules, {} as RawProgram["modules"][number]];
  return (
    <Form method="post" noValidate className="program-editor">
      <input type="hidden" name="intent" value="save" />
      {errors.form ? <div className="form-error">{errors.form}</div> : null}
      <label htmlFor="p-name">Program name</label>
      <input id="p-name" name="name" type="text" defaultValue={values.name ?? ""} aria-invalid={errors.name ? true : undefined} />
      {err(errors, "name")}
      <label htmlFor="p-desc">Description (shown to trainees)</label>
      <textarea id="p-desc" name="description" rows={2} defaultValue={values.description ?? ""} />
      {err(errors, "modules")}
      {modules.map((m, i) => {
        const isNew = i === values.modules.length;
        const f = (field: string) => `m${i}.${field}`;
        const e = (field: string) => err(errors, `modules.${i}.${field}`);
        return (
          <fieldset key={m.key ?? `new-${i}`} className="card module-fieldset" data-testid={`module-${i}`}>
            <legend>{isNew ? (values.modules.length ? "Add a module" : "First module") : `Module ${i + 1}`}</legend>
            <input type="hidden" name={f("key")} value={m.key ?? ""} />
            <div className="grid-2">
              <div>
                <label htmlFor={f("title")}>Title</label>
                <input id={f("title")} name={f("title")} type="text" defaultValue={m.title ?? ""} placeholder="e.g. SQL review basics" />
                {e("title")}
              </div>
              <div>
                <span className="label">Domains</span>
                <div className="row wrap">
                  {domains.map((d) => (
                    <label key={d.id} className="inline">
                      <input type="checkbox" name={f("domains")} value={d.id} defaultChecked={m.domains?.includes(d.id)} /> {d.name}
                    </label>
                  ))}
                </div>
                {e("domains")}
              </div>
            </div>
            <label htmlFor={f("focus")}>Focus categories (optional, comma-separated ids)</label>
            <input id={f("focus")} name={f("focus")} type="text" defaultValue={m.focus ?? ""} placeholder="e.g. cap-removed, drift-from-brief" list="category-ids" />
            {e("focus")}
            <div className="grid-4">
              <div>
                <label htmlFor={f("difficultyMin")}>Lowest difficulty</label>
                <input id={f("difficultyMin")} name={f("difficultyMin")} type="number" min={1} max={5} defaultValue={m.difficultyMin ?? "1"} />
                {e("difficultyMin")}
              </div>
              <div>
                <label htmlFor={f("difficultyMax")}>Highest difficulty</label>
                <input id={f("difficultyMax")} name={f("difficultyMax")} type="number" min={1} max={5} defaultValue={m.difficultyMax ?? "3"} />
                {e("difficultyMax")}
              </div>
              <div>
                <label htmlFor={f("drafts")}>Number of drafts</label>
                <input id={f("drafts")} name={f("drafts")} type="number" min={1} defaultValue={m.drafts ?? "5"} />
                {e("drafts")}
              </div>
              <div>
                <label htmlFor={f("dueDays")}>Due (days after start)</label>
                <input id={f("dueDays")} name={f("dueDays")} type="number" min={0} defaultValue={m.dueDays ?? ""} />
                {e("dueDays")}
              </div>
            </div>
            <div className="grid-4">
              <div>
                <label htmlFor={f("minMeanScore")}>Pass: mean score ≥</label>
                <input id={f("minMeanScore")} name={f("minMeanScore")} type="number" min={0} max={100} defaultValue={m.minMeanScore ?? "70"} />
                {e("minMeanScore")}
              </div>
              <div>
                <label htmlFor={f("lastN")}>over the last … drafts</label>
                <input id={f("lastN")} name={f("lastN")} type="number" min={1} defaultValue={m.lastN ?? ""} placeholder="all" />
                {e("lastN")}
              </div>
              <div>
                <label htmlFor={f("minHitRate")}>and hit rate ≥ (%) per focus category</label>
                <input id={f("minHitRate")} name={f("minHitRate")} type="number" min={0} max={100} defaultValue={m.minHitRate ?? ""} />
                {e("minHitRate")}
              </div>
              <div>
                <span className="label">Sign-off</span>
                <label className="inline">
                  <input type="checkbox" name={f("signOff")} defaultChecked={m.signOff} /> a mentor signs off
                </label>
              </div>
            </div>
            <label htmlFor={f("assigned")}>Assigned drafts (optional: draft ids, the same for the whole cohort, served first)</label>
            <input id={f("assigned")} name={f("assigned")} type="text" defaultValue={m.assigned ?? ""} />
            {e("assigned")}
            {!isNew ? (
              <label className="inline muted small">
                <input type="checkbox" name={f("remove")} /> remove this module (refused when trainees have progress in it)
              </label>
            ) : null}
          </fieldset>
        );
      })}
      <datalist id="category-ids">
        {domains.flatMap((d) => d.categories.map((c) => <option key={`${d.id}/${c}`} value={c}>{d.name}</option>))}
      </datalist>
      <p>
        <button type="submit" className="btn btn-primary">
          {submitLabel}
        </button>
      </p>
    </Form>
  );
}
