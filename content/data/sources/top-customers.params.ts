// Parameters of the top-customers report: which business the tables describe (sales rows, their
// lines and the buyer table), the calendar year, the list length, the statuses that count as
// spend and the reporting currency. Every identifier is built from them, so the CTE names, the
// columns, the brief and the notes agree.
import { defineParams } from "~/domain/content/param-kit";

export default defineParams({
  draw(k) {
    const [table, row, aRow, items, prod, prodWord, prods] = k.pick([
      ["orders", "order", "an order", "order_items", "product", "product", "products"],
      ["sales", "sale", "a sale", "sale_lines", "sku", "SKU", "SKUs"],
      ["purchases", "purchase", "a purchase", "purchase_items", "product", "product", "products"],
      ["invoices", "invoice", "an invoice", "invoice_lines", "item", "catalogue item", "catalogue items"],
    ]);
    const [custs, cust, aCust] = k.pick([
      ["customers", "customer", "a customer"],
      ["accounts", "account", "an account"],
      ["clients", "client", "a client"],
    ]);
    const [paid, done, doneVerb] = k.pick([
      ["paid", "shipped", "ships"],
      ["paid", "fulfilled", "is fulfilled"],
      ["captured", "delivered", "is delivered"],
      ["settled", "dispatched", "is dispatched"],
    ]);
    const [cur, curWords] = k.pick([
      ["eur", "euros"],
      ["usd", "dollars"],
      ["gbp", "pounds"],
    ]);
    const year = k.int(2021, 2025);
    // a product bought in this many orders is counted this many times without DISTINCT
    const repeat = k.int(3, 6);
    const n = k.pick([10, 20, 30, 40, 50]);
    return {
      table, row, a_row: aRow, items, fk: `${row}_id`, prod, prod_word: prodWord, prods,
      custs, cust, a_cust: aCust, paid, done, done_verb: doneVerb, cur, cur_words: curWords,
      year, year1: year + 1, n, n_half: n / 2,
      repeat,
      repeat_words: k.words(repeat),
    };
  },
  relations: {
    "next year": (p) => p.year1 === p.year + 1,
    "half the list": (p) => p.n_half * 2 === p.n,
  },
});
