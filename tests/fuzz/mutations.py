"""Mutation corpus: random damage and hostile values applied to our own files, one family per reader.

``mutate(family, rng)`` gives ``(data, suffix, name, must_refuse)``: the bytes to read, the file suffix,
the mutation's name (for the report) and whether the input must be refused or reported — a mutation
that injects a duplicate key, an unknown profile, an out-of-range number or a bomb and is accepted
without a word is a *silent acceptance*. The hypothesis tests (test_fuzz_sample.py) draw the seed of
``rng``; bench/fuzz.py runs the same mutations by the thousand, each in a bounded subprocess.
"""

from __future__ import annotations

import random
import re
from functools import cache

from . import hostile

FAMILIES = ("pdf", "docx", "xlsx", "yaml", "json", "text")

SCALE = 1
"""Bomb sizes are divided by this (the fast sample in the suite uses 64, with the limits lowered alike)."""

HOSTILE_NUMBERS = ("9" * 5000, "1.5e999999999", "-1e-999999999", "1e50", "1" + "0" * 45, "NaN", ".inf",
                   "0x1F", "1_000_000", "-0", "12,34", "1e15")
HOSTILE_TEXT = ("", " ", "\x00", "\ufeff", "\u202e", "𠀀" * 3, "A" * 70_000, "{{", "%s%n", "../../etc/passwd")


@cache
def seed(name: str) -> bytes:
    paths = {"pdf": hostile.PDF, "docx": hostile.DOCX, "xlsx": hostile.XLSX, "text": hostile.TEXT,
             "yaml": hostile.YAML}
    if name == "json":
        from juesuan import fileformat

        return fileformat.dumps_json(fileformat.load(hostile.YAML)).encode()
    return paths[name].read_bytes()


# --- bytes ----------------------------------------------------------------------------------------

def flip(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 40)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data))]


def splice(rng: random.Random, data: bytes) -> bytes:
    """A slice repeated, moved or removed."""
    a = rng.randrange(len(data))
    b = min(len(data), a + rng.randint(1, 4096))
    kind = rng.randrange(3)
    if kind == 0:
        return data[:b] + data[a:b] * rng.randint(1, 50) + data[b:]
    if kind == 1:
        return data[:a] + data[b:]
    c = rng.randrange(len(data))
    return data[:c] + data[a:b] + data[c:]


BYTE_MUTATIONS = (flip, truncate, splice)


# --- zip containers -------------------------------------------------------------------------------

def zip_mutation(rng: random.Random, data: bytes, family: str) -> tuple[bytes, str, bool]:
    parts = hostile.members_of(data)
    xml = [n for n in parts if n.endswith((".xml", ".rels"))]
    kind = rng.randrange(9)
    name = rng.choice(xml)
    if kind == 0:
        parts[name] = flip(rng, parts[name])
        return hostile.rezip(parts), f"xml-flip {name}", False
    if kind == 1:
        parts[name] = _xml_values(rng, parts[name])
        return hostile.rezip(parts), f"xml-values {name}", False
    if kind == 2:
        other = rng.choice(xml)
        parts[name], parts[other] = parts[other], parts[name]
        return hostile.rezip(parts), f"swap {name} {other}", False
    if kind == 3:
        del parts[name]
        return hostile.rezip(parts), f"drop {name}", False
    if kind == 4:
        parts[name] = truncate(rng, parts[name])
        return hostile.rezip(parts), f"xml-truncate {name}", False
    if kind == 5:  # an XML entity bomb in front of the part's root
        bomb = (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
                + b"".join(b'<!ENTITY %c "%s">' % (98 + i, (b"&%c;" % (97 + i)) * 10) for i in range(8)) + b"]>")
        parts[name] = bomb + re.sub(rb"^<\?xml[^>]*\?>", b"", parts[name]).replace(b">", b">&i;", 1)
        return hostile.rezip(parts), f"entity-bomb {name}", False
    if kind == 6:
        size = rng.choice((40 << 20, 200 << 20)) // SCALE
        member = rng.choice(xml)
        return hostile.zip_bomb(data, member, size), f"member-bomb {member} {size}", True
    if family == "docx":
        return _docx_structure(rng), "docx-structure", False
    return _xlsx_structure(rng), "xlsx-structure", False


