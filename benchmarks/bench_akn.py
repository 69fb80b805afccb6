"""Writing a 300-paragraph resolution as AKN and validating it against akomantoso30.xsd,
and at 10x to check linear growth; reading it back for comparison.

Run: python benchmarks/bench_akn.py
"""

from __future__ import annotations

import time

from timing import median_seconds

from asp_draft.model import Document, Footnote, Paragraph

RUNS = 5
BUDGET_S = 1.0  # a 300-paragraph `build` within a second, validation included
_PROSE = ("the Assembly requests the Court to continue its work on cooperation with States "
          "Parties and to report on the implementation of its mandate in accordance with the "
          "Rome Statute and the relevant resolutions")
_WORDS = _PROSE.split(" ")


def document(paragraphs: int) -> Document:
    """A resolution of `paragraphs` paragraphs: a fifth preamble, numbered paragraphs with
    (a)-(c) and (i)-(ii), headings, footnotes mid-sentence and at the end, an annex."""
    out: list[Paragraph] = []
    for i in range(paragraphs // 5):
        text = f"Recalling {' '.join(_WORDS[: 20 + i % 15])},"
        out.append(Paragraph("preamble", text, lead="Recalling", clause=f"c{i}", version=2017))
    n = 0
    while len(out) < paragraphs - 5:
        n += 1
        if n % 40 == 20:
            out.append(Paragraph("operative", f"Section {n}", heading=True))
        words = " ".join(_WORDS[: 25 + n % 10])
        text = f"Requests {words};"
        notes = (Footnote(f"ICC-ASP/18/{n}, para. {n}.", 17), Footnote("Rome Statute.",
                                                                          len(text)))
        out.append(Paragraph("operative", text, lead="Requests", number=str(n),
                             footnotes=notes if n % 11 == 5 else ()))
        if n % 7 == 3:
            out += [Paragraph("operative", f"to {words};", number=c, level=1) for c in "abc"]
            out += [Paragraph("operative", f"to {words};", number=r, level=2) for r in
                    ("i", "ii")]
    out += [Paragraph("annex", f"The {' '.join(_WORDS[:12])}.", number=str(k),
                      annex="Annex I: Mandates") for k in range(1, paragraphs - len(out) + 1)]
    return Document(meta={"symbol": "ICC-ASP/18/Res.6", "year": 2019, "session": 18,
                          "chapeau": "The Assembly of States Parties,", "status": "draft",
                          "title": "Strengthening the International Criminal Court"},
                    paragraphs=tuple(out))


def main() -> None:
    """Print the timings and whether the budget holds."""
    from asp_draft.readers.akn import parse_akn
    from asp_draft.writers.akn import akn_errors, akn_schema, render_akn

    start = time.perf_counter()
    akn_schema()  # once per process: the schema is cached after this
    print(f"load akomantoso30.xsd: {(time.perf_counter() - start) * 1000:7.1f} ms (once)")
    results: dict[int, float] = {}
    for size in (300, 3000):
        doc = document(size)
        data = render_akn(doc)
        assert akn_errors(data) == [], akn_errors(data)[:3]
        assert parse_akn(data, "bench.xml") == doc
        write = median_seconds(lambda doc=doc: render_akn(doc), RUNS)  # type: ignore[misc]
        check = median_seconds(lambda data=data: akn_errors(data), RUNS)  # type: ignore[misc]
        read = median_seconds(lambda data=data: parse_akn(data, "bench.xml"),  # type: ignore[misc]
                              RUNS)
        results[size] = write + check
        print(f"{len(doc.paragraphs):5d} paragraphs ({len(data) // 1024} KB): write "
              f"{write * 1000:6.1f} ms, validate {check * 1000:6.1f} ms, read back "
              f"{read * 1000:6.1f} ms")
    ratio = results[3000] / results[300]
    print(f"10x the paragraphs: {ratio:.1f}x the time to write and validate (linear is ~10x)")
    verdict = "within" if results[300] < BUDGET_S else "OVER"
    print(f"300 paragraphs written and validated: {verdict} the {BUDGET_S:.0f} s build budget")


if __name__ == "__main__":
    main()
