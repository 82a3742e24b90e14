// npm run simulate:cohort -- --trainees 20 --weeks 6 [--seed S] [--pace N]
// Simulated trainees with known per-category skill work through a three-module program on a
// throwaway SQLite database, through the real selection, drawing, scoring and mastery code. It
// reports how well estimated mastery agrees with the true skill (Spearman), how often each
// trainee's weakest categories are practised compared with a random picker, completion and
// overdue counts. A trainee who completes the program keeps practising their neediest category
// ("practise this"), so every trainee does about pace × weeks exercises. A simulated clock runs
// from the program's start through its weeks (scripts/lib/sim-clock.ts): each exercise is started
// and submitted at its simulated time, so recency, due reviews and due dates work as for a real
// cohort, and completion and overdue are read at the end of the last week. Each week it prints the
// draft-pool size (targeted draws add fresh drafts). The same seed gives the same figures. The
// last line is the summary.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createDatabase, migrateToLatest } from "~/db/db.server";
import { generateBatch } from "~/domain/generation/batch";
import { createRng } from "~/domain/generation/prng";
import { categoryKey, flawDifficulty } from "~/domain/mastery/model";
import { addFinding, getAttemptForTrainee, submitAttempt } from "~/models/attempt.server";
import { addCohortMember, createCohort } from "~/models/cohort.server";
import { packFor, packs } from "~/models/content.server";
import { seedDraftPool } from "~/models/draft-pool.server";
import { getMastery } from "~/models/mastery.server";
import { selectNext } from "~/domain/mastery/selector";
import { moduleCandidates, startCategoryPractice, startNextExercise } from "~/models/program-next.server";
import { traineeProgramById } from "~/models/program-progress.server";
import { exerciseTime, simulationEnd } from "./lib/sim-clock";
import { assignProgram, saveProgram } from "~/models/program.server";
import { createOrganisation, createUser } from "~/models/user.server";

const USAGE = "Usage: npm run simulate:cohort -- --trainees N --weeks W [--seed S] [--pace EXERCISES_PER_WEEK]";
let args;
try {
  args = parseArgs({ options: { trainees: { type: "string", default: "20" }, weeks: { type: "string", default: "6" }, seed: { type: "string", default: "1" }, pace: { type: "string", default: "5" } } }).values;
} catch (e) {
  console.error(`${(e as Error).message}\n${USAGE}`);
  process.exit(2);
}
const int = (v: string, name: string, min: number, max: number) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`--${name}: “${v}” must be a whole number from ${min} to ${max}.\n${USAGE}`);
    process.exit(2);
  }
  return n;
};
const TRAINEES = int(args.trainees!, "trainees", 1, 500);
const WEEKS = int(args.weeks!, "weeks", 1, 52);
const SEED = int(args.seed!, "seed", 0, 2 ** 31);
const PACE = int(args.pace!, "pace", 1, 30);

const MODULES = [
  { title: "Code review", domain: "software", due: 14 },
  { title: "Contracts", domain: "legal", due: 28 },
  { title: "Finance memos", domain: "finance", due: 42 },
];
const WEAK = 3;
const ALL_CANDIDATES = MODULES.flatMap((m) => moduleCandidates({ domains: [m.domain], focusCategories: [] })); // the weakest categories per domain that targeting is measured on
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

