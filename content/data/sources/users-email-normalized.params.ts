// Parameters of the normalised-column migration: the table and the login column that gets a
// normalised copy, the migration number, table size, batch size and lock timeout. Every constraint
// and index name is built from the table and column.
import { defineParams } from "~/domain/content/param-kit";

export default defineParams({
  draw(k) {
    const [table, row] = k.pick([
      ["users", "user"],
      ["accounts", "account"],
      ["customers", "customer"],
      ["members", "member"],
    ]);
    const col = k.pick(["email", "login_email", "username", "handle"]);
    const batch = k.pick([5000, 10000, 20000, 25000, 50000]);
    const sample = col === "username" || col === "handle" ? k.pick(["ann.k", "jbrennan", "m_rossi"]) : k.pick(["ann@x.com", "j.brennan@mail.test", "rossi@corp.test"]);
    return {
      table, row, col, norm: `${col}_normalized`, sample, sample_sp: ` ${sample}`,
      mig: String(k.int(20, 180)).padStart(4, "0"),
      rows: k.pick([12, 25, 40, 65, 90]),
      batch, batch_n: k.grouped(batch),
      timeout: k.int(2, 8),
    };
  },
});
