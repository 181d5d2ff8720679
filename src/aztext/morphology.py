"""A small suffix model: inflected forms the word list lacks.

Azerbaijani is agglutinative; a word list misses most inflections of rare
stems. Here a form is accepted as ``stem + suffix chain`` when the stem is in
the lexicon and the chain is built from common suffixes in slot order with
vowel harmony (``-lar/-lər``, ``-ın/-in/-un/-ün``, ``-da/-də``, ``-dan/-dən``,
``-a/-ə``, ``-ı/-i/-u/-ü``, ``-dır`` …), buffer consonants after vowels (n, y,
s) and the k→y, q→ğ change before a vowel (``qanunvericilik`` →
``qanunvericiliyi``).

Verbs: a stem (a verb stem, or a noun made a verb with ``-la/-lən``, ``-ıl``,
``-ın``, ``-dır``) takes an optional negation ``-ma/-mə`` and one tense or
mood with its person ending: imperative ``-ın``/``-ınız`` (``imzalayın``),
``-alım`` and ``-sın``; past ``-dı`` (``pırtladı``, ``gəldik``),
evidential ``-mış`` (``naxoşlamışam``, ``şirlənmişdilər``), present ``-ır``
(``dartır``, ``maraqlanmırlardı``), converb ``-ıb`` (``yıxıbsan``,
``görünübmüş``), aorist ``-ar/-maz``, future ``-acaq``, conditional ``-sa``,
necessity ``-malı``; participles ``-an``, ``-dıq``/``-dığı`` take noun
endings.

Templates use ``A`` for the two-way vowel (a/ə), ``I`` for the four-way
vowel (ı/i/u/ü) and ``Q`` for q/k (q after a back vowel); a leading ``(x)``
is a buffer consonant used only after a vowel, a leading ``I`` or ``A``
vowel is dropped after a vowel; a final q/k becomes ğ/y before a vowel.
"""

from __future__ import annotations

from functools import cache

from aztext.lexicon import paused_gc

BACK = "aıou"
VOWELS = "aıoueəiöü"
TWO_WAY = {"a": "a", "ı": "a", "o": "a", "u": "a", "e": "ə", "ə": "ə", "i": "ə", "ö": "ə", "ü": "ə"}
FOUR_WAY = {
    "a": "ı",
    "ı": "ı",
    "o": "u",
    "u": "u",
    "e": "i",
    "ə": "i",
    "i": "i",
    "ö": "ü",
    "ü": "ü",
}

#: Verb-forming slots, in order: noun → verb (-la, -laş, -lan), causative
#: (-dır), passive or reflexive (-ıl, -ın).
VERBALISER: tuple[tuple[str, ...], ...] = ((), ("lA",), ("lAş",), ("lAn",))
CAUSATIVE: tuple[tuple[str, ...], ...] = ((), ("dIr",))
VOICE: tuple[tuple[str, ...], ...] = ((), ("Il",), ("In",))
#: Verb stem suffix sequences before a verb ending (``maraq-lan-``, ``ümumi-ləş-dir-il-``).
VERB_STEM: tuple[tuple[str, ...], ...] = tuple(
    dict.fromkeys(v + c + p for v in VERBALISER for c in CAUSATIVE for p in VOICE)
)
#: Suffixes making a noun of a verb: -ma, -maq, -dıq (-dığı), -an, -ıcı.
NOMINALISER: tuple[tuple[str, ...], ...] = (("mA",), ("mAQ",), ("dIQ",), ("(y)An",), ("(y)IcI",))
#: Derivational suffix sequences before the noun endings (at most one sequence):
#: noun → noun (-lı, -sız, -lıq, -çı) and verb stem + nominaliser
#: (``təkmilləşdirilmə``, ``maliyyələşdirildiyi``).
NOUN_DERIVATION: tuple[tuple[str, ...], ...] = (
    ("lI",),
    ("sIz",),
    ("lIQ",),
    ("çI",),
    ("lI", "lIQ"),
    ("sIz", "lIQ"),
    ("Il",),
    ("lAş",),
    ("cIQ",),
)
DERIVATION: tuple[tuple[str, ...], ...] = (
    *NOUN_DERIVATION,
    *(stem + nominal for stem in VERB_STEM for nominal in NOMINALISER),
)
#: Person endings after the past, conditional (P1) and other tenses (P2).
PERSON_1 = ((), ("m",), ("n",), ("Q",), ("nIz",), ("lAr",))
PERSON_2 = ((), ("(y)Am",), ("sAn",), ("(y)IQ",), ("sInIz",), ("lAr",), ("dIr",))
#: Tense/mood suffixes with the person endings they take; ``dI`` after a
#: P2 tense makes its past (``-ırdı``, ``-mışdı``).
TENSES: tuple[tuple[tuple[str, ...], tuple[tuple[str, ...], ...], bool], ...] = (
    (("dI",), PERSON_1, False),
    (("sA",), PERSON_1, False),
    (("mIş",), PERSON_2, True),
    (("(y)Ir",), PERSON_2, True),
    (("(y)Ib",), PERSON_2, False),
    (("(y)Ib", "mIş"), PERSON_2, False),
    (("(y)Ar",), PERSON_2, True),
    (("(y)AcAQ",), ((), ("lAr",), ("dIr",)), True),
    (("mAlI",), PERSON_2, True),
    (("sIn",), ((), ("lAr",)), False),
    (("(y)In",), ((), ("Iz",)), False),
    (("(y)AlIm",), ((),), False),
    (("(y)A",), (("m",), ("sAn",), ("Q",), ("sInIz",), ("lAr",)), False),
    (("(y)ArAQ",), ((),), False),
    (("(y)AndA",), ((),), False),
    (("(y)AnAdək",), ((),), False),
    (("(y)IncA",), ((),), False),
    (("mAdAn",), ((),), False),
    (("(y)AndAn",), ((),), False),
)
#: Possessive endings (after an optional plural).
POSSESSIVE = ("(s)I", "Im", "In", "ImIz", "InIz", "lArI")
#: Case endings; the ``n`` forms follow a third-person possessive.
CASE = ("(n)In", "(y)I", "(y)A", "dA", "dAn", "(y)lA")
CASE_AFTER_POSS3 = ("nIn", "nI", "nA", "ndA", "ndAn", "(y)lA")
#: Final particles.
FINAL = ("dIr", "kI")

