import { z } from "zod";
import { VariantProofSchema } from "../proof/format";

const kebab = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be kebab-case (a-z, 0-9, -)");
const severity = z.union([z.literal(1), z.literal(2), z.literal(3)], { message: "must be 1, 2 or 3" });
const difficulty = z.number().int("must be a whole number").min(1, "must be 1..5").max(5, "must be 1..5");

export const KeyPointSchema = z.object({
  text: z.string().min(3, "key point text is missing"),
  phrases: z.array(z.string().trim().min(1, "empty phrase")).min(1, "needs at least one phrase"),
});

export const CategorySchema = z.object({
  id: kebab,
  name: z.string().min(2),
  family: z.enum(["classic", "drift", "hallucination", "overclaim"]),
  severity,
  description: z.string().min(10, "description is too short"),
  keyPoints: z.array(KeyPointSchema).min(1, "needs at least one key point"),
});

export const PackFileSchema = z.object({
  domain: kebab,
  name: z.string().min(2),
  description: z.string().min(10),
  categories: z.array(CategorySchema).min(1),
});

export const VariantSchema = z.object({
  category: z.string().min(1),
  replacement: z.string(),
  severity: severity.optional(),
  explanation: z.string().min(20, "explanation must be at least 20 characters"),
  keyPoints: z.array(KeyPointSchema).min(1, "needs at least one key point"),
  hint: z.string().min(5).optional(),
  proof: VariantProofSchema.optional(),
});

export const SiteSchema = z.object({
  id: kebab,
  anchor: z.string().min(1, "anchor is empty"),
  difficulty,
  variants: z.array(VariantSchema).min(1, "needs at least one variant"),
});

export const DecoySchema = z.object({
  id: kebab,
  anchor: z.string().min(1, "anchor is empty"),
  replacement: z.string().min(1, "replacement is empty"),
  difficulty: z.number().int("must be a whole number").min(2, "must be 2..5 (a decoy makes a draft harder)").max(5, "must be 2..5"),
  why: z.string().min(20, "why must be at least 20 characters: say why the unusual version is right"),
});

export const SourceFileSchema = z.object({
  id: kebab,
  title: z.string().min(3),
  format: z.enum(["code", "sql", "prose", "table"]),
  language: z.string().min(2),
  difficulty,
  text: z.string().min(1),
  brief: z.string().min(20, "brief must be at least 20 characters"),
  /** A parametric source: its parameter module beside it, "<id>.params.ts". */
  params: z.string().regex(/^[a-z0-9-]+\.params\.ts$/, 'must name the module beside the source, "<id>.params.ts"').optional(),
  // Sites are validated one by one, so one bad site does not hide the problems of the others.
  sites: z.array(z.unknown()),
  decoys: z.array(DecoySchema).optional(),
});

export const OperatorSchema = z.object({
  id: kebab,
  category: z.string().min(1),
  pattern: z.string().min(1),
  replacement: z.string(),
  formats: z.array(z.enum(["code", "sql", "prose", "table"])).optional(),
  difficulty,
  severity: severity.optional(),
  explanation: z.string().min(20, "explanation must be at least 20 characters"),
  keyPoints: z.array(KeyPointSchema).min(1),
  hint: z.string().min(5).optional(),
});

export const OperatorsFileSchema = z.object({ operators: z.array(OperatorSchema) });
