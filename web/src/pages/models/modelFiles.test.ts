import { describe, expect, it } from "vitest";
import { ModelFileError, kindOf, modelFilesOf, modelFilesOfZip, readZip } from "./modelFiles";

const text = (s: string) => new TextEncoder().encode(s);

async function deflate(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data.slice()]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** A zip of the entries (CRCs left 0: the reader does not check them). */
async function makeZip(entries: { name: string; data: Uint8Array; deflated?: boolean }[]): Promise<Uint8Array> {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = text(e.name);
    const body = e.deflated ? await deflate(e.data) : e.data;
    const local = new Uint8Array(30 + name.length + body.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(8, e.deflated ? 8 : 0, true);
    lv.setUint32(18, body.length, true);
    lv.setUint32(22, e.data.length, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    local.set(body, 30 + name.length);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(10, e.deflated ? 8 : 0, true);
    cv.setUint32(20, body.length, true);
    cv.setUint32(24, e.data.length, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local);
    centrals.push(central);
    offset += local.length;
  }
  const cdSize = centrals.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const all = new Uint8Array(offset + cdSize + 22);
  let p = 0;
  for (const part of [...locals, ...centrals, end]) {
    all.set(part, p);
    p += part.length;
  }
  return all;
}

describe("readZip", () => {
  it("lists entries and reads stored and deflated ones", async () => {
    const big = text("weights ".repeat(500));
    const zip = await makeZip([
      { name: "model.safetensors", data: big, deflated: true },
      { name: "model.json", data: text('{"format":"cantus-gan-model"}') },
    ]);
    const entries = readZip(zip);
    expect(entries.map((e) => e.name)).toEqual(["model.safetensors", "model.json"]);
    expect(entries[0]!.size).toBe(big.length);
    expect(new TextDecoder().decode(await entries[0]!.read())).toBe("weights ".repeat(500));
    expect(new TextDecoder().decode(await entries[1]!.read())).toBe('{"format":"cantus-gan-model"}');
  });

  it("refuses what is not a zip with a sentence", () => {
    expect(() => readZip(text("not a zip at all, just some text that is long enough"))).toThrow(ModelFileError);
    expect(() => readZip(new Uint8Array(3))).toThrow(/not a zip/);
  });
});

describe("modelFilesOfZip", () => {
  it("takes model.safetensors and model.json, also inside a folder", async () => {
    const zip = await makeZip([
      { name: "my-model/", data: new Uint8Array(0) },
      { name: "my-model/model.safetensors", data: text("W"), deflated: true },
      { name: "my-model/model.json", data: text("{}") },
    ]);
    const files = await modelFilesOfZip(zip, "my-model.zip");
    expect(files.weightsName).toBe("model.safetensors");
    expect(await files.weights.text()).toBe("W");
    expect(await files.config!.text()).toBe("{}");
  });

  it("accepts weights without a model.json", async () => {
    const files = await modelFilesOfZip(await makeZip([{ name: "generator.safetensors", data: text("G") }]), "g.zip");
    expect(files.config).toBeNull();
    expect(files.weightsName).toBe("generator.safetensors");
  });

  it("says what is missing", async () => {
    await expect(modelFilesOfZip(await makeZip([{ name: "model.json", data: text("{}") }]), "x.zip")).rejects.toThrow(/no .safetensors/);
    await expect(
      modelFilesOfZip(
        await makeZip([
          { name: "a.safetensors", data: text("A") },
          { name: "b.safetensors", data: text("B") },
        ]),
        "x.zip",
      ),
    ).rejects.toThrow(/several/);
  });
});

describe("modelFilesOf", () => {
  it("takes a weights file with an optional model.json", async () => {
    const w = new File([text("W")], "generator.safetensors");
    const c = new File([text("{}")], "model.json");
    const files = await modelFilesOf([c, w]);
    expect(files.weights).toBe(w);
    expect(files.config).toBe(c);
    expect(files.baseName).toBe("generator.safetensors");
    expect((await modelFilesOf([w])).config).toBeNull();
  });

  it("reads a chosen zip", async () => {
    const zip = await makeZip([{ name: "model.safetensors", data: text("W") }]);
    const files = await modelFilesOf([new File([zip.slice()], "bach.zip")]);
    expect(await files.weights.text()).toBe("W");
    expect(files.baseName).toBe("bach.zip");
  });

  it("refuses wrong choices in words", async () => {
    await expect(modelFilesOf([])).rejects.toThrow(/Choose a model zip/);
    await expect(modelFilesOf([new File(["x"], "song.mid")])).rejects.toThrow(/not a model file/);
    await expect(modelFilesOf([new File(["{}"], "model.json")])).rejects.toThrow(/weights too/);
    await expect(modelFilesOf([new File(["a"], "a.zip"), new File(["b"], "b.safetensors")])).rejects.toThrow(/zip alone/);
  });

  it("tells kinds by name", () => {
    expect(kindOf("X.ZIP")).toBe("zip");
    expect(kindOf("m.safetensors")).toBe("weights");
    expect(kindOf("model.json")).toBe("config");
    expect(kindOf("a.mid")).toBeNull();
  });
});
