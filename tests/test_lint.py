"""lint: each rule on a flawed and a correct example, then the command end to end."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from asp_draft.compare.lint import RULE_IDS, RULES, Finding, findings_data, findings_json, lint
from asp_draft.errors import RequestError
from asp_draft.model import Document, Paragraph
from asp_draft.readers.text import parse_text
from tests.conftest import one_line_error


def pp(text: str, lead: str | None = "") -> Paragraph:
    """A preambular paragraph; its lead is its first word unless given (None: no lead)."""
    return Paragraph("preamble", text, lead=text.split()[0] if lead == "" else lead)


def op(number: str, text: str) -> Paragraph:
    return Paragraph("operative", text, lead=text.split()[0], number=number)


def sub(number: str, text: str, level: int = 1) -> Paragraph:
    return Paragraph("operative", text, number=number, level=level)


def heading(text: str) -> Paragraph:
    return Paragraph("operative", text, heading=True)


def doc(*paragraphs: Paragraph, **meta: Any) -> Document:
    return Document(meta=meta, paragraphs=paragraphs)


DEFINES = "Convinced that the International Criminal Court (“the Court”) is essential,"

# A text that keeps every convention: each rule must stay silent on it.
CLEAN = doc(
    pp("Recalling the Rome Statute,"),
    pp(DEFINES),
    op("1", "Requests the Court to report to the Assembly at its seventeenth session;"),
    op("1 bis", "Invites States Parties and any State Party to act;"),
    op("2", "Decides:"),
    sub("a", "to meet;"),
    sub("b", "to adjourn; and"),
    sub("c", "to review:"),
    sub("i", "the budget; and", level=2),
    sub("ii", "the report;", level=2),
    heading("Budget"),
    op("3", "Notes the report of the 18th session and the “Plan”."),
    year=2018,
)


def test_the_clean_text_is_clean() -> None:
    assert lint(CLEAN) == []


# (rule, flawed document, [(label, words of the message)]) - the rule alone must find these
FIRES: list[tuple[str, Document, list[tuple[str, str]]]] = [
    ("preamble-lead", doc(pp("the Assembly recalls,", lead=None)), [("PP1", "has no lead")]),
    ("preamble-comma", doc(pp("Recalling the Statute;"), pp("Noting it")),
     [("PP1", "ends in ';'"), ("PP2", "ends in 't'")]),
    ("operative-semicolon", doc(op("1", "Requests it."), op("2", "Notes it.")),
     [("OP1", "ends in '.'; an operative paragraph ends in a semicolon")]),
    ("operative-semicolon", doc(op("1", "Requests it; and"), op("2", "Notes it.")),
     [("OP1", "ends in '; and'")]),
    ("operative-last-full-stop", doc(op("1", "Requests it;"), op("2", "Notes it;")),
     [("OP2", "ends in ';'; the last operative paragraph ends in a full stop")]),
    ("operative-last-full-stop",  # the last item of the last paragraph closes the text
     doc(op("1", "Decides:"), sub("a", "to meet;"), sub("b", "to adjourn;")),
     [("OP1(b)", "ends in ';'")]),
    ("subparagraph-colon", doc(op("1", "Decides;"), sub("a", "to meet;"), sub("b", "to go.")),
     [("OP1", "ends in ';'; a paragraph with sub-paragraphs introduces them with a colon")]),
    ("subparagraph-semicolon",
     doc(op("1", "Decides:"), sub("a", "to meet,"), sub("b", "to adjourn.")),
     [("OP1(a)", "ends in ','; a sub-paragraph ends in a semicolon")]),
    ("subparagraph-semicolon",
     doc(op("1", "Decides:"), sub("a", "to review:"), sub("i", "the budget.", 2),
         sub("ii", "the report;", 2), sub("b", "to adjourn.")),
     [("OP1(a)(i)", "ends in '.'")]),
    ("numbering-gap", doc(op("1", "A;"), op("3", "B.")),
     [("OP3", "OP3 follows OP1: 2 is missing")]),
    ("numbering-gap", doc(op("1", "A;"), op("5", "B.")), [("OP5", "2-4 are missing")]),
    ("numbering-gap", doc(op("2", "A;"), op("1", "B.")),
     [("OP2", "starts at 2, not 1"), ("OP1", "OP1 follows OP2: out of order")]),
    ("numbering-duplicate", doc(op("1", "A;"), op("2", "B;"), op("2", "C;"), op("3", "D.")),
     [("OP2", "number 2 is used twice (first at paragraph index 1)")]),
    ("numbering-bis-order", doc(op("1", "A;"), op("1 ter", "B;"), op("2", "C.")),
     [("OP1 ter", "OP1 ter follows OP1; it belongs right after OP1 bis")]),
    ("numbering-bis-order", doc(op("1", "A;"), op("2", "B;"), op("1 bis", "C.")),
     [("OP1 bis", "OP1 bis follows OP2; it belongs right after OP1")]),
    ("square-brackets", doc(pp("Recalling [the Statute] and [x],")),
     [("PP1", "square brackets left in the text: 'Recalling [the Statute] and [x],' (2 in all)")]),
    ("template-leftover", doc(pp("Recalling {{ year }},"), pp("Noting {% if x %}it,")),
     [("PP1", "{{"), ("PP2", "{%")]),
    ("double-space", doc(pp("Recalling  the Statute,")), [("PP1", "double space")]),
    ("space-before-punctuation", doc(pp("Recalling the Statute ,"), op("1", "Decides :")),
     [("PP1", "space before punctuation: '…ing the Statute ,'"), ("OP1", "Decides :")]),
    ("mixed-quotes", doc(pp("Noting the “Plan”,"), pp('Noting the "Plan",'), pp("Noting,")),
     [("PP2", "straight quotation marks in a document that opens with curly ones")]),
    ("mixed-quotes", doc(pp('Noting the "Plan" and the “Plan”,')),
     [("PP1", "curly quotation marks in a document that opens with straight ones")]),
    ("states-parties-case",
     doc(pp("Urging states parties,"), pp("Urging States parties and a state Party,")),
     [("PP1", "'states parties' should be 'States Parties'"),
      ("PP2", "'States parties' should be 'States Parties'; 'state Party' should be "
              "'State Party'")]),
    ("session-ordinal", doc(pp("Recalling what it said at its sixteenth session,"),
                            op("1", "Requests a report at its 16th session."), year=2018),
     [("PP1", "'sixteenth session' in a 2018 text, which is the seventeenth session"),
      ("OP1", "'16th session' in a 2018 text, which is the 17th session")]),
    ("session-ordinal", doc(pp("Recalling its fifteenth session,"), year="2017"),
     [("PP1", "which is the sixteenth session")]),
    ("court-defined-twice", doc(pp(DEFINES), pp('Recalling the Court ("the Court"),')),
     [("PP2", "'the Court' is defined again (first defined in PP1)")]),
    ("court-before-definition", doc(pp("Welcoming the Court's role,"), pp(DEFINES)),
     [("PP1", "'the Court' is used before it is defined in PP2")]),
    ("court-before-definition",
     doc(pp("Recalling that the Court, the International Criminal Court ( the Court ),")),
     [("PP1", "used before it is defined in PP1")]),
]

# (rule, document the rule must pass)
PASSES: list[tuple[str, Document]] = [
    ("preamble-lead", doc(pp("Recalling the Statute,"))),
    ("preamble-comma", doc(pp("Recalling the Statute,"), heading("Preamble heading"))),
    ("operative-semicolon", doc(op("1", "Requests it;"), heading("Budget"), op("2", "Notes it."))),
    ("operative-semicolon",  # a partial record may stop at any paragraph
     doc(op("1", "Requests it;"), op("2", "Notes it;"), completeness="partial: OP1-2 only")),
    ("operative-last-full-stop", doc(op("1", "Requests it;"), op("2", "Notes it."))),
    ("operative-last-full-stop", doc(pp("Recalling the Statute,"))),  # no operative part held
    ("operative-last-full-stop",
     doc(op("1", "Requests it;"), op("2", "Notes it;"), completeness="PARTIAL - two only")),
    ("operative-last-full-stop",
     doc(op("1", "Decides:"), sub("a", "to meet;"), sub("b", "to adjourn."))),
    ("subparagraph-colon", doc(op("1", "Decides:"), sub("a", "to meet;"), sub("b", "to go."))),
    ("subparagraph-semicolon",
     doc(op("1", "Decides:"), sub("a", "to meet; and"), sub("b", "to sit; or"),
         sub("c", "to adjourn;"), op("2", "Notes it."))),
    ("subparagraph-semicolon",
     doc(op("1", "Decides:"), sub("a", "to review:"), sub("i", "the budget;", 2),
         sub("ii", "the report;", 2), sub("b", "to adjourn."))),
    ("numbering-gap", doc(op("1", "A;"), op("1 bis", "B;"), op("2", "C;"), op("3", "D."))),
    ("numbering-duplicate", doc(op("1", "A;"), op("1 bis", "B;"), op("2", "C."))),
    ("numbering-bis-order", doc(op("1", "A;"), op("1 bis", "B;"), op("1 ter", "C;"),
                                op("2", "D."))),
    ("square-brackets", doc(pp("Recalling the Statute (1998),"))),
    ("template-leftover", doc(pp("Recalling the Statute,"))),
    ("double-space", doc(pp("Recalling the Statute, and the Court,"))),
    ("space-before-punctuation", doc(pp("Convinced that the Court ( the Court ) is essential,"))),
    ("mixed-quotes", doc(pp('Noting the "Plan",'), pp('Noting the "Court",'))),
    ("mixed-quotes", doc(pp("Noting the “Plan”,"), pp("Noting the “Court”,"))),
    ("states-parties-case",
     doc(pp("Urging States Parties and any State Party, including non-States Parties,"))),
    ("session-ordinal",  # its own session, later sessions and other bodies' sessions
     doc(pp("Recalling its seventeenth session and the 17th session,"),
         op("1", "Requests a report at its eighteenth session;"),
         op("2", "Notes the seventy-third session of the General Assembly."), year=2018)),
    ("session-ordinal", doc(pp("Recalling its sixteenth session,"))),  # no year: nothing known
    ("court-defined-twice", doc(pp(DEFINES), pp("Welcoming the Court's role,"))),
    ("court-before-definition", doc(pp(DEFINES), pp("Welcoming the Court's role,"))),
    ("court-before-definition", doc(pp("Welcoming the Court's role,"))),  # never defined
]


@pytest.mark.parametrize(("rule", "document", "expected"), FIRES,
                         ids=[f"{c[0]}-{n}" for n, c in enumerate(FIRES)])
def test_rule_fires_on_the_flaw(rule: str, document: Document,
                                expected: list[tuple[str, str]]) -> None:
    findings = lint(document, select=[rule])
    assert [f.label for f in findings] == [label for label, _ in expected]
    for finding, (_, words) in zip(findings, expected, strict=True):
        assert finding.rule == rule
        assert words in finding.message


@pytest.mark.parametrize(("rule", "document"), PASSES,
                         ids=[f"{c[0]}-{n}" for n, c in enumerate(PASSES)])
def test_rule_passes_the_correct_text(rule: str, document: Document) -> None:
    assert lint(document, select=[rule]) == []


def test_every_rule_has_a_flawed_and_a_correct_example() -> None:
    assert {c[0] for c in FIRES} == set(RULE_IDS)
    assert {c[0] for c in PASSES} == set(RULE_IDS)


def test_rule_ids_are_stable_readable_and_explained() -> None:
    assert RULE_IDS == (
        "preamble-lead", "preamble-comma", "operative-semicolon", "operative-last-full-stop",
        "subparagraph-colon", "subparagraph-semicolon", "numbering-gap", "numbering-duplicate",
        "numbering-bis-order", "square-brackets", "template-leftover", "double-space",
        "space-before-punctuation", "mixed-quotes", "states-parties-case", "session-ordinal",
        "court-defined-twice", "court-before-definition")
    for rule in RULES:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.id)
        assert rule.explanation.endswith(".") and "\n" not in rule.explanation


def test_headings_are_exempt_from_the_ending_rules() -> None:
    document = doc(op("1", "Requests it;"), heading("Budget"), heading("Staff:"),
                   op("2", "Notes it."))
    assert lint(document) == []


def test_findings_are_in_paragraph_then_rule_order() -> None:
    document = doc(pp("Noting  the “Plan” [x] ;"), pp('noting "it".', lead=None),
                   op("2", "Decides."), year=2018)
    assert [(f.index, f.label, f.rule) for f in lint(document)] == [
        (0, "PP1", "preamble-comma"),
        (0, "PP1", "square-brackets"),
        (0, "PP1", "double-space"),
        (0, "PP1", "space-before-punctuation"),
        (1, "PP2", "preamble-lead"),
        (1, "PP2", "preamble-comma"),
        (1, "PP2", "mixed-quotes"),
        (2, "OP2", "numbering-gap"),
    ]


def test_select_and_ignore() -> None:
    document = doc(pp("Noting  it ,"), year=2018)
    assert [f.rule for f in lint(document)] == ["double-space", "space-before-punctuation"]
    assert [f.rule for f in lint(document, ignore=["double-space"])] == [
        "space-before-punctuation"]
    assert [f.rule for f in lint(document, select=["double-space", "mixed-quotes"])] == [
        "double-space"]
    assert lint(document, select=["double-space"], ignore=["double-space"]) == []
    with pytest.raises(RequestError, match="unknown rule 'no-such-rule'; the rules are "
                                         "preamble-lead, preamble-comma"):
        lint(document, ignore=["no-such-rule"])


def test_rules_act_on_parsed_plain_text() -> None:
    document = parse_text("# year: 2018\n\nThe Assembly of States Parties,\n\n"
                          "Recalling its sixteenth session,\n\n1. Decides:\n\n(a) to meet.\n\n"
                          "(b) to adjourn;\n", "<test>")
    assert [(f.label, f.rule) for f in lint(document)] == [
        ("PP1", "session-ordinal"),
        ("OP1(a)", "subparagraph-semicolon"),
        ("OP1(b)", "operative-last-full-stop"),
    ]


def test_findings_json_shape() -> None:
    findings = [Finding("double-space", 3, "OP2(a)", "double space: 'a  b'")]
    assert findings_data(findings) == [
        {"rule": "double-space", "paragraph": "OP2(a)", "index": 3,
         "message": "double space: 'a  b'"}]
    assert json.loads(findings_json(findings)) == findings_data(findings)


# --- the command ---------------------------------------------------------------------------

@pytest.mark.parametrize("year", ["2011", "2012", "2014", "2015", "2016", "2017", "2018"])
def test_every_adopted_text_lints_clean(cli, year: str) -> None:
    result = cli("lint", year)
    assert result.code == 0, result.out
    assert result.out == ""
    assert re.fullmatch(r"no problems in ICC-ASP/\d+/Res\.\d+ \(a partial record: \d "
                        r"paragraphs held\)\n", result.err)


def test_the_symbol_lints_like_the_year(cli) -> None:
    result = cli("lint", "ICC-ASP/17/Res.5", "--json")
    assert (result.code, json.loads(result.out)) == (0, [])


FLAWED = """# symbol: ICC-ASP/17/Res.99
# year: 2018

