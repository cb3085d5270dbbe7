"""The codebook (a versioned typology, ``config/codebook.yaml``): its model, its loader and the
matcher that applies a dimension to one service record, returning the evidence for each code.
Dimensions with ``applies_to: notes`` code pseudonymised notes instead (fields ``text`` and
``text_en``), with their own negation scope (``notes_negation``) and survey options as
structured evidence (``answers``, matched by :mod:`pipeline.coding`).

Evidence is a span in one item of one field of the record: ``(field, item, start, end)``
offsets into ``record[field][item]`` (``item`` is 0 for plain-text fields such as
``description``), so every code can be traced back to the words that triggered it.
Structured fields listed in a code's ``fields`` (e.g. ``emails`` for the email channel) are
evidence as a whole, and so are the source attributes listed in its ``source_attributes``.
Every piece of evidence says which method produced it: ``source_field`` (a structured field or
what the source states), ``text_rule`` (a cue or pattern in text) or ``fallback``.

Text is matched two ways. ``cues`` are plain words and phrases per language, matched with a
spaCy ``PhraseMatcher`` on normalised tokens (see :func:`normal_form`: the lemma from
spacy-lookups-data's lookup table, then its Snowball stem), in a blank ``spacy.blank(lang)``
pipeline, so 'chats', 'chatting' and 'chateando' all match the cue 'chat'/'chatear' without a
regular expression; a language with no lemma table or stemmer still matches on lower case.
``patterns`` are case-insensitive regular expressions, kept for what a regex is the right
tool for (numbers and short codes, 'text HOME to 741741', phrases with gaps). Both never match
inside web or e-mail addresses (masked first, offsets kept) and not where negated.
Hyphens between letters read as spaces in cues and text ('in person' matches 'In-person').
A code's ``weak`` evidence counts only where no other code of the dimension has evidence of its
own (precedence between codes: a phone number makes a helpline only where nothing else says
what a service is), and a cue inside one of its ``not_in`` phrases is not evidence ('video
call' is not a voice call). A code's ``alongside`` evidence counts only beside another code
found by evidence of its own, and then despite ``unless`` (a child helpline that also serves
adult victims of gender-based violence is also another helpline).

:func:`load_codebook` raises ConfigError naming the file when the codebook is malformed, a
pattern does not compile, or a field it searches is not a column of the services table.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator

from pipeline import paths, schema
from pipeline.config import ConfigError, Strict, _load


class Rules(Strict):
    """Where a code's evidence comes from: structured fields, per-language cues and regular
    expressions (see :class:`Code`)."""
    # Case-insensitive regular expressions matched on text evidence (labels, page lines,
    # descriptions), in any language the demo and real data use.
    patterns: tuple[str, ...] = ()
    # Structured fields whose non-empty (or true) values are themselves evidence (e.g. emails).
    fields: tuple[str, ...] = ()
    # Plain words and phrases per language (ISO 639-1, as spaCy names languages), matched on
    # normalised tokens in the record's languages (see match_dimension): 'chat' matches 'chats';
    # '=word' matches the word as written only (lower case).
    cues: dict[str, tuple[str, ...]] = Field(default_factory=dict)

    @field_validator("cues")
    @classmethod
    def _cue_languages(cls, v):
        bad = sorted(lang for lang in v if not _is_spacy_language(lang))
        if bad:
            raise ValueError(f"cues: not a language spaCy knows (ISO 639-1): {bad}")
        empty = sorted(lang for lang, cues in v.items() if not all(c.strip() for c in cues))
        if empty:
            raise ValueError(f"cues: empty cue in {empty}")
        return v

    @field_validator("patterns")
    @classmethod
    def _compiles(cls, v):
        _check_patterns(v)
        return v

    def rule_names(self) -> set[str]:
        """The ``rule`` each piece of evidence from these rules records."""
        return ({f"field:{f}" for f in self.fields} | set(self.patterns)
                | {f"cue:{lang}:{cue}" for lang, cues in self.cues.items() for cue in cues})


class Weak(Rules):
    """Weak evidence of a code (see :class:`Code`)."""
    # The codes whose own evidence overrides this weak evidence; empty: any other code.
    against: tuple[str, ...] = ()


class Alongside(Rules):
    """Evidence of a code that counts only beside one of ``codes`` (see :class:`Code`)."""
    # Codes of the same dimension beside which this evidence counts, despite ``unless``.
    codes: tuple[str, ...] = ()


class Code(Rules):
    id: str = Field(pattern=r"^[A-Z]{2,3}\d{2}$")
    slug: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    definition: str
    include: str = ""
    exclude: str = ""
    source: str
    # What a source states about a record (``services.source_attributes``, set by its adapter,
    # e.g. 'chi_member'): a listed attribute is evidence for this code.
    source_attributes: tuple[str, ...] = ()
    # Codes of the same dimension that, when found, make this one not apply (e.g. a helpline
    # that is not for children: other_helpline unless child_helpline).
    unless: tuple[str, ...] = ()
    # Cues searched in one field only: a bare 'Facebook' is a channel in the list of channels
    # a directory says a service offers (channel_labels), not in a list of links.
    patterns_in: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    # Codes of other dimensions, one of which must be found too: dimension -> code IDs, where
    # 'none' means that no code of that dimension was found.
    requires: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    # Notes only: a survey's multi-select question -> the English answer options (fixed
    # choices, compared case-insensitively) that are structured evidence for this code.
    answers: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    # Weak evidence: counts only where no other code of the dimension has evidence of its own
    # kind (a phone number makes a service a helpline when nothing says what else it is; a
    # child helpline that offers 'emotional support' is not also a crisis line).
    weak: Weak = Weak()
    # Regular expressions naming phrases that contain a cue of this code without being
    # evidence for it: a span inside one of their matches is dropped ('video call' is not a
    # voice call; 'chat with us on WhatsApp' is a messaging app, not web chat).
    not_in: tuple[str, ...] = ()
    # Evidence that counts only where one of ``alongside.codes`` has evidence of its own, and
    # then even though this code's ``unless`` names that code: a child helpline that also
    # serves adult victims of domestic or gender-based violence is also a helpline for them
    # (other helpline), though a helpline is otherwise either a child helpline or not.
    alongside: Alongside = Alongside()

    @field_validator("patterns_in")
    @classmethod
    def _compiles_in(cls, v):
        for patterns in v.values():
            _check_patterns(patterns)
        return v

    @field_validator("not_in")
    @classmethod
    def _compiles_not_in(cls, v):
        _check_patterns(v)
        return v

    @model_validator(mode="after")
    def _weak_is_not_also_strong(self):
        both = sorted(self.weak.rule_names() & Rules.rule_names(self))
        if both:
            raise ValueError(f"{self.id}: evidence both weak and not: {both}")
        along = self.alongside.rule_names()
        twice = sorted(along & (self.weak.rule_names() | Rules.rule_names(self)))
        if twice:
            raise ValueError(f"{self.id}: 'alongside' evidence is also other evidence: {twice}")
        if along and not self.alongside.codes:
            raise ValueError(f"{self.id}: 'alongside' evidence names no code it counts beside")
        return self

    def cues_in(self, field: str) -> tuple[str, ...]:
        """The regex patterns searched in ``field`` (weak and alongside ones included)."""
        return (self.patterns + self.weak.patterns + self.alongside.patterns
                + tuple(self.patterns_in.get(field, ())))

    def cues_of(self, lang: str) -> tuple[str, ...]:
        """The cues (weak and alongside ones included) of ``lang``."""
        return (self.cues.get(lang, ()) + self.weak.cues.get(lang, ())
                + self.alongside.cues.get(lang, ()))

    @property
    def evidence_fields(self) -> tuple[str, ...]:
        """Structured fields whose values are evidence (weak and alongside ones included)."""
        return self.fields + self.weak.fields + self.alongside.fields

    @cached_property
    def weak_rules(self) -> frozenset[str]:
        """The ``rule`` names of this code's weak evidence."""
        return frozenset(self.weak.rule_names())

    @cached_property
    def alongside_rules(self) -> frozenset[str]:
        """The ``rule`` names of this code's ``alongside`` evidence."""
        return frozenset(self.alongside.rule_names())


