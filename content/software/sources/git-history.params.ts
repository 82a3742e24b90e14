// Parameters of the git history helper: its name, the site it serves and its repository, the
// limit, the timeout (in the options, the brief and every explanation) and the output buffer.
import { defineParams } from "~/domain/content/param-kit";

export default defineParams({
  draw(k) {
    const [site, panel, repo] = k.pick([
      ["docs site", "page history", "/srv/docs"],
      ["employee handbook", "revision history", "/srv/handbook"],
      ["policy portal", "change log", "/var/lib/policies"],
      ["API reference", "page history", "/srv/api-reference"],
      ["engineering wiki", "recent changes", "/srv/wiki"],
    ]);
    const timeoutS = k.pick([3, 5, 8, 10, 15]);
    return {
      fn: k.pick(["fileHistory", "pageHistory", "recentCommits", "commitsForPath"]),
      site,
      panel,
      repo,
      max: k.pick([20, 25, 30, 50, 100]),
      timeout_s: timeoutS,
      timeout_ms: `${timeoutS}_000`,
      buffer_mb: k.pick([1, 2, 4]),
      cache_min: k.pick(["five", "ten", "fifteen"]),
      cap_panel: panel.charAt(0).toUpperCase() + panel.slice(1),
    };
  },
});
