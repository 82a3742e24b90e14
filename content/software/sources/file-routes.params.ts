// Parameters of the upload routes: what is stored, the route prefix and root variable, the user
// ids and file names in the traversal examples (the sibling id shares the user's digits).
import { defineParams } from "~/domain/content/param-kit";

export default defineParams({
  draw(k) {
    const [what, route, router, env, dir, file] = k.pick([
      ["user uploads", "files", "filesRouter", "UPLOAD_ROOT", "uploads", "invoice.pdf"],
      ["customer attachments", "attachments", "attachmentsRouter", "ATTACHMENT_ROOT", "attachments", "contract.pdf"],
      ["expense receipts", "receipts", "receiptsRouter", "RECEIPT_ROOT", "receipts", "receipt.png"],
      ["payroll documents", "documents", "documentsRouter", "DOCUMENT_ROOT", "documents", "payslip.pdf"],
      ["report exports", "exports", "exportsRouter", "EXPORT_ROOT", "exports", "report.csv"],
    ]);
    const user = k.int(7, 980);
    const other = user + k.int(1, 40);
    const sibling = user * 10 + k.int(0, 9);
    return {
      what,
      route,
      router,
      env,
      dir,
      file,
      user,
      other,
      sibling,
      secret: k.pick(["secret.pdf", "salary.csv", "passport.png", "contract.pdf"]),
    };
  },
  relations: {
    "sibling-shares-the-prefix": (p) => String(p.sibling).startsWith(String(p.user)) && p.sibling !== p.user,
  },
});