@cache
def _is_spacy_language(lang: str) -> bool:
    """``lang`` has a language class in spaCy (``spacy/lang/<lang>/``), found without importing
    spaCy: importing it pulls in thinc and torch (seconds), and loading the codebook must stay
    light for the submitter's validator (issue 13: an answer in under 2 s)."""
    import importlib.util

    spec = importlib.util.find_spec("spacy")
    return bool(spec and spec.origin and re.fullmatch(r"[a-z]{2,3}", lang)
                and (Path(spec.origin).parent / "lang" / lang / "__init__.py").is_file())


def _check_patterns(patterns) -> None:
    for p in patterns:
        try:
            re.compile(p)
        except re.error as e:
            raise ValueError(f"pattern {p!r} does not compile: {e}") from e


class Dimension(Strict):
    id: str = Field(pattern=r"^[a-z][a-z_]*$")
    label: str
    source: str
    # What the dimension codes: service records (the services table) or consultation notes
    # (the pseudonymised notes table and the survey's multi-select answers).
    applies_to: Literal["services", "notes"] = "services"
    # Text fields of a service (of a note, for notes dimensions) searched for this
    # dimension's patterns, in order.
    search_fields: tuple[str, ...]
    fallback_code: str | None = None
    codes: tuple[Code, ...]

    @model_validator(mode="after")
    def _fallback_exists(self):
        ids = {c.id for c in self.codes}
        if self.fallback_code and self.fallback_code not in ids:
            raise ValueError(f"fallback_code {self.fallback_code} is not a code of {self.id}")
        if self.applies_to == "services" and any(c.answers for c in self.codes):
            raise ValueError(f"{self.id}: 'answers' (survey choices) apply to notes dimensions only")
        return self

    def answer_codes(self, question: str, answer: str) -> tuple[Code, ...]:
        """Codes whose ``answers`` list ``answer`` (case-insensitive) for ``question``."""
        key = answer.strip().casefold()
        return tuple(c for c in self.codes
                     if key in {a.casefold() for a in c.answers.get(question, ())})


