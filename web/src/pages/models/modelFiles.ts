/**
 * The files of a model upload: the server takes the weights (safetensors) and an optional
 * model.json, while a person most often has the zip Cantus downloads (model.safetensors +
 * model.json). A small zip reader (stored and deflated entries, read with the browser's own
 * DecompressionStream) takes the two files out of such a zip.
 */

/** A zip entry: its name and how to get its bytes. */
export interface ZipEntry {
  name: string;
  size: number;
  read(): Promise<Uint8Array>;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** A problem with a file the person chose, in words. */
export class ModelFileError extends Error {
  override name = "ModelFileError";
}

/** The entries of a zip archive. Throws {@link ModelFileError} when it is not one this reader can read. */
export function readZip(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const notZip = () => new ModelFileError("This file is not a zip archive. Choose the zip Cantus downloads, or the .safetensors weights.");
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw notZip();
  const count = view.getUint16(end + 10, true);
  let p = view.getUint32(end + 16, true);
  if (p === 0xffffffff || count === 0xffff) throw new ModelFileError("This zip uses the ZIP64 format, which the console does not read; unpack it and choose its files instead.");
  const entries: ZipEntry[] = [];
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== CENTRAL) throw notZip();
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const compressed = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const local = view.getUint32(p + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength));
    p += 46 + nameLength + extraLength + commentLength;
    if ((flags & 1) !== 0) throw new ModelFileError(`'${name}' in the zip is encrypted; the console reads unencrypted zips only.`);
    entries.push({
      name,
      size,
      read: async () => {
        if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL) throw notZip();
        const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
        const data = bytes.slice(start, start + compressed);
        if (data.length !== compressed) throw new ModelFileError(`'${name}' in the zip is cut short: the archive is damaged.`);
        if (method === 0) return data;
        if (method !== 8) throw new ModelFileError(`'${name}' in the zip is compressed in a way the console does not read (method ${method}).`);
        try {
          const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
          return new Uint8Array(await new Response(stream).arrayBuffer());
        } catch {
          throw new ModelFileError(`'${name}' in the zip cannot be unpacked: the archive is damaged.`);
        }
      },
    });
  }
  return entries;
}

/** What is sent: the weights and, when there is one, the model.json. */
export interface ModelFiles {
  weights: Blob;
  weightsName: string;
  config: Blob | null;
  /** A model name made from the chosen file's name ("" when none fits). */
  baseName: string;
}

function baseName(path: string): string {
  return path.split("/").pop() ?? path;
}

/** The zip's weights (the one .safetensors entry, model.safetensors preferred) and model.json. */
export async function modelFilesOfZip(bytes: Uint8Array, zipName: string): Promise<ModelFiles> {
  const entries = readZip(bytes).filter((e) => !e.name.endsWith("/") && !baseName(e.name).startsWith("._"));
  const tensors = entries.filter((e) => e.name.toLowerCase().endsWith(".safetensors"));
  const weights = tensors.find((e) => baseName(e.name) === "model.safetensors") ?? (tensors.length === 1 ? tensors[0] : undefined);
  if (!weights)
    throw new ModelFileError(
      tensors.length === 0
        ? "The zip holds no .safetensors weights. A model zip holds model.safetensors and model.json, as Cantus downloads it."
        : "The zip holds several .safetensors files and none is named model.safetensors; choose the weights file itself instead.",
    );
  const json = entries.find((e) => baseName(e.name) === "model.json") ?? entries.find((e) => e.name.toLowerCase().endsWith(".json"));
  const [w, c] = await Promise.all([weights.read(), json ? json.read() : Promise.resolve(null)]);
  return {
    weights: new Blob([w.slice()]),
    weightsName: baseName(weights.name),
    config: c ? new Blob([c.slice()], { type: "application/json" }) : null,
    baseName: zipName,
  };
}

/** The kind of a chosen file, by its name. */
export function kindOf(fileName: string): "zip" | "weights" | "config" | null {
  const n = fileName.toLowerCase();
  if (n.endsWith(".zip")) return "zip";
  if (n.endsWith(".safetensors")) return "weights";
  if (n.endsWith(".json")) return "config";
  return null;
}

/**
 * The model files of what a person chose: one zip, or one .safetensors with at most one .json.
 * Throws {@link ModelFileError} with what to choose instead.
 */
export async function modelFilesOf(files: readonly File[]): Promise<ModelFiles> {
  if (files.length === 0) throw new ModelFileError("Choose a model zip, or its .safetensors weights.");
  const zips = files.filter((f) => kindOf(f.name) === "zip");
  const weights = files.filter((f) => kindOf(f.name) === "weights");
  const configs = files.filter((f) => kindOf(f.name) === "config");
  const other = files.find((f) => kindOf(f.name) === null);
  if (other) throw new ModelFileError(`'${other.name}' is not a model file: choose a .zip, a .safetensors or a model.json.`);
  if (zips.length > 0) {
    if (files.length > 1) throw new ModelFileError("Choose the zip alone (it holds the weights and the model.json).");
    const zip = zips[0]!;
    return modelFilesOfZip(new Uint8Array(await zip.arrayBuffer()), zip.name);
  }
  if (weights.length !== 1) throw new ModelFileError(weights.length === 0 ? "Choose the .safetensors weights too (a model.json alone is not a model)." : "Choose one .safetensors file, not several.");
  if (configs.length > 1) throw new ModelFileError("Choose at most one model.json.");
  const w = weights[0]!;
  return { weights: w, weightsName: w.name, config: configs[0] ?? null, baseName: w.name };
}
