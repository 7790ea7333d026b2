/** Plain helpers of the models pages: filtering, tags, names and the changes an edit form makes. */
import type { ModelSummary, ModelUpdate } from "../../api/types";

/** The fields filtering reads. */
export type Filterable = Pick<ModelSummary, "name" | "description" | "genre" | "tags" | "parent" | "isSample">;

/** What a model name is (the server's rule): 1–64 of a–z, 0–9, '.', '_', '-', starting with a letter or digit. */
export const MODEL_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** The sentence for a bad name, or null when it is a good one. */
export function nameProblem(name: string): string | null {
  if (name.trim() === "") return "Give the model a name.";
  if (!MODEL_NAME.test(name)) return "Use 1–64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit.";
  return null;
}

/** A model name made from a file name ("My Bach (v2).zip" → "my-bach-v2"). */
export function suggestModelName(fileName: string): string {
  const base = fileName.replace(/\.(zip|safetensors|json)$/i, "");
  const name = base
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[^a-z0-9]+/, "")
    .replace(/[-._]+$/, "")
    .slice(0, 64);
  return name === "model" ? "" : name;
}

/** Tags typed as "a, b, c" → ["a", "b", "c"] (trimmed, empty and repeated ones left out). */
export function parseTags(text: string): string[] {
  const tags: string[] = [];
  for (const t of text.split(",")) {
    const tag = t.trim();
    if (tag && !tags.includes(tag)) tags.push(tag);
  }
  return tags;
}

/** Every tag of the models, sorted. */
export function allTags(models: readonly Pick<ModelSummary, "tags">[]): string[] {
  const set = new Set<string>();
  for (const m of models) for (const t of m.tags) set.add(t);
  return [...set].sort((x, y) => x.localeCompare(y));
}

/** Which models to show: "sample", "mine" or every one. */
export type Kind = "all" | "sample" | "mine";

/**
 * The models whose name, description, genre, tags or parent contain every word of
 * <paramref name="text" /> (case-insensitive), carrying <paramref name="tag" /> when given, of the kind asked.
 */
export function filterModels<T extends Filterable>(models: readonly T[], text: string, tag = "", kind: Kind = "all"): T[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  return models.filter((m) => {
    if (kind === "sample" && !m.isSample) return false;
    if (kind === "mine" && m.isSample) return false;
    if (tag && !m.tags.includes(tag)) return false;
    const hay = [m.name, m.description ?? "", m.genre ?? "", m.parent ?? "", ...m.tags].join(" ").toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** What the edit form holds. */
export interface EditForm {
  name: string;
  description: string;
  genre: string;
  tags: string;
}

/** The form's starting values for a model. */
export function editFormOf(m: Pick<ModelSummary, "name" | "description" | "genre" | "tags">): EditForm {
  return { name: m.name, description: m.description ?? "", genre: m.genre ?? "", tags: m.tags.join(", ") };
}

/** The PATCH body: only what changed (null when nothing did). */
export function modelChanges(m: Pick<ModelSummary, "name" | "description" | "genre" | "tags">, form: EditForm): ModelUpdate | null {
  const changes: ModelUpdate = {};
  const name = form.name.trim();
  if (name !== m.name) changes.name = name;
  if (form.description.trim() !== (m.description ?? "").trim()) changes.description = form.description.trim();
  if (form.genre.trim() !== (m.genre ?? "").trim()) changes.genre = form.genre.trim();
  const tags = parseTags(form.tags);
  if (tags.length !== m.tags.length || tags.some((t, i) => t !== m.tags[i])) changes.tags = tags;
  return Object.keys(changes).length ? changes : null;
}

/** The two names to compare after toggling <paramref name="name" /> (a third choice drops the oldest). */
export function toggleSelection(selected: readonly string[], name: string): string[] {
  if (selected.includes(name)) return selected.filter((n) => n !== name);
  return [...selected, name].slice(-2);
}

/** The address of the comparison of two models. */
export function compareHref(a: string, b: string): string {
  return `/models/compare?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`;
}

/** Path of a model's API resource. */
export function modelPath(name: string): string {
  return `/api/models/${encodeURIComponent(name)}`;
}

/** MIDI note name of a pitch (60 → "C4"). */
export function noteName(pitch: number): string {
  const names = ["C", "C♯", "D", "D♯", "E", "F", "F♯", "G", "G♯", "A", "A♯", "B"];
  return `${names[((pitch % 12) + 12) % 12]}${Math.floor(pitch / 12) - 1}`;
}