function gaussian(rng: () => number) {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

function ranks(xs: number[]): number[] {
  const idx = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const r = new Array<number>(xs.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1][0] === idx[i][0]) j++;
    for (let k = i; k <= j; k++) r[idx[k][1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}
function spearman(a: number[], b: number[]): number {
  const ra = ranks(a);
  const rb = ranks(b);
  const mean = (ra.length + 1) / 2;
  let num = 0, da = 0, db = 0;
  for (let i = 0; i < ra.length; i++) {
    num += (ra[i] - mean) * (rb[i] - mean);
    da += (ra[i] - mean) ** 2;
    db += (rb[i] - mean) ** 2;
  }
  return da && db ? num / Math.sqrt(da * db) : 0;
}

async function main() {
  const started = Date.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redline-sim-"));
  const db = createDatabase(`file:${path.join(dir, "sim.db")}`);
  try {
    await migrateToLatest(db);
    const rng = createRng(SEED);
    const orgId = await createOrganisation(db, "Simulated firm");
    const admin = await createUser(db, { orgId, email: "admin@sim.test", name: "Admin", role: "admin", password: "simulation-only-1" });
    const cohort = await createCohort(db, orgId, "Simulated cohort");
    await seedDraftPool(db, 2, SEED);
    const poolSize = async () => Number((await db.selectFrom("drafts").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    const seededPool = await poolSize();
    const programId = await saveProgram(db, admin, null, {
      name: "Simulated onboarding",
      modules: MODULES.map((m) => ({ title: m.title, domains: [m.domain], difficultyMin: "1", difficultyMax: "5", drafts: "8", minMeanScore: "55", lastN: "4", dueDays: String(m.due) })),
    });
    const start = new Date(Date.now() - WEEKS * 7 * 86_400_000).toISOString().slice(0, 10);
    await assignProgram(db, admin, programId, cohort, start);

    // Known skill per trainee × category (logit scale): general ability + category-specific part.
    const trainees: { id: string; skill: Map<string, number>; pace: number }[] = [];
    for (let i = 0; i < TRAINEES; i++) {
      const u = await createUser(db, { orgId, email: `t${i}@sim.test`, name: `Trainee ${i + 1}`, role: "trainee", password: "simulation-only-1" });
      await addCohortMember(db, orgId, cohort, u.id);
      const ability = 0.6 * gaussian(rng);
      const skill = new Map<string, number>();
      for (const m of MODULES) for (const c of packFor(m.domain)!.categories) skill.set(categoryKey(m.domain, c.id), ability + 1.3 * gaussian(rng));
      trainees.push({ id: u.id, skill, pace: Math.max(1, Math.round(PACE + 1.5 * gaussian(rng))) });
    }

    // Each week every trainee does `pace` exercises through "Next exercise"; each flaw is found
    // with the chance their true skill gives against its difficulty.
    // Flaws met per trainee, and per domain × difficulty ("software@2") for the random baseline.
    const met = new Map<string, { weak: number; flaws: number; byLevel: Map<string, number> }>();
    let exercises = 0;
    const poolByWeek: number[] = [];
    for (let week = 0; week < WEEKS; week++) {
      for (const t of trainees) {
        for (let k = 0; k < t.pace; k++) {
          const now = exerciseTime(start, week, k, t.pace);
          let attemptId: string;
          try {
            attemptId = await startNextExercise(db, t.id, programId, rng, now);
          } catch {
            // Program complete: the trainee keeps practising their weakest area ("practise this"
            // on the progress page), chosen by the same selector over the program's domains.
            const pick = selectNext({ candidates: ALL_CANDIDATES, mastery: await getMastery(db, t.id), difficultyMin: 1, difficultyMax: 5, now, random: rng });
            attemptId = await startCategoryPractice(db, t.id, categoryKey(pick.domain, pick.categories[0]), rng, now);
          }
          const { draft } = await getAttemptForTrainee(db, t.id, attemptId);
          const stat = met.get(t.id) ?? { weak: 0, flaws: 0, byLevel: new Map() };
          met.set(t.id, stat);
          const weakSet = weakest(t.skill, draft.domain);
          for (const flaw of draft.answerKey) {
            const key = categoryKey(draft.domain, flaw.category);
            stat.flaws += 1;
            const level = `${draft.domain}@${draft.difficulty}`;
            stat.byLevel.set(level, (stat.byLevel.get(level) ?? 0) + 1);
            if (weakSet.has(key)) stat.weak += 1;
            if (rng() < sigmoid((t.skill.get(key) ?? 0) - flawDifficulty(draft.difficulty))) {
              await addFinding(db, t.id, attemptId, { lineFrom: flaw.lines.from, lineTo: flaw.lines.to, category: flaw.category, explanation: flaw.explanation, confidence: 80, suggestedFix: "", quote: "" }, now);
            }
          }
          await submitAttempt(db, t.id, attemptId, now);
          exercises++;
        }
      }
      const pool = await poolSize();
      poolByWeek.push(pool);
      console.log(`week ${week + 1}: ${exercises} exercises submitted, draft pool ${pool} (${seededPool} seeded; ${((pool - seededPool) / (TRAINEES * (week + 1))).toFixed(2)} new per trainee-week) (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }

    // Agreement: estimated rating vs true skill over every trainee × category with direct evidence.
    const est: number[] = [];
    const truth: number[] = [];
    const perTrainee: number[] = [];
    for (const t of trainees) {
      const m = await getMastery(db, t.id);
      const e: number[] = [];
      const s: number[] = [];
      for (const [key, state] of m) {
        if (!t.skill.has(key) || state.evidence < 2) continue;
        e.push(state.rating);
        s.push(t.skill.get(key)!);
      }
      est.push(...e);
      truth.push(...s);
      if (e.length >= 4) perTrainee.push(spearman(e, s));
    }
    const rho = spearman(est, truth);

    // A random picker: drafts drawn at random from the same domains at the same difficulties as
    // the drafts practised (a category's share of the flaws depends on the difficulty: e.g. a
    // finance discounting error is never in a difficulty-1 memo), so targeting compares like with like.
    const randomShare = new Map<string, Map<string, number>>();
    for (const m of MODULES) {
      const pack = packFor(m.domain)!;
      for (let difficulty = 1; difficulty <= 5; difficulty++) {
        const counts = new Map<string, number>();
        let total = 0;
        for (const d of generateBatch(pack, { count: 300, seed: SEED + 99, difficulty, cleanRate: 0.1, contentHash: packs().hashes[m.domain] })) {
          for (const f of d.answerKey) {
            counts.set(categoryKey(m.domain, f.category), (counts.get(categoryKey(m.domain, f.category)) ?? 0) + 1);
            total++;
          }
        }
        randomShare.set(`${m.domain}@${difficulty}`, new Map([...counts].map(([k, n]) => [k, n / total])));
      }
    }
    let weakMet = 0;
    let weakExpected = 0;
    for (const t of trainees) {
      const stat = met.get(t.id);
      if (!stat) continue;
      weakMet += stat.weak;
      for (const [level, flaws] of stat.byLevel) {
        const domain = level.slice(0, level.indexOf("@"));
        const share = [...weakest(t.skill, domain)].reduce((s, k) => s + (randomShare.get(level)!.get(k) ?? 0), 0);
        weakExpected += flaws * share;
      }
    }
    const targeting = weakExpected ? weakMet / weakExpected : 0;

    let complete = 0;
    let overdue = 0;
    const perModule = MODULES.map(() => 0);
    for (const t of trainees) {
      const p = (await traineeProgramById(db, t.id, programId, simulationEnd(start, WEEKS)))!;
      if (p.modules.every((m) => m.state === "complete")) complete++;
      if (p.modules.some((m) => m.overdue)) overdue++;
      p.modules.forEach((m, i) => (perModule[i] += m.state === "complete" ? 1 : 0));
    }
    const median = [...perTrainee].sort((a, b) => a - b)[Math.floor(perTrainee.length / 2)] ?? 0;
    console.log(`\n${TRAINEES} trainees, ${WEEKS} weeks, seed ${SEED}: ${exercises} exercises (${(exercises / TRAINEES).toFixed(1)} per trainee), ${((Date.now() - started) / 1000).toFixed(0)} s`);
    console.log(`mastery vs true skill: Spearman ${rho.toFixed(2)} over ${est.length} trainee × category pairs with ≥ 2 flaws met; per trainee median ${median.toFixed(2)}`);
    console.log(`weakest ${WEAK} categories per domain: ${weakMet} flaws met, a random picker at the same domains and difficulties would give ${weakExpected.toFixed(0)}`);
    console.log(`draft pool: ${seededPool} seeded, then ${poolByWeek.join(", ")} at the end of each week; ${((poolByWeek[poolByWeek.length - 1] - seededPool) / (TRAINEES * WEEKS)).toFixed(2)} new drafts per trainee-week`);
    console.log(`modules complete: ${MODULES.map((m, i) => `${m.title} ${perModule[i]}/${TRAINEES}`).join(", ")}`);
    console.log(`simulate: mastery Spearman ${rho.toFixed(2)}, weak-category targeting ${targeting.toFixed(1)}× random, completion ${Math.round((100 * complete) / TRAINEES)} %, overdue ${overdue}`);
  } finally {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function weakest(skill: Map<string, number>, domain: string): Set<string> {
  return new Set([...skill].filter(([k]) => k.startsWith(`${domain}/`)).sort((a, b) => a[1] - b[1]).slice(0, WEAK).map(([k]) => k));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