class Negation(Strict):
    """Negation scope (case-insensitive regular expressions): a text cue is not evidence when,
    in the same clause, a ``before`` cue ends at most ``window`` words before it ("we do not
    offer chat", "sin chat") or an ``after`` cue follows it ("chat (not available)", "this
    number is no longer in use"), unless the negation is one of ``not_negation`` ("do not
    hesitate to call", "no cost to call")."""

    window: int = Field(4, ge=0, le=10)
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    not_negation: tuple[str, ...] = ()

    @field_validator("before", "after", "not_negation")
    @classmethod
    def _compiles(cls, v):
        _check_patterns(v)
        return v


class Codebook(Strict):
    version: str
    title: str
    negation: Negation = Negation()
    # Negation scope for notes dimensions (the survey's languages too); services keep theirs.
    notes_negation: Negation | None = None
    dimensions: tuple[Dimension, ...]

    @model_validator(mode="after")
    def _unique_codes(self):
        ids = [c.id for d in self.dimensions for c in d.codes]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"code ids used twice: {dupes}")
        for d in self.dimensions:
            own = {c.id for c in d.codes}
            bad = sorted({u for c in d.codes for u in c.unless + c.weak.against
                          + c.alongside.codes if u not in own})
            if bad:
                raise ValueError(f"{d.id}: 'unless', 'weak.against' or 'alongside.codes' names "
                                 f"codes not in the dimension: {bad}")
        codes_of = {d.id: {c.id for c in d.codes} for d in self.dimensions}
        bad = sorted(f"{c.id} requires {dim}: {ids}" for d in self.dimensions for c in d.codes
                     for dim, ids in c.requires.items()
                     if dim == d.id or not set(ids) - {"none"} <= codes_of.get(dim, set()))
        if bad:
            raise ValueError(f"'requires' names no code of another dimension: {bad}")
        return self

    def check_fields(self, columns, applies_to: str = "services") -> None:
        """Raise ValueError naming every ``search_fields``/``fields`` entry of the dimensions
        that apply to ``applies_to`` that is not one of ``columns`` (the services or notes
        table's): a misspelt field would silently match nothing."""
        columns = set(columns)
        dims = [d for d in self.dimensions if d.applies_to == applies_to]
        bad = sorted({f"{d.id}.search_fields: {f}" for d in dims
                      for f in d.search_fields if f not in columns}
                     | {f"{c.id}.patterns_in: {f}" for d in dims for c in d.codes
                        for f in c.patterns_in if f not in d.search_fields}
                     | {f"{c.id}.fields: {f}" for d in dims for c in d.codes
                        for f in c.evidence_fields if f not in columns})
        if bad:
            raise ValueError(f"not a column of the {applies_to} table (or, for patterns_in, not "
                             f"a search field of the dimension): {'; '.join(bad)}")

    def applying_to(self, kind: str) -> tuple[Dimension, ...]:
        """The dimensions that code ``kind`` ('services' or 'notes'), in codebook order."""
        return tuple(d for d in self.dimensions if d.applies_to == kind)

    def negation_for(self, kind: str) -> Negation:
        """The negation scope of ``kind``'s dimensions (notes fall back to the services')."""
        return self.notes_negation if kind == "notes" and self.notes_negation else self.negation

    @cached_property
    def coding_order(self) -> tuple[Dimension, ...]:
        """Dimensions that some code ``requires`` first, then the others (computed once)."""
        needed = {d for dim in self.dimensions for c in dim.codes for d in c.requires}
        return tuple(sorted(self.dimensions, key=lambda d: d.id not in needed))

    def dimension(self, dim_id: str) -> Dimension:
        for d in self.dimensions:
            if d.id == dim_id:
                return d
        raise KeyError(dim_id)



