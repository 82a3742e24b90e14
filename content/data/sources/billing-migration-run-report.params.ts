// Parameters of the agent's migration run report: the run's date, times and database, and every
// figure in it. The legacy counts are drawn; the orphans split into invoices without a customer id
// and invoices of deleted customers; the INSERT tags, the verification table and the sequence
// values (max ids, above the counts because of gaps) are all computed from them, so the report
// foots in every instantiation.
import { defineParams } from "~/domain/content/param-kit";

const sp = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, " ");

export default defineParams({
  draw(k) {
    const customers = k.int(3_000, 19_000);
    const noCustomer = k.int(2, 9);
    const deleted = k.int(4, 19);
    const orphans = noCustomer + deleted;
    const invoices = k.int(customers * 3, customers * 6);
    const payments = k.int(Math.round(invoices * 1.02), Math.round(invoices * 1.2));
    // all figures stay below 1,000,000 so the psql columns keep their header widths
    const date = k.date("2025-01-06", "2026-11-27");
    const hour = k.int(19, 23);
    const start = k.int(0, 40);
    const mm = (m: number) => String(m).padStart(2, "0");
    const l = (n: number, w: number) => String(n).padStart(w, " ");
    const custMax = customers + k.int(3, 40);
    const invMax = invoices + k.int(5, 60);
    const payMax = payments + k.int(5, 60);
    return {
      // psql right-aligns numbers in their column: padded to the header's width
      nc_p: l(noCustomer, 14), del_p: l(deleted, 16),
      cust_max_p: l(custMax, 6), inv_max_p: l(invMax, 6), pay_max_p: l(payMax, 6),
      cust_l: l(customers, 6), cust_m: l(customers, 8), inv_l: l(invoices, 6), inv_m: l(invoices, 8),
      pay_l: l(payments, 6), pay_m: l(payments, 8),
      date, db: k.pick(["ledger_prod", "billing_prod", "finance_main", "erp_prod"]),
      pg: k.pick(["15.4", "15.6", "15.8", "16.2", "16.4"]),
      t_start: `${hour}:${mm(start)}`, t_end: `${hour}:${mm(start + 3)}`, t_commit: `${hour}:${mm(start + 2)}:${mm(k.int(10, 59))}`,
      mig: String(k.int(20, 160)).padStart(4, "0"),
      customers, cust_max: custMax,
      invoices, invoices_sp: sp(invoices), migrated: invoices - orphans, migrated_sp: sp(invoices - orphans),
      inv_max: invMax,
      orphans, no_customer: noCustomer, deleted,
      payments, pay_max: payMax,
    };
  },
  relations: {
    "orphans split into the two kinds": (p) => p.orphans === p.no_customer + p.deleted,
    "migrated and quarantined invoices add up to the legacy count": (p) => p.migrated + p.orphans === p.invoices,
    "sequences end at or above every copied id": (p) => p.cust_max >= p.customers && p.inv_max >= p.invoices && p.pay_max >= p.payments,
  },
});
