#!/usr/bin/env python3
"""Independent cross-check of PNG/APNG files written by Cantus (not run by the test suite).

Usage: python3 check_png.py FILE.png...
Checks the signature, every chunk CRC (zlib.crc32), IHDR, chunk order, APNG sequence numbers,
that each frame's zlib stream inflates to exactly height * (1 + width * bpp) bytes and that
every scanline's filter type is 0..4. Uses only the Python standard library.
"""
import struct
import sys
import zlib


def check(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "signature"
    pos, chunks = 8, []
    while pos < len(data):
        length, ctype = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        assert zlib.crc32(ctype + body) & 0xFFFFFFFF == crc, f"CRC of {ctype} at {pos}"
        chunks.append((ctype.decode("ascii"), body))
        pos += 12 + length
    types = [t for t, _ in chunks]
    assert types[0] == "IHDR" and types[-1] == "IEND", types
    w, h, depth, color, comp, filt, inter = struct.unpack(">IIBBBBB", chunks[0][1])
    assert depth == 8 and color in (2, 6) and comp == filt == inter == 0
    bpp = 4 if color == 6 else 3
    frames, seq, expected_seq = [], [], 0
    current = None
    for t, body in chunks:
        if t == "fcTL":
            seq.append(struct.unpack(">I", body[:4])[0])
            current = bytearray()
            frames.append(current)
        elif t == "fdAT":
            seq.append(struct.unpack(">I", body[:4])[0])
            current += body[4:]
        elif t == "IDAT":
            if current is None:
                current = bytearray()
                frames.append(current)
            current += body
    assert seq == list(range(len(seq))), f"sequence numbers {seq}"
    if "acTL" in types:
        n, plays = struct.unpack(">II", chunks[types.index("acTL")][1])
        assert n == types.count("fcTL"), f"acTL says {n} frames, found {types.count('fcTL')}"
    for i, frame in enumerate(frames):
        raw = zlib.decompress(bytes(frame))
        stride = 1 + w * bpp
        assert len(raw) == h * stride, f"frame {i}: {len(raw)} bytes"
        assert all(raw[y * stride] <= 4 for y in range(h)), f"frame {i}: bad filter type"
    print(f"{path}: OK {w}x{h} colour type {color}, {len(frames)} frame(s), chunks {len(types)}")


if __name__ == "__main__":
    for p in sys.argv[1:]:
        check(p)