The Assembly of States Parties,

Recalling the states parties ,

1. Requests the Bureau to report at its sixteenth session;

3. Decides to remain seized of the matter;
"""

FLAWED_FINDINGS = [
    {"rule": "space-before-punctuation", "paragraph": "PP1", "index": 0,
     "message": "space before punctuation: '… states parties ,'"},
    {"rule": "states-parties-case", "paragraph": "PP1", "index": 0,
     "message": "'states parties' should be 'States Parties'"},
    {"rule": "session-ordinal", "paragraph": "OP1", "index": 1,
     "message": "'sixteenth session' in a 2018 text, which is the seventeenth session"},
    {"rule": "operative-last-full-stop", "paragraph": "OP3", "index": 2,
     "message": "ends in ';'; the last operative paragraph ends in a full stop"},
    {"rule": "numbering-gap", "paragraph": "OP3", "index": 2,
     "message": "OP3 follows OP1: 2 is missing"},
]


@pytest.fixture
def flawed(tmp_path: Path) -> Path:
    path = tmp_path / "flawed.txt"
    path.write_text(FLAWED, encoding="utf-8")
    return path


def test_json_lists_every_finding_and_exits_1(cli, flawed: Path) -> None:
    result = cli("lint", flawed, "--json")
    assert result.code == 1
    assert json.loads(result.out) == FLAWED_FINDINGS
    assert result.err == "5 problems in ICC-ASP/17/Res.99\n"


def test_the_default_output_is_a_list_on_stdout(cli, flawed: Path) -> None:
    result = cli("lint", flawed)
    assert result.code == 1
    lines = result.out.splitlines()
    assert [line.split()[:2] for line in lines] == [
        [f["paragraph"], f["rule"]] for f in FLAWED_FINDINGS]
    for line, finding in zip(lines, FLAWED_FINDINGS, strict=True):
        assert line.endswith(str(finding["message"]))
    assert result.err == "5 problems in ICC-ASP/17/Res.99\n"


def test_square_brackets_are_printed_as_they_are(cli, tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_text("The Assembly of States Parties,\n\nRecalling [the Statute],\n")
    result = cli("lint", path)
    assert result.code == 1
    assert result.out == ("PP1  square-brackets  square brackets left in the text: "
                          "'Recalling [the Statute],'\n")
    assert result.err == f"1 problem in {path}\n"


def test_select_and_ignore_on_the_command_line(cli, flawed: Path) -> None:
    selected = cli("lint", flawed, "--json", "--select", "numbering-gap,session-ordinal",
                   "--select", "double-space")
    assert selected.code == 1
    assert [f["rule"] for f in json.loads(selected.out)] == ["session-ordinal", "numbering-gap"]
    ignored = cli("lint", flawed, "--json", "--ignore", "space-before-punctuation",
                  "--ignore", "states-parties-case,numbering-gap")
    assert [f["rule"] for f in json.loads(ignored.out)] == [
        "session-ordinal", "operative-last-full-stop"]
    clean = cli("lint", flawed, "--select", "double-space,mixed-quotes")
    assert (clean.code, clean.out, clean.err) == (0, "", "no problems in ICC-ASP/17/Res.99\n")


def test_rules_lists_every_id_with_its_explanation(cli) -> None:
    result = cli("lint", "--rules")
    assert result.code == 0
    lines = result.out.splitlines()
    assert [line.split()[0] for line in lines] == list(RULE_IDS)
    for line, rule in zip(lines, RULES, strict=True):
        assert line.endswith(rule.explanation)
    as_json = cli("lint", "--rules", "--json")
    assert json.loads(as_json.out) == [{"id": r.id, "explanation": r.explanation}
                                       for r in RULES]


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_an_unknown_rule_is_a_usage_error(cli, flawed: Path, option: str) -> None:
    line = one_line_error(cli("lint", flawed, option, "double-space,no-such-rule"))
    assert f"{option}: unknown rule 'no-such-rule'" in line
    assert ", ".join(RULE_IDS) in line


def test_a_missing_file_is_bad_input(cli, tmp_path: Path) -> None:
    line = one_line_error(cli("lint", tmp_path / "missing.txt"))
    assert line.endswith("missing.txt: no such file")


def test_lint_without_a_ref_says_what_to_give(cli) -> None:
    assert "give a REF to lint" in one_line_error(cli("lint"))


def test_standard_input(cli) -> None:
    result = cli("lint", "-", "--json", stdin=FLAWED)
    assert (result.code, json.loads(result.out)) == (1, FLAWED_FINDINGS)


SPEC = """year: 2018
symbol: ICC-ASP/17/Res.99
preamble:
  - responsibility-to-protect
  - text: "*Welcoming* the work of the states parties,"
