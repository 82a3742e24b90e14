// Parameters of the core schema: the business, the people who buy, what they buy and how a sale
// and its lines are called, the order statuses and the sample email of the case-insensitivity
// note. Column names are padded here so the column types stay aligned in every instantiation.
import { defineParams } from "~/domain/content/param-kit";

const pad = (s: string, n: number) => s.padEnd(n, " ");
const banner = (title: string) => `-- ${title} `.padEnd(76, "-");

export default defineParams({
  draw(k) {
    const [biz] = k.pick([["shop"], ["wholesaler"], ["marketplace"], ["web store"]]);
    const [people, one] = k.pick([
      ["customers", "customer"],
      ["clients", "client"],
      ["buyers", "buyer"],
      ["members", "member"],
    ]);
    const [orders, order, lines, lineWord] = k.pick([
      ["orders", "order", "order_items", "order line"],
      ["purchases", "purchase", "purchase_items", "purchase line"],
      ["sales", "sale", "sale_lines", "sale line"],
    ]);
    const [products, product] = k.pick([
      ["products", "product"],
      ["articles", "article"],
      ["items", "item"],
    ]);
    const [s0, s1, s2, s3] = k.pick([
      ["pending", "paid", "shipped", "cancelled"],
      ["pending", "paid", "fulfilled", "cancelled"],
      ["open", "paid", "delivered", "void"],
      ["draft", "confirmed", "dispatched", "cancelled"],
    ]);
    const [first, last] = k.pick([["Ann", "Lee"], ["Rosa", "Patel"], ["Jonas", "Berg"], ["Maya", "Okafor"]]);
    const domain = k.pick(["x.com", "mail.test", "example.org"]);
    const email = `${first}.${last}@${domain}`;
    const fk = `${one}_id`;
    const ofk = `${order}_id`;
    const pfk = `${product}_id`;
    return {
      a_order: /^[aeiou]/.test(order) ? `an ${order}` : `a ${order}`,
      a_product: /^[aeiou]/.test(product) ? `an ${product}` : `a ${product}`,
      a_one: `a ${one}`,
      biz, people, one, orders, order, lines, line_word: lineWord, products, product,
      s0, s1, s2, s3,
      email_mixed: email, email_lower: email.toLowerCase(),
      fk, fk_p: pad(fk, 11), ofk, ofk_p: pad(ofk, 16), pfk, pfk_p: pad(pfk, 16),
      ban_people: banner(people.charAt(0).toUpperCase() + people.slice(1)),
      ban_products: banner(products.charAt(0).toUpperCase() + products.slice(1)),
      ban_orders: banner(orders.charAt(0).toUpperCase() + orders.slice(1)),
      ban_lines: banner(`${order.charAt(0).toUpperCase() + order.slice(1)} lines`),
    };
  },
});