MORPHEME_COST = 1.5
MAX_SUFFIX_LEN = 16


def last_vowel(word: str, default: str = "a") -> str:
    """The last vowel of ``word`` (``default`` if it has none)."""
    for ch in reversed(word):
        if ch in VOWELS:
            return ch
    return default


def realise(template: str, base: str) -> str:
    """Spell one suffix template after ``base`` with harmony and buffers."""
    after_vowel = bool(base) and base[-1] in VOWELS
    if template.startswith("("):
        buffer, template = template[1], template[3:]
        if after_vowel:
            template = buffer + template
    elif template == "Il" and after_vowel:  # passive after a vowel: oxu-n, işlə-n
        template = "n"
    elif template.startswith("I") and after_vowel and len(template) > 1:
        template = template[1:]
    vowel = last_vowel(base)
    out = []
    for ch in template:
        if ch == "A":
            ch = TWO_WAY[vowel]
        elif ch == "I":
            ch = FOUR_WAY[vowel]
        elif ch == "Q":
            ch = "q" if vowel in BACK else "k"
        out.append(ch)
        if ch in VOWELS:
            vowel = ch
    return "".join(out)


#: First- and second-person possessives: rare in print, so they count as two morphemes.
RARE_POSSESSIVE = frozenset({("Im",), ("In",), ("ImIz",), ("InIz",)})


def _chains() -> dict[tuple[str, ...], int]:
    """All template chains in slot order → weight in morphemes.

    Nouns: derivation, plural, possessive, case, final particle. Verbs: voice,
    negation, tense, person. A first/second person possessive weighs two.
    """
    derivs: list[tuple[str, ...]] = [(), *DERIVATION]
    chains: dict[tuple[str, ...], int] = {}

    def add(chain: tuple[str, ...], rare: bool) -> None:
        if chain:
            weight = len(chain) + rare
            chains[chain] = min(weight, chains.get(chain, weight))
            if needs_verb(chain):
                VERB_CHAINS.add(chain)

    for deriv in derivs:
        for plural in [(), ("lAr",)]:
            for poss in [(), *((p,) for p in POSSESSIVE)]:
                if (plural and poss == ("lArI",)) or (len(deriv) > 2 and poss in RARE_POSSESSIVE):
                    continue
                poss3 = poss in {("(s)I",), ("lArI",)}
                for case in [(), *((c,) for c in (CASE_AFTER_POSS3 if poss3 else CASE))]:
                    for final in [(), *((f,) for f in FINAL)]:
                        if final == ("kI",) and case not in {("dA",), ("ndA",)}:
                            continue
                        add(deriv + plural + poss + case + final, poss in RARE_POSSESSIVE)
    for stem in VERB_STEM:
        for negation in [(), ("mA",)]:
            for tense, persons, past in TENSES:
                head = stem + negation + tense
                if negation and tense in {("(y)Ir",), ("(y)Ar",)}:  # -mır, -maz
                    head = stem + (("mIr",) if tense == ("(y)Ir",) else ("mAz",))
                for person in persons:
                    add(head + person, False)
                if past:
                    for person in PERSON_1:
                        add((*head, "dI", *person), False)
                    if persons is PERSON_2:
                        add((*head, "lAr", "dI"), False)
    return chains


