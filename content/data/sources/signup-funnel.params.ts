// Parameters of the weekly funnel: which funnel (its three event names and the team that reads
// it), the events table, the reported week (always a Monday) and the conversion window. The week
// bounds, the Sunday the flawed bound cuts off and the doubled window are computed here.
import { defineParams } from "~/domain/content/param-kit";

export default defineParams({
  draw(k) {
    const [kind, team, e1, e2, e3, who] = k.pick([
      ["signup", "marketing team", "landing_view", "signup_started", "signup_completed", "opened the signup form again"],
      ["trial", "growth team", "pricing_view", "trial_started", "trial_activated", "started a second trial"],
      ["checkout", "e-commerce team", "product_view", "checkout_started", "checkout_completed", "went back to the checkout"],
      ["demo request", "sales team", "demo_page_view", "demo_form_started", "demo_form_submitted", "opened the form again"],
    ]);
    const table = k.pick(["events", "web_events", "tracking_events"]);
    // a Monday: 2023-01-02 was one
    const monday = k.addDays("2023-01-02", 7 * k.int(0, 200));
    const win = k.pick([3, 7, 14]);
    const sunday = k.addDays(monday, 6);
    const an = (e: string) => (/^[aeiou]/.test(e) ? `an ${e}` : `a ${e}`);
    return {
      a_e1: an(e1), a_e2: an(e2),
      kind, team, e1, e2, e3, who, table,
      mon: monday,
      next_mon: k.addDays(monday, 7),
      sun: sunday,
      sun_long: k.formatDate(sunday, "long"),
      win, win2: win * 2,
    };
  },
  relations: {
    "the week is seven days": (p) => p.mon < p.sun && p.sun < p.next_mon,
  },
});
