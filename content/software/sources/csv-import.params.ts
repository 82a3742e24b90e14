// Parameters of the CSV reader: the import it serves (and the column names in the examples), the
// size limit, and the function names.
import { defineParams } from "~/domain/content/param-kit";

export default defineParams({
  draw(k) {
    const [job, key, note] = k.pick([
      ["nightly product-catalogue import", "sku", "description"],
      ["supplier price-list import", "supplier_ref", "comment"],
      ["bank-statement import", "transaction_id", "memo"],
      ["HR roster import", "employee_id", "notes"],
      ["nightly customer import", "customer_id", "note"],
      ["carrier tracking import", "tracking_no", "remarks"],
    ]);
    const [parse, read] = k.pick([
      ["parseCsv", "readCsvFile"],
      ["parseCsvText", "loadCsvRecords"],
      ["splitCsv", "readCsvRecords"],
    ]);
    const exB = k.int(10, 99);
    const mb = k.pick([10, 20, 25, 50, 64, 100]);
    return {
      job,
      key,
      note,
      parse,
      read,
      mb,
      ex_id: k.int(2, 9999),
      ex_a: k.int(1, 9),
      ex_b: exB,
      ex_b_cut: String(exB).slice(0, -1),
    };
  },
});