#: first templates of the chains a noun takes.
NOUN_START = frozenset({d[0] for d in NOUN_DERIVATION} | {"lAr", *POSSESSIVE, *CASE, *FINAL})


def needs_verb(chain: tuple[str, ...]) -> bool:
    """Whether ``chain`` inflects a verb stem (no -la/-laş/-lan making one of a noun)."""
    if chain[0] in {"lA", "lAş", "lAn"}:
        return False
    return chain[0] not in NOUN_START


#: chains that only a verb stem takes (verb endings, -ma/-dıq/-an of a verb).
VERB_CHAINS: set[tuple[str, ...]] = set()
with paused_gc():
    CHAIN_WEIGHTS = _chains()
CHAINS = list(CHAIN_WEIGHTS)


def mutable(stem: str) -> bool:
    """True if a final k/q of ``stem`` turns into y/ğ before a vowel."""
    return stem[-1:] in ("k", "q") and sum(ch in VOWELS for ch in stem) >= 2


def extend(form: str, template: str, mutable_end: bool) -> str:
    """``form`` plus one suffix template; a final q/k turns ğ/y before a vowel
    when ``mutable_end`` (it belongs to a suffix, not to the stem)."""
    piece = realise(template, form)
    if mutable_end and piece[:1] in VOWELS and form[-1:] in ("q", "k"):
        form = form[:-1] + ("ğ" if form[-1] == "q" else "y")
    return form + piece


def attach(stem: str, chain: tuple[str, ...]) -> str:
    """Spell the suffix ``chain`` after ``stem`` (suffix part only)."""
    form = stem
    for template in chain:
        form = extend(form, template, len(form) > len(stem))
    return form[len(stem) :]


#: every stem signature: the four harmony classes, each without and with a final vowel.
SIGNATURES: tuple[tuple[str, bool], ...] = tuple(
    (vowel, final) for vowel in "ıiuü" for final in (False, True)
)


def signature(stem: str) -> tuple[str, bool]:
    """What suffix spelling depends on: the harmony class of the last vowel (one of
    ı i u ü, which fixes both the two- and the four-way vowel) and a vowel ending."""
    return FOUR_WAY[last_vowel(stem)], stem[-1:] in VOWELS


@cache
def chain_trie() -> tuple[list[int], list[str], list[int], list[bool]]:
    """All chains as a prefix tree: parent node, template, weight (−1 inside) and
    whether a verb stem is needed, per node; parents come before their children."""
    index: dict[tuple[str, ...], int] = {(): 0}
    parent, template, weight, verb = [-1], [""], [-1], [False]
    for chain, chain_weight in CHAIN_WEIGHTS.items():
        node = 0
        for i in range(len(chain)):
            child = index.get(chain[: i + 1])
            if child is None:
                child = index[chain[: i + 1]] = len(parent)
                parent.append(node)
                template.append(chain[i])
                weight.append(-1)
                verb.append(False)
            node = child
        if weight[node] < 0 or chain_weight < weight[node]:
            weight[node] = chain_weight
        verb[node] = chain in VERB_CHAINS
    return parent, template, weight, verb


@cache
def _step(template: str, vowel: str, vowel_final: bool, end: str) -> tuple[str, str, str]:
    """One suffix template after a form summarised by its last vowel, whether it ends
    in a vowel and its mutable last letter (``end``): (new last letter or "", the
    piece appended, the new last vowel)."""
    base = "b" + vowel + ("" if vowel_final else (end or "d"))
    piece = realise(template, base)
    swap = ""
    if end and piece[:1] in VOWELS:
        swap = "ğ" if end == "q" else "y"
    return swap, piece, last_vowel(piece, vowel)