def load_codebook(path: Path | None = None) -> Codebook:
    path = Path(path or paths.codebook_file()).resolve()
    codebook = _load(Codebook, path)
    try:
        codebook.check_fields(schema.columns("services"))
        codebook.check_fields(schema.columns("notes"), "notes")
    except ValueError as e:
        raise ConfigError(f"{path}: {e}") from None
    return codebook


@dataclass(frozen=True)
class Evidence:
    code_id: str
    field: str
    item: int
    start: int
    end: int
    text: str
    rule: str  # the pattern that matched, 'field:<name>', 'attribute:<name>' or 'fallback'
    method: str = "text_rule"  # 'source_field', 'text_rule' or 'fallback'


@cache
def _compiled(code_id: str, patterns: tuple[str, ...],
              flags: int = re.IGNORECASE) -> re.Pattern | None:
    """All of a code's patterns as one alternation; group ``p<i>`` tells which one matched.

    One scan per text item and code; matches come out left to right and never overlap, so
    'mobile app' in a label is one segment, not also 'app'.
    """
    if not patterns:
        return None
    return re.compile("|".join(f"(?P<p{i}>{p})" for i, p in enumerate(patterns)), flags)


def _required_literals(items) -> frozenset[str] | None:
    """Literals (lower case, 2+ characters) one of which every match of the parsed pattern
    ``items`` contains, or None when there are none: the longest run of literal characters,
    or the alternatives of a group or branch ('\\bhaine\\b|\\bracis\\w*' -> {'haine',
    'racis'}), whichever has the longest shortest literal. Assertions and optional parts
    require nothing."""
    import re._parser as sre_parse  # the standard library's own regex parser

    options: list[frozenset[str]] = []
    run = ""
    for op, arg in items:
        if op is sre_parse.LITERAL:
            run += chr(arg).lower()
            continue
        if len(run) >= 2:
            options.append(frozenset([run]))
        run = ""
        inner = None
        if op is sre_parse.SUBPATTERN:
            inner = _required_literals(arg[3])
        elif op is sre_parse.BRANCH:
            branches = [_required_literals(b) for b in arg[1]]
            inner = None if any(b is None for b in branches) else frozenset().union(*branches)
        elif op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT) and arg[0] >= 1:
            inner = _required_literals(arg[2])
        if inner:
            options.append(inner)
    if len(run) >= 2:
        options.append(frozenset([run]))
    return max(options, key=lambda o: (min(map(len, o)), -len(o)), default=None)


@cache
def _anchors(patterns: tuple[str, ...]) -> tuple[str, ...] | None:
    """Literals one of which every match of one of ``patterns`` contains; None when some
    pattern has none (always scan). The notes' codes are alternations of phrases: with one
    literal per pattern only, 72 of 101 codes with patterns were searched in every record
    (10,000 services and notes: 78 s of the code stage's 193 s in regular expressions)."""
    import re._parser as sre_parse

    anchors: set[str] = set()
    for p in patterns:
        found = _required_literals(sre_parse.parse(p))
        if not found:
            return None
        anchors |= found
    return tuple(sorted(anchors))