operative:
  - text: "*Requests* the Bureau to report at its 16th session;"
  - text: "*Decides*:"
    sub: ["to meet;", "to adjourn;"]
"""

SPEC_FINDINGS = [("PP2", "states-parties-case"), ("OP1", "session-ordinal"),
                 ("OP2(b)", "operative-last-full-stop")]


@pytest.mark.parametrize("suffix", [".yaml", ".md", ".txt", ".docx"])
def test_every_kind_of_ref_is_linted_alike(cli, tmp_path: Path, suffix: str) -> None:
    spec = tmp_path / "draft.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    ref = spec
    if suffix != ".yaml":
        ref = tmp_path / f"draft{suffix}"
        assert cli("build", spec, "-o", ref).code == 0
    result = cli("lint", ref, "--json")
    assert result.code == 1
    assert [(f["paragraph"], f["rule"]) for f in json.loads(result.out)] == SPEC_FINDINGS


def test_an_annex_owes_no_operative_endings() -> None:
    """An annex's paragraphs are not operative paragraphs: no semicolon is owed."""
    doc = parse_text("The Assembly of States Parties,\n\nRecalling the Statute,\n\n"
                     "1. Adopts the rules annexed to the present resolution.\n\nAnnex\n\n"
                     "Rules of procedure\n\n1. The Bureau meets twice a year.\n\n"
                     "2. The Bureau decides by consensus.\n", "a.txt")
    assert [p.part for p in doc.paragraphs] == ["preamble", "operative", "annex", "annex"]
    assert [f.rule for f in lint(doc)] == []