@cache
def trie_steps() -> tuple[tuple[int, str, int, bool], ...]:
    """The nodes of :func:`chain_trie` but the root, in order, as (parent node,
    template, weight, verb stem needed)."""
    parent, template, weight, verb = chain_trie()
    return tuple(zip(parent[1:], template[1:], weight[1:], verb[1:], strict=True))


#: per stem signature: every suffix-chain spelling → weight in morphemes (filled
#: by :func:`endings`, or from the disk cache by :func:`aztext.words.prepare`).
ENDINGS: dict[tuple[str, bool], dict[str, int]] = {}


def endings(vowel: str, vowel_final: bool) -> dict[str, int]:
    """Every suffix-chain spelling after a stem of this signature → weight in morphemes."""
    table = ENDINGS.get((vowel, vowel_final))
    if table is None:
        table = ENDINGS[(vowel, vowel_final)] = build_endings(vowel, vowel_final)
    return table


def build_endings(vowel: str, vowel_final: bool) -> dict[str, int]:
    """:func:`endings`, built from the chain tree (also fills :data:`VERB_ONLY`)."""
    out: dict[str, int] = {}
    nominal: set[str] = set()
    # per node: its spelling, its last vowel and whether it ends in a vowel; None
    # when longer than MAX_SUFFIX_LEN (spellings only grow down the tree)
    states: list[tuple[str, str, bool] | None] = [("", vowel, vowel_final)]
    for up, template, weight, verb in trie_steps():
        state = states[up]
        if state is None:
            states.append(None)
            continue
        form, last, final = state
        end = form[-1] if form[-1:] in ("q", "k") else ""
        swap, piece, last = _step(template, last, final, end)
        form = (form[:-1] + swap if swap else form) + piece
        if len(form) > MAX_SUFFIX_LEN:
            states.append(None)
            continue
        states.append((form, last, form[-1] in VOWELS))
        if weight >= 0:
            old = out.get(form)
            if old is None or old > weight:
                out[form] = weight
            if not verb:
                nominal.add(form)
    VERB_ONLY[(vowel, vowel_final)] = frozenset(out) - nominal
    return out


#: per stem signature: endings that only verb chains spell (filled by :func:`endings`).
VERB_ONLY: dict[tuple[str, bool], frozenset[str]] = {}


def verb_only(vowel: str, vowel_final: bool) -> frozenset[str]:
    """Endings of this stem signature that only a verb stem takes."""
    endings(vowel, vowel_final)
    return VERB_ONLY[(vowel, vowel_final)]


def is_verb(
    stem: str, words: dict[str, float] | set[str], memo: dict[str, bool] | None = None
) -> bool:
    """Whether ``stem`` is attested as a verb: its infinitive, past or present
    third person is a word (``çək``: ``çəkmək``; not ``çok``). ``memo`` caches
    answers for one ``words``."""
    if memo is not None:
        hit = memo.get(stem)
        if hit is not None:
            return hit
    verb = any(stem + attach(stem, (t,)) in words for t in ("mAQ", "dI", "(y)Ir", "mIş"))
    if memo is not None:
        memo[stem] = verb
    return verb


def surface_stem(stem: str, ending: str) -> str:
    """The stem as written before ``ending`` (k→y, q→ğ before a vowel)."""
    if ending[:1] in VOWELS and mutable(stem):
        return stem[:-1] + ("y" if stem[-1] == "k" else "ğ")
    return stem


def analyse(
    word: str, stems: dict[str, float], min_stem: int = 3, verbs: dict[str, bool] | None = None
) -> list[tuple[str, str, int]]:
    """Ways ``word`` is a known stem plus a suffix chain: (stem, ending, morphemes).

    ``verbs`` caches :func:`is_verb` answers for ``stems``.
    """
    found: list[tuple[str, str, int]] = []
    for cut in range(max(min_stem, len(word) - MAX_SUFFIX_LEN), len(word)):
        head, ending = word[:cut], word[cut:]
        bases = [head]
        if head[-1] == "y":
            bases.append(head[:-1] + "k")
        elif head[-1] == "ğ":
            bases.append(head[:-1] + "q")
        for stem in bases:
            if stem in stems and surface_stem(stem, ending) == head:
                count = endings(*signature(stem)).get(ending)
                if count is not None and (
                    ending not in verb_only(*signature(stem)) or is_verb(stem, stems, verbs)
                ):
                    found.append((stem, ending, count))
    return found