@lru_cache(maxsize=1 << 16)
def _scan(code_id: str, patterns: tuple[str, ...], text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, rule) of every match; cached, since labels and page lines repeat a lot."""
    return tuple((m.start(), m.end(), patterns[int(m.lastgroup[1:])])
                 for m in _compiled(code_id, patterns).finditer(text))


def _items(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, bool) or type(value).__name__ == "bool_":  # a true flag is evidence
        return ["true"] if value else []
    return [str(v) for v in value]


# Web addresses and e-mail addresses: cues never match inside them ('…/telefon.html').
ADDRESS = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
                     r"|\b(?:[\w-]+\.)+(?:com|org|net|gov|edu|int|info|app|io|[a-z]{2})\b(?:/\S*)?",
                     re.IGNORECASE)
CLAUSE_END = re.compile(r"[.;!?\n]")


@lru_cache(maxsize=1 << 16)
def _masked(text: str) -> str:
    """``text`` with web and e-mail addresses blanked (same length, so offsets hold)."""
    return ADDRESS.sub(lambda m: " " * len(m.group()), text)


@cache
def _negation_res(negation: Negation) -> tuple[re.Pattern | None, ...]:
    def one(patterns):
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE) if patterns else None
    return one(negation.before), one(negation.after), one(negation.not_negation)


def negated(text: str, start: int, end: int, negation: Negation | None) -> bool:
    """True when the cue at ``text[start:end]`` is negated within its clause (see
    :class:`Negation`)."""
    if negation is None:
        return False
    before, after, exempt = _negation_res(negation)
    clause_start = max((m.end() for m in CLAUSE_END.finditer(text, 0, start)), default=0)
    following = CLAUSE_END.search(text, end)
    clause = text[clause_start:following.start() if following else len(text)]
    if exempt is not None and exempt.search(clause):
        return False
    # a negation before the cue reaches back only to the last comma ('sin chat, solo teléfono')
    segment = text[clause_start:start].rsplit(",", 1)[-1]
    words = re.findall(r"[\w'’]+", segment)
    if before is not None and before.search(" ".join(words[-(negation.window + 1):])):
        return True
    tail = text[end:following.start() if following else len(text)][:40]
    return after is not None and bool(after.search(tail))


# --- Cue matching with spaCy -------------------------------------------------------------------

# Languages searched in every record besides its own: directories mix languages (a Spanish
# service name in a record in English, a French page line), so the languages the codebook
# promises cues in for services (issue 9) are always searched; a record's own languages (a
# note in Romanian) are searched first.
DEFAULT_LANGUAGES = ("en", "fr", "es", "pt", "de", "it", "ar")
# Snowball stemmers (snowballstemmer) by spaCy language code; Croatian uses the Serbian
# stemmer (Snowball's, written for Serbo-Croatian in Latin script). Slovenian has none.
STEMMERS = {"ar": "arabic", "ca": "catalan", "da": "danish", "de": "german", "el": "greek",
            "en": "english", "es": "spanish", "fr": "french", "hr": "serbian", "it": "italian",
            "nl": "dutch", "pt": "portuguese", "ro": "romanian", "ru": "russian", "sv": "swedish",
            "tr": "turkish"}


@cache
def _lemma_table(lang: str) -> Mapping:
    """spacy-lookups-data's lemma lookup table for ``lang`` as a plain dict ({} when it has
    none). Read straight from the package's file (spaCy's ``load_lookups`` takes five times
    as long, hashing every key)."""
    import spacy_lookups_data
    import srsly

    path = getattr(spacy_lookups_data, lang, {}).get("lemma_lookup")
    if path is None:
        return {}
    path = Path(path)
    gz = path.with_name(path.name + ".gz")
    return srsly.read_gzip_json(gz) if gz.exists() else srsly.read_json(path)


@cache
def _stemmer(lang: str):
    import snowballstemmer
    return snowballstemmer.stemmer(STEMMERS[lang]) if lang in STEMMERS else None


@lru_cache(maxsize=1 << 18)
def normal_form(lang: str, word: str) -> str:
    """The form cues and text are matched on: the word's lemma from spacy-lookups-data's lookup
    table (as written, else in lower case), lower-cased, then its Snowball stem where the
    language has a stemmer ('chateando' and 'chatear' -> 'chat'; 'children' -> 'child'), then
    without accents or other combining marks ('bénévole' and 'benevole' match)."""
    table = _lemma_table(lang)
    lemma = table.get(word) or table.get(word.lower()) or word
    if isinstance(lemma, list):  # some tables (French) list several lemmas: take the first
        lemma = lemma[0]
    lemma = lemma.lower()
    stemmer = _stemmer(lang)
    stem = stemmer.stemWord(lemma) if stemmer is not None else lemma
    return "".join(ch for ch in unicodedata.normalize("NFKD", stem) if not unicodedata.combining(ch))


@cache
def _nlp(lang: str):
    """A blank spaCy pipeline for ``lang`` whose tokens carry ``normal_form`` as NORM (and the
    looked-up lemma as LEMMA): tokenizer only, no model, nothing downloaded."""
    import spacy
    nlp = spacy.blank(lang)
    # Split at hyphens between letters in every language (German keeps 'Peer-Beratung' whole),
    # so that a cue matches inside a hyphenated compound as a regex word boundary would.
    infixes = list(nlp.Defaults.infixes or ()) + [r"(?<=[^\W\d_])[-‐‑](?=[^\W\d_])"]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    nlp.add_pipe("codebook_normal_forms")
    return nlp


_NORMALISED: dict[str, set[int]] = {}


def _normal_forms(doc):
    """Set each word's normal form once, on its lexeme in the pipeline's vocabulary: tokens
    read their NORM from the lexeme, so a word seen before costs one set lookup."""
    done = _NORMALISED.setdefault(doc.lang_, set())
    for token in doc:
        if token.orth not in done:
            done.add(token.orth)
            if not token.is_space:
                doc.vocab[token.orth].norm_ = normal_form(doc.lang_, token.text)
    return doc


def _register_component() -> None:
    from spacy.language import Language
    if "codebook_normal_forms" not in Language.factories:
        Language.component("codebook_normal_forms", func=_normal_forms)


_MATCHERS: dict[tuple[int, str], tuple] = {}


def _phrase_matcher(dim: Dimension, lang: str):
    """(PhraseMatcher on NORM, PhraseMatcher on LOWER, {match key: (code ID, rule)}) for every
    cue of ``dim`` in ``lang``, built once per dimension and language; None when the dimension
    has no cue in ``lang``. A cue written '=word' is matched as written (lower case), not on its
    normal form: '=families' is not 'family', '=pères' is not the stem 'per'."""
    key = (id(dim), lang)
    cached = _MATCHERS.get(key)
    if cached is not None and cached[0] is dim:  # the dimension itself is kept: ids stay unique
        return cached[1]
    from spacy.matcher import PhraseMatcher
    cues = [(c.id, cue) for c in dim.codes for cue in c.cues_of(lang)]
    built = None
    if cues:
        _register_component()
        nlp = _nlp(lang)
        by_norm, as_written = PhraseMatcher(nlp.vocab, attr="NORM"), PhraseMatcher(nlp.vocab, attr="LOWER")
        rules = {}
        texts = [_unhyphenated(cue[1:] if cue.startswith("=") else cue) for _, cue in cues]
        for (code_id, cue), doc in zip(cues, nlp.pipe(texts)):
            name = f"{code_id}|{lang}:{cue}"
            rules[nlp.vocab.strings.add(name)] = (code_id, f"cue:{lang}:{cue}")
            (as_written if cue.startswith("=") else by_norm).add(name, [doc])
        built = (by_norm, as_written, rules)
    _MATCHERS[key] = (dim, built)
    return built


# A hyphen between letters: cues and text are matched with it read as a space, so 'in person'
# matches 'In-person' and 'e-mail' matches 'e mail' (same length, so offsets hold).
HYPHEN = re.compile(r"(?<=[^\W\d_])[-‐‑](?=[^\W\d_])")


def _unhyphenated(text: str) -> str:
    return HYPHEN.sub(" ", text)


@lru_cache(maxsize=4096)
def _doc(lang: str, text: str):
    """The tokenised, normalised ``text`` (cached: every dimension searches the same texts)."""
    _register_component()
    return _nlp(lang)(text)


@lru_cache(maxsize=1024)
def _iso639_1(code: str) -> str:
    import langcodes
    try:
        return langcodes.get(code).language if code else ""
    except (ValueError, LookupError):
        return ""


def record_languages(dim: Dimension, record: Mapping) -> tuple[str, ...]:
    """spaCy language codes whose cues of ``dim`` are searched in ``record``: its own
    ``languages`` (services, ISO 639-3) or ``language`` (notes), then DEFAULT_LANGUAGES; only
    languages ``dim`` has cues in."""
    cue_langs = {lang for c in dim.codes for lang in (*c.cues, *c.weak.cues, *c.alongside.cues)}
    named = _items(record.get("languages")) + _items(record.get("language"))
    ordered = dict.fromkeys([_iso639_1(str(n)) for n in named] + list(DEFAULT_LANGUAGES))
    return tuple(lang for lang in ordered if lang in cue_langs)


def _cue_matches(dim: Dimension, languages, masked: str) -> list[tuple[str, int, int, str]]:
    """(code ID, start, end, rule) of every cue of ``dim`` in ``masked`` text, for each language."""
    found = []
    for lang in languages:
        built = _phrase_matcher(dim, lang)
        if built is None:
            continue
        by_norm, as_written, rules = built
        doc = _doc(lang, _unhyphenated(masked))
        for key, s, e in by_norm(doc) + as_written(doc):
            code_id, rule = rules[key]
            found.append((code_id, doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), rule))
    return found


def _longest_first(spans):
    """Per code, drop spans inside a longer (or earlier equal) span of the same code: 'live chat'
    is one segment, not also 'chat'; a cue and a pattern on the same words are one segment."""
    kept: dict[str, list] = {}
    for code_id, start, end, rule in sorted(spans, key=lambda s: (s[1], -(s[2] - s[1]))):
        mine = kept.setdefault(code_id, [])
        if not any(s < end and start < e for _, s, e, _ in mine):
            mine.append((code_id, start, end, rule))
    return [s for spans in kept.values() for s in spans]


def match_dimension(dim: Dimension, record: Mapping, negation: Negation | None = None,
                    other_codes: Mapping[str, set[str]] | None = None) -> list[Evidence]:
    """All evidence for all codes of ``dim`` in ``record``, in codebook order.

    ``record`` maps field names to a string or a list of strings. Text cues never match inside
    web or e-mail addresses, and, given the codebook's ``negation``, not where negated. A code
    whose ``requires`` are not among ``other_codes`` (dimension -> code IDs found for the
    record) is dropped, then a code with weak evidence only (``Code.weak``) where another code
    (one of its ``weak.against``, if listed) has evidence that is not weak, then ``alongside``
    evidence where none of its ``alongside.codes`` has evidence of its own, then a code whose
    ``unless`` codes have evidence (but not its alongside evidence, where those codes are
    among its ``alongside.codes``). Falls back to ``dim.fallback_code`` (with no span, field '')
    when nothing matches.
    """
    found = _evidence(dim, record, negation)
    other_codes = other_codes or {}
    unmet = {c.id for c in dim.codes if c.requires and not any(
        set(ids) & other_codes.get(d, set()) or ("none" in ids and not other_codes.get(d))
        for d, ids in c.requires.items())}
    found = [e for e in found if e.code_id not in unmet]
    # alongside evidence takes no part in precedence between codes: it only adds a code
    along = {c.id: c.alongside_rules for c in dim.codes}
    beside = {c.id: set(c.alongside.codes) for c in dim.codes}
    # weak evidence counts only where no other code (none of its weak.against) has evidence of
    # its own: a child helpline that says 'emotional support' is not also a crisis line
    weak = {c.id: c.weak_rules for c in dim.codes}
    strong = {e.code_id for e in found
              if e.rule not in weak[e.code_id] and e.rule not in along[e.code_id]}
    against = {c.id: set(c.weak.against) or strong for c in dim.codes}
    found = [e for e in found if e.rule in along[e.code_id] or e.code_id in strong
             or not strong & against[e.code_id]]
    # alongside evidence counts only beside one of its codes, found by evidence of its own
    own = {e.code_id for e in found if e.rule not in along[e.code_id]}
    found = [e for e in found if e.rule not in along[e.code_id] or own & beside[e.code_id]]
    ids = {e.code_id for e in found}
    # a code gives way to its 'unless' codes, but its alongside evidence not to the codes it
    # counts beside (a child helpline for children and adult victims of violence: both)
    unless = {c.id: set(c.unless) & ids for c in dim.codes}
    found = [e for e in found if not unless[e.code_id]
             or (e.rule in along[e.code_id] and unless[e.code_id] <= beside[e.code_id])]
    if not found and dim.fallback_code:
        found.append(Evidence(dim.fallback_code, "", 0, 0, 0, "", "fallback", "fallback"))
    return found


def code_record(codebook: Codebook, record: Mapping, kind: str = "services"
                ) -> dict[str, list[Evidence]]:
    """Every evidence of each dimension that applies to ``kind`` ('services' or 'notes') for
    one record. Dimensions no code ``requires`` are coded first, so that a code can depend on
    another dimension (a child helpline is a helpline whose target group is children or young
    people)."""
    found: dict[str, set[str]] = {}
    result = {}
    negation = codebook.negation_for(kind)
    for dim in codebook.coding_order:
        if dim.applies_to != kind:
            continue
        result[dim.id] = match_dimension(dim, record, negation, found)
        found[dim.id] = {e.code_id for e in result[dim.id]}
    return {d.id: result[d.id] for d in codebook.applying_to(kind)}


def _evidence(dim: Dimension, record: Mapping, negation: Negation | None) -> list[Evidence]:
    """Every code's evidence before ``requires``, ``unless`` and the fallback."""
    found: list[Evidence] = []
    texts = {f: _items(record.get(f)) for f in dim.search_fields}
    joined = "\n".join(t for items in texts.values() for t in items)
    lowered = joined.lower()
    attributes = _items(record.get("source_attributes"))
    for code in dim.codes:
        for f in code.evidence_fields:
            for i, v in enumerate(_items(record.get(f))):
                if v.strip():
                    found.append(Evidence(code.id, f, i, 0, len(v), v, f"field:{f}", "source_field"))
        for i, v in enumerate(attributes):
            if v in code.source_attributes:
                found.append(Evidence(code.id, "source_attributes", i, 0, len(v), v,
                                      f"attribute:{v}", "source_field"))
    # Regex patterns: most codes do not occur in a record, so a substring check of each
    # pattern's required literal, then one search over the whole record, before scanning items.
    with_patterns = []
    for code in dim.codes:
        all_cues = (code.patterns + code.weak.patterns + code.alongside.patterns
                    + tuple(p for ps in code.patterns_in.values() for p in ps))
        if not all_cues:
            continue
        anchors = _anchors(all_cues)
        if anchors is not None and not any(a in lowered for a in anchors):
            continue
        # MULTILINE: the items are joined by newlines, and a pattern anchored to an item's start
        # or end ('^Sawa 121$', a service named by its number) must still find it
        if _compiled(code.id, all_cues, re.IGNORECASE | re.MULTILINE).search(joined):
            with_patterns.append(code)
    languages = record_languages(dim, record)
    for f, items in texts.items():
        for i, text in enumerate(items):
            if not text.strip():
                continue
            masked = _masked(text)
            spans = _cue_matches(dim, languages, masked)
            for code in with_patterns:
                patterns = code.cues_in(f)
                if patterns:
                    spans += [(code.id, s, e, rule)
                              for s, e, rule in _scan(code.id, patterns, masked)]
            excluded = _not_in_spans(dim, masked)
            found += [Evidence(code_id, f, i, start, end, text[start:end], rule)
                      for code_id, start, end, rule in _longest_first(spans)
                      if not negated(masked, start, end, negation)
                      and not any(s <= start and end <= e for s, e in excluded.get(code_id, ()))]
    order = {c.id: n for n, c in enumerate(dim.codes)}
    return sorted(found, key=lambda e: order[e.code_id])


def _not_in_spans(dim: Dimension, text: str) -> dict[str, list[tuple[int, int]]]:
    """code ID -> (start, end) of every match of the code's ``not_in`` phrases in ``text``."""
    return {c.id: [m.span() for m in _compiled(c.id + ":not_in", c.not_in).finditer(text)]
            for c in dim.codes if c.not_in}


def codes_found(dim: Dimension, record: Mapping, negation: Negation | None = None,
                other_codes: Mapping[str, set[str]] | None = None) -> list[str]:
    """Distinct code slugs of ``dim`` with evidence in ``record``, in codebook order."""
    ids = {e.code_id for e in match_dimension(dim, record, negation, other_codes)}
    return [c.slug for c in dim.codes if c.id in ids]