def _xml_values(rng: random.Random, xml: bytes) -> bytes:
    """Attribute values and element texts replaced with hostile numbers and text."""
    values = list(re.finditer(rb'="[^"]*"|>[^<]{1,40}<', xml))
    for match in rng.sample(values, min(len(values), rng.randint(1, 8))) if values else ():
        new = rng.choice(HOSTILE_NUMBERS + HOSTILE_TEXT).encode("utf-8")
        new = new.replace(b"<", b"&lt;").replace(b'"', b"&quot;")
        wrapped = b'="' + new + b'"' if match.group().startswith(b"=") else b">" + new + b"<"
        xml = xml.replace(match.group(), wrapped, 1)
    return xml


def _docx_structure(rng: random.Random) -> bytes:
    choice = rng.randrange(4)
    if choice == 0:
        return hostile.docx_first_row_vertical_merge()
    if choice == 1:
        return hostile.docx_grid_span(rng.choice(("x", "-1", "0", "100000", "99999999999999999999", "513")))
    if choice == 2:
        return hostile.docx_main_part_not_a_document()
    return hostile.docx_part_bomb(rng.choice((1 << 20, 40 << 20)) // SCALE)


def _xlsx_structure(rng: random.Random) -> bytes:
    choice = rng.randrange(4)
    if choice == 0:
        return hostile.xlsx_malformed_sheet()
    if choice == 1:
        return hostile.xlsx_bad_numeric_cell()
    if choice == 2:
        return hostile.xlsx_swapped_parts()
    return hostile.xlsx_shared_string(rng.choice((70_000, 1 << 20, 200 << 20)) // SCALE)


# --- PDF ------------------------------------------------------------------------------------------

def pdf_mutation(rng: random.Random, data: bytes) -> tuple[bytes, str, bool]:
    kind = rng.randrange(6)
    if kind < 3:
        mutation = BYTE_MUTATIONS[kind]
        return mutation(rng, data), mutation.__name__, False
    if kind == 3:
        count = rng.choice((100, 5_000, 70_000, 200_000))
        return hostile.pdf_text_items(count), f"text-items {count}", count > 60_000
    if kind == 4:
        size = rng.choice((1 << 20, 200 << 20, 1 << 30)) // SCALE
        return hostile.pdf_stream_bomb(size), f"stream-bomb {size}", size > (128 << 20) // SCALE
    body = " ".join(rng.choice(HOSTILE_NUMBERS + ("(", ")", "Tj", "TJ", "Td", "BT", "ET", "re", "f", "1", "-1e9"))
                    for _ in range(rng.randint(1, 400)))
    return hostile.pdf_document(b"BT /F1 12 Tf 72 720 Td " + body.encode() + b" ET", compress=rng.random() < 0.5), \
        "content-garbage", False


# --- YAML / JSON / text ---------------------------------------------------------------------------

def yaml_mutation(rng: random.Random, text: str, family: str) -> tuple[str, str, bool]:
    lines = text.splitlines()
    kind = rng.randrange(9)
    scalar_lines = _key_lines(lines)
    if kind == 0 and scalar_lines:  # a value replaced with a hostile number
        i = rng.choice(scalar_lines)
        number = rng.choice(HOSTILE_NUMBERS[:5])
        lines[i] = re.sub(r"(: ).*?(,?)$", lambda m: m.group(1) + number + m.group(2), lines[i], count=1)
        return "\n".join(lines), "hostile-number", True
    if kind == 1 and scalar_lines:  # a key line repeated: the second one must not win silently
        i = rng.choice(scalar_lines)
        lines.insert(i + 1, lines[i])
        return "\n".join(lines), "duplicate-key", True
    if kind == 2:
        value = rng.choice(("../../../etc/passwd", "xinjiang-2099", "", "generic2"))
        mutated = re.sub(r"([\"']?profile[\"']?: )[\"']?[\w-]+[\"']?", lambda m: m.group(1) + f'"{value}"', text, count=1)
        return mutated, "unknown-profile", mutated != text
    if kind == 3:
        mutated = re.sub(r"([\"']?schema_version[\"']?: )[\"']?\w+[\"']?", r'\1"99"', text, count=1)
        if mutated == text:  # written without it (the default): add it
            mutated = text.replace("{", '{"schema_version": "99", ', 1) if family == "json" else 'schema_version: "99"\n' + text
        return mutated, "unknown-schema", True
    if kind == 4 and family == "yaml":
        return hostile.yaml_billion_laughs(rng.randint(3, 9)), "billion-laughs", True
    if kind == 5:
        depth = rng.choice((50, 200, 2000))
        return text.rstrip("}\n ") + (", " if family == "json" else "\nx: ") + "[" * depth + "]" * depth \
            + ("}" if family == "json" else ""), f"nesting {depth}", depth > 100
    if kind == 6:
        rng.shuffle(lines)
        return "\n".join(lines[: rng.randint(1, len(lines))]), "shuffle", False
    if kind == 7 and scalar_lines:
        i = rng.choice(scalar_lines)
        lines[i] = lines[i] + " " + rng.choice(HOSTILE_TEXT)
        return "\n".join(lines), "hostile-text", False
    data = rng.choice(BYTE_MUTATIONS)(rng, text.encode())
    return data.decode("utf-8", errors="replace"), "bytes", False


def text_mutation(rng: random.Random, text: str) -> tuple[str, str]:
    lines = text.splitlines()
    kind = rng.randrange(6)
    if kind == 0:
        rng.shuffle(lines)
        return "\n".join(lines), "shuffle"
    if kind == 1:
        for _ in range(rng.randint(1, 20)):
            i = rng.randrange(len(lines))
            lines[i] = re.sub(r"\d[\d,.]*", lambda m: rng.choice(HOSTILE_NUMBERS), lines[i], count=1)
        return "\n".join(lines), "hostile-numbers"
    if kind == 2:
        i = rng.randrange(len(lines))
        lines[i] = lines[i] + rng.choice(("\t", " ", "万元", "\f")) * rng.choice((1000, 100_000))
        return "\n".join(lines), "long-line"
    if kind == 3:
        return "\n".join(lines[: rng.randrange(len(lines))]), "truncate"
    if kind == 4:
        return "\n".join(line.replace("\t", rng.choice(("", "  ", "\t\t", ","))) for line in lines), "separators"
    data = rng.choice(BYTE_MUTATIONS)(rng, text.encode())
    return data.decode("utf-8", errors="replace"), "bytes"


def mutate(family: str, rng: random.Random) -> tuple[bytes, str, str, bool]:
    """One damaged input of ``family``: (data, suffix, mutation name, must be refused or reported)."""
    data = seed(family)
    if family == "pdf":
        out, name, refuse = pdf_mutation(rng, data)
        return out, ".pdf", name, refuse
    if family in ("docx", "xlsx"):
        if rng.random() < 0.2:
            mutation = rng.choice(BYTE_MUTATIONS)
            return mutation(rng, data), f".{family}", mutation.__name__, False
        out, name, refuse = zip_mutation(rng, data, family)
        return out, f".{family}", name, refuse
    if family in ("yaml", "json"):
        out, name, refuse = yaml_mutation(rng, data.decode("utf-8"), family)
        return out.encode("utf-8", errors="surrogatepass"), f".{family}", name, refuse
    out, name = text_mutation(rng, data.decode("utf-8"))
    return out.encode("utf-8", errors="surrogatepass"), ".txt", name, False


def _key_lines(lines: list[str]) -> list[int]:
    """Lines holding one ``key: value`` of a block mapping (not a list item, not inside a ``|`` text)."""
    out = []
    for i, line in enumerate(lines):
        if not re.match(r'\s*"?[A-Za-z_][\w.]*"?: [^&*{\[|>\s]', line):
            continue
        indent = len(line) - len(line.lstrip())
        parent = next((lines[j] for j in range(i - 1, -1, -1)
                       if lines[j].strip() and len(lines[j]) - len(lines[j].lstrip()) < indent), "")
        if not parent.rstrip().endswith(("|", "|-", ">", ">-")):
            out.append(i)
    return out
