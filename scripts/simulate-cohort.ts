// npm run simulate:cohort -- --trainees 20 --weeks 6 [--seed S] [--pace N]
// Simulated trainees with known per-category skill work through a three-module program on a
// throwaway SQLite database, through the real selection, drawing, scoring and mastery code. It
// reports how well estimated mastery agrees with the true skill after 30 exercises (Spearman; a
// trainee whose pace gives fewer in the weeks goes on to 30 for that figure only), how often each
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
import { categoryFamilies, getMastery } from "~/models/mastery.server";
import { selectNext } from "~/domain/mastery/selector";
import { moduleCandidates, startCategoryPractice, startNextExercise } from "~/models/program-next.server";
import { traineeProgramById } from "~/models/program-progress.server";
import { exerciseTime, simulationEnd } from "./lib/sim-clock";
import { assignProgram, saveProgram } from "~/models/program.server";
import { createOrganisation, createUser } from "~/models/user.server";

const USAGE = "Usage: npm run simulate:cohort -- --trainees N --weeks W [--seed S] [--pace EXERCISES_PER_WEEK] [--learning LOGITS_PER_FLAW]";
let args;
try {
  args = parseArgs({ options: { trainees: { type: "string", default: "20" }, weeks: { type: "string", default: "6" }, seed: { type: "string", default: "1" }, pace: { type: "string", default: "5" }, learning: { type: "string", default: "0" } } }).values;
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
// How much a trainee learns from each flaw of a category they meet (found or missed: the results
// page explains it either way), in logits; 0 = skills stay as drawn.
const LEARNING = Number(args.learning);
if (!/^\d+(\.\d+)?$/.test(args.learning!) || LEARNING > 1) {
  console.error(`--learning: “${args.learning}” must be a number from 0 to 1 (logits of skill gained per flaw met).\n${USAGE}`);
  process.exit(2);
}

const MODULES = [
  { title: "Code review", domain: "software", due: 14 },
  { title: "Contracts", domain: "legal", due: 28 },
  { title: "Finance memos", domain: "finance", due: 42 },
];
const WEAK = 3;
/** Agreement is read after this many exercises per trainee (the issue's goal: Spearman ≥ 0.7 after 30). */
const AGREEMENT_AT = 30;
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

    // Known skill per trainee × category (logit scale): general ability + (family part) + category-specific part.
    const trainees: Trainee[] = [];
    const families = categoryFamilies();
    const FAMILY_NAMES = [...new Set(Object.values(families))].filter((f) => f !== "classic").sort();
    for (let i = 0; i < TRAINEES; i++) {
      const u = await createUser(db, { orgId, email: `t${i}@sim.test`, name: `Trainee ${i + 1}`, role: "trainee", password: "simulation-only-1" });
      await addCohortMember(db, orgId, cohort, u.id);
      const ability = 0.6 * gaussian(rng);
      const skill = new Map<string, number>();
      // An AI-typical family (drift, hallucination, overclaiming) is partly one skill across packs,
      // as the product assumes (decision 125): its categories share a family part (spread 0.5) and
      // keep a particular part (1.2), so every category's skill has the same spread (1.3) around
      // the trainee's ability.
      const familyPart = new Map<string, number>(FAMILY_NAMES.map((f) => [f, 0.5 * gaussian(rng)]));
      for (const m of MODULES) {
        for (const c of packFor(m.domain)!.categories) {
          const key = categoryKey(m.domain, c.id);
          const family = familyPart.get(families[key]);
          skill.set(key, ability + (family === undefined ? 1.3 * gaussian(rng) : family + 1.2 * gaussian(rng)));
        }
      }
      trainees.push({ id: u.id, skill, pace: Math.max(1, Math.round(PACE + 1.5 * gaussian(rng))) });
    }

    // Each week every trainee does `pace` exercises through "Next exercise"; each flaw is found
    // with the chance their true skill gives against its difficulty.
    // Flaws met per trainee, and how many of them were of their weakest categories.
    const met = new Map<string, { weak: number; flaws: number }>();
    // Flaws met per domain × difficulty × the trainee's weakest categories at that time (they change when trainees learn).
    const metAt = new Map<string, number>();
    let exercises = 0;
    // Drafts per trainee × domain per source (variety), and drafts per difficulty.
    const sources = new Map<string, Map<string, number>>();
    const levels = [0, 0, 0, 0, 0];
    // Each trainee's estimated mastery right after their AGREEMENT_AT-th exercise.
    const done = new Map<string, number>();
    const atThirty = new Map<string, Snapshot>();
    const poolByWeek: number[] = [];
    // One exercise through "Next exercise": each flaw is found with the chance the trainee's true
    // skill gives against its difficulty. `counted` exercises feed the figures of the weeks
    // (targeting, variety, difficulties); the ones after the weeks only complete 30 for agreement.
    const exercise = async (t: Trainee, now: Date, counted: boolean) => {
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
      const weakSet = weakest(t.skill, draft.domain);
      if (counted) {
        const sourceKey = `${t.id}|${draft.domain}`;
        const bySource = sources.get(sourceKey) ?? new Map<string, number>();
        sources.set(sourceKey, bySource.set(draft.sourceId, (bySource.get(draft.sourceId) ?? 0) + 1));
        levels[draft.difficulty - 1] += 1;
        const stat = met.get(t.id) ?? { weak: 0, flaws: 0 };
        met.set(t.id, stat);
        for (const flaw of draft.answerKey) {
          const key = categoryKey(draft.domain, flaw.category);
          stat.flaws += 1;
          if (weakSet.has(key)) stat.weak += 1;
          const at = `${draft.domain}@${draft.difficulty}|${[...weakSet].join(",")}`;
          metAt.set(at, (metAt.get(at) ?? 0) + 1);
        }
        exercises++;
      }
      for (const flaw of draft.answerKey) {
        if (rng() < sigmoid((t.skill.get(categoryKey(draft.domain, flaw.category)) ?? 0) - flawDifficulty(draft.difficulty))) {
          await addFinding(db, t.id, attemptId, { lineFrom: flaw.lines.from, lineTo: flaw.lines.to, category: flaw.category, explanation: flaw.explanation, confidence: 80, suggestedFix: "", quote: "" }, now);
        }
      }
      await submitAttempt(db, t.id, attemptId, now);
      for (const flaw of draft.answerKey) {
        const key = categoryKey(draft.domain, flaw.category);
        t.skill.set(key, t.skill.get(key)! + LEARNING);
      }
      done.set(t.id, (done.get(t.id) ?? 0) + 1);
      if (done.get(t.id) === AGREEMENT_AT) atThirty.set(t.id, { skill: new Map(t.skill), mastery: await getMastery(db, t.id) });
    };
    for (let week = 0; week < WEEKS; week++) {
      for (const t of trainees) for (let k = 0; k < t.pace; k++) await exercise(t, exerciseTime(start, week, k, t.pace), true);
      const pool = await poolSize();
      poolByWeek.push(pool);
      console.log(`week ${week + 1}: ${exercises} exercises submitted, draft pool ${pool} (${seededPool} seeded; ${((pool - seededPool) / (TRAINEES * (week + 1))).toFixed(2)} new per trainee-week) (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }

    // Completion and overdue at the end of the last week.
    let complete = 0;
    let overdue = 0;
    const perModule = MODULES.map(() => 0);
    for (const t of trainees) {
      const p = (await traineeProgramById(db, t.id, programId, simulationEnd(start, WEEKS)))!;
      if (p.modules.every((m) => m.state === "complete")) complete++;
      if (p.modules.some((m) => m.overdue)) overdue++;
      p.modules.forEach((m, i) => (perModule[i] += m.state === "complete" ? 1 : 0));
    }
    // Agreement: estimated rating vs true skill over every trainee × category with direct evidence,
    // for each trainee right after their AGREEMENT_AT-th exercise (the goal is stated "after 30
    // exercises"), and at the end of the weeks. A trainee whose pace gave fewer in the weeks goes
    // on at that pace until they have done 30; those exercises count for nothing else.
    const agreement = (snapshots: Snapshot[]) => {
      const est: number[] = [];
      const truth: number[] = [];
      const perTrainee: number[] = [];
      for (const { skill, mastery: m } of snapshots) {
        const e: number[] = [];
        const s: number[] = [];
        for (const [key, state] of m) {
          if (!skill.has(key) || state.evidence < 2) continue;
          e.push(state.rating);
          s.push(skill.get(key)!);
        }
        est.push(...e);
        truth.push(...s);
        if (e.length >= 4) perTrainee.push(spearman(e, s));
      }
      const median = [...perTrainee].sort((a, b) => a - b)[Math.floor(perTrainee.length / 2)] ?? 0;
      return { rho: spearman(est, truth), pairs: est.length, median };
    };
    const atEnd = agreement(await Promise.all(trainees.map(async (t) => ({ skill: new Map(t.skill), mastery: await getMastery(db, t.id) }))));
    const range = `${Math.min(...trainees.map((t) => done.get(t.id) ?? 0))}–${Math.max(...trainees.map((t) => done.get(t.id) ?? 0))}`;
    const slower = trainees.filter((t) => (done.get(t.id) ?? 0) < AGREEMENT_AT);
    for (const t of slower) {
      for (let week = WEEKS; !atThirty.has(t.id); week++) {
        for (let k = 0; k < t.pace && !atThirty.has(t.id); k++) await exercise(t, exerciseTime(start, week, k, t.pace), false);
      }
    }
    const after = agreement(trainees.map((t) => atThirty.get(t.id)!));
    const rho = after.rho;

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
    for (const stat of met.values()) weakMet += stat.weak;
    let weakExpected = 0;
    for (const [at, flaws] of metAt) {
      const [level, weak] = at.split("|");
      weakExpected += flaws * weak.split(",").reduce((s, k) => s + (randomShare.get(level)!.get(k) ?? 0), 0);
    }
    const targeting = weakExpected ? weakMet / weakExpected : 0;

    console.log(`\n${TRAINEES} trainees, ${WEEKS} weeks, seed ${SEED}: ${exercises} exercises (${(exercises / TRAINEES).toFixed(1)} per trainee), ${((Date.now() - started) / 1000).toFixed(0)} s`);
    console.log(`mastery vs true skill after ${AGREEMENT_AT} exercises (every trainee; ${slower.length} of ${TRAINEES} did fewer in the weeks and went on to ${AGREEMENT_AT}): Spearman ${after.rho.toFixed(3)} over ${after.pairs} trainee × category pairs with ≥ 2 flaws met; per trainee median ${after.median.toFixed(2)}`);
    console.log(`mastery vs true skill at the end of the weeks (${range} exercises each): Spearman ${atEnd.rho.toFixed(2)} over ${atEnd.pairs} pairs; per trainee median ${atEnd.median.toFixed(2)}`);
    console.log(`weakest ${WEAK} categories per domain: ${weakMet} flaws met, a random picker at the same domains and difficulties would give ${weakExpected.toFixed(0)} (${targeting.toFixed(2)}×)`);
    console.log(`draft pool: ${seededPool} seeded, then ${poolByWeek.join(", ")} at the end of each week; ${((poolByWeek[poolByWeek.length - 1] - seededPool) / (TRAINEES * WEEKS)).toFixed(2)} new drafts per trainee-week`);
    const largest = [...sources.values()].filter((m) => [...m.values()].reduce((a, b) => a + b, 0) >= 8).map((m) => Math.max(...m.values()) / [...m.values()].reduce((a, b) => a + b, 0)).sort((a, b) => a - b);
    if (largest.length) console.log(`variety: a trainee's most-practised source is ${Math.round(100 * largest[Math.floor(largest.length / 2)])} % of their drafts of a domain (median over ${largest.length} trainee × domain pairs with ≥ 8 drafts; largest ${Math.round(100 * largest[largest.length - 1])} %)`);
    console.log(`difficulty of the drafts practised: ${levels.map((n, i) => `${i + 1}: ${Math.round((100 * n) / Math.max(1, exercises))} %`).join(", ")}`);
    console.log(`modules complete: ${MODULES.map((m, i) => `${m.title} ${perModule[i]}/${TRAINEES}`).join(", ")}`);
    console.log(`simulate: mastery Spearman ${rho.toFixed(2)}, weak-category targeting ${targeting.toFixed(1)}× random, completion ${Math.round((100 * complete) / TRAINEES)} %, overdue ${overdue}`);
  } finally {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface Trainee {
  id: string;
  skill: Map<string, number>;
  pace: number;
}

/** A trainee's true skills and estimated mastery at one moment. */
interface Snapshot {
  skill: ReadonlyMap<string, number>;
  mastery: Awaited<ReturnType<typeof getMastery>>;
}

function weakest(skill: Map<string, number>, domain: string): Set<string> {
  return new Set([...skill].filter(([k]) => k.startsWith(`${domain}/`)).sort((a, b) => a[1] - b[1]).slice(0, WEAK).map(([k]) => k));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
