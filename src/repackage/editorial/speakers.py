"""Who is who in an article: the people (and organisations) it names, their
roles, and what a later mention ("le dirigeant français", "Macron", "elle")
refers to.

``Cast(masked, rules, sentence_starts)`` reads the article once. It works on
a *masked* copy of the text in which everything between quote marks is blanked
out, so a name inside a quotation is never taken for a speaker ("Les propos
d’Emmanuel Macron [...]", a déclaré Dmitri Peskov -> Peskov).

A *mention* is a run of capitalised words ("Emmanuel Macron", "Kevin De
Bruyne") or a titled surname ("M. Gentiloni", "Mr. Toccafondi"). A mention
counts as a person when something says so: a title, a role next to it ("le
chancelier Olaf Scholz", "Dmitri Peskov, porte-parole du président russe"),
being the subject of a speech verb, or opening its sentence as its subject.
Runs right after a determiner ("la Monthly Notices", "The Huffington Post")
or holding an institution word ("Union", "Department") are organisations.
Later mentions resolve to the person first introduced in full: by surname, by
role (head noun, nationality and gender: "le chancelier allemand"), or by
pronoun (most recent compatible subject). A definite role ("la ministre", "the
mayor") that resolves also counts as a mention, so a pronoun can point back to
it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from itertools import pairwise

from repackage.lang import ELISIONS, NAME_PARTICLES, TITLES, QuoteRules

#: Replaces the text inside quote marks in the masked copy of an article.
MASK = "\u2063"

_WORD_RE = re.compile(r"[^\W\d_]+(?:[’'\-][^\W\d_]+)*")
_PARTICLES = NAME_PARTICLES
_PLACE_NOUNS = frozenset(
    "région ville département province pays état commune city region state county country".split()
)
_PRE_ADJECTIVES = frozenset(
    "ancien ancienne nouveau nouvel nouvelle futur future ex premier première jeune vice "
    "actuel actuelle former new acting deputy".split()
)
_DEFINITE = frozenset("le la l the".split())
_ROLE_LINKS = frozenset("of for de du des".split())
_CLAUSE_CHARS = '.;:!?\n«»"“”„' + MASK
_SPACE_GAP = re.compile(r"[ \u00a0\u202f]")


@dataclass(frozen=True)
class Token:
    """A word of the masked text; ``elided`` is a glued French article ("d", "l")."""

    text: str
    start: int
    end: int
    elided: str | None = None

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def capitalised(self) -> bool:
        """A capital first, or a short particle glued to one ("al-Amr", "el-Sisi")."""
        if self.text[:1].isupper():
            return not self.acronym
        head, dash, rest = self.text.partition("-")
        return bool(dash) and 1 <= len(head) <= 3 and head.isalpha() and rest[:1].isupper()

    @property
    def acronym(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) > 1 and all(c.isupper() for c in letters)

    @property
    def possessive(self) -> bool:
        return self.text.endswith(("'s", "’s"))


@dataclass
class Mention:
    """One occurrence of a name (offsets into ``Article.text``)."""

    start: int
    end: int
    name: str  # as written, without title or possessive
    title: str | None = None
    role: str | None = None
    gender: str = ""  # "m", "f" or "" (unknown)
    subject: bool = True  # False right after a preposition or possessive
    organisation: bool = False
    evidence: bool = False  # title, role, speech subject or sentence subject
    nationalities: frozenset[str] = frozenset()
    role_span: tuple[int, int] | None = None  # where ``role`` is written
    by_role: bool = False  # "la ministre": a role standing for a name met earlier


@dataclass(frozen=True)
class _Role:
    """A role written next to a name, and what the words around it say."""

    text: str | None = None
    span: tuple[int, int] | None = None
    gender: str = ""
    after_preposition: bool = False  # "au président X", "par X": not a subject
    after_determiner: bool = False  # "la Monthly Notices": a thing, not a person


@dataclass
class Person:
    """Someone (or an organisation) the article names, with all their mentions."""

    name: str
    mentions: list[Mention] = field(default_factory=list)

    @property
    def tokens(self) -> tuple[str, ...]:
        return tuple(self.name.split())

    @property
    def roles(self) -> list[str]:
        return [m.role for m in self.mentions if m.role]

    @property
    def gender(self) -> str:
        return next((m.gender for m in self.mentions if m.gender), "")

    @property
    def organisation(self) -> bool:
        return self.mentions[0].organisation and not any(m.title for m in self.mentions)

    @property
    def is_person(self) -> bool:
        return not self.organisation and any(m.evidence for m in self.mentions)

    @property
    def nationalities(self) -> frozenset[str]:
        out: frozenset[str] = frozenset()
        for m in self.mentions:
            out |= m.nationalities
        return out

    def first_before(self, pos: int) -> Mention | None:
        return next((m for m in self.mentions if m.start < pos), None)

    def last_before(self, pos: int) -> Mention | None:
        before = [m for m in self.mentions if m.start < pos]
        return before[-1] if before else None


@dataclass(frozen=True)
class Speaker:
    """Who said a quote: ``name`` as the article gives it in full."""

    name: str
    role: str | None
    confidence: float
    organisation: bool = False
    kind: str = "name"  # how the phrase was resolved: see ``calibration.SPEAKER_KINDS``


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Words of ``text[start:end]``, French elisions split off ("l’OTAN" -> "OTAN")."""
    tokens = []
    for m in _WORD_RE.finditer(text, start, len(text) if end is None else end):
        word, pos, elided = m.group(0), m.start(), None
        for apo in "’'":
            head, sep, rest = word.partition(apo)
            if sep and rest and head.lower() in ELISIONS:
                word, pos, elided = rest, pos + len(head) + 1, head.lower()
                break
        tokens.append(Token(word, pos, pos + len(word), elided))
    return tokens


class Cast:
    """The people and organisations of one article, resolvable by name, role or pronoun."""

    def __init__(self, masked: str, rules: QuoteRules, sentence_starts: list[int]):
        self.masked = masked
        self.rules = rules
        self._sentence_starts = sentence_starts
        self.people: list[Person] = []
        for mention in _trim_to_known(self._find_mentions()):
            self._add(mention)
        self._add_role_mentions()

    # -- lookup ----------------------------------------------------------------

    def person_named(self, name: str, pos: int) -> Person | None:
        """The person ``name`` (full, or one of their names) refers to at ``pos``."""
        words = tuple(name.split())
        exact = [p for p in self.people if p.tokens == words]
        if exact:
            return exact[0]
        partial = [p for p in self.people if set(words) <= set(p.tokens) and len(p.tokens) > len(words)]
        if not partial:
            return None
        persons = [p for p in partial if p.is_person] or partial
        return max(persons, key=lambda p: (p.first_before(pos) is not None, _last_start(p, pos)))

    def person_misspelt(self, name: str, pos: int) -> Person | None:
        """The one person met before ``pos`` whose surname ``name`` (a single
        word) misspells by one letter ("Water", "Smtih"); None when there is
        no such person or more than one."""
        if " " in name or len(name) < 4:
            return None
        fits = {
            p.name
            for p in self.people
            if p.is_person and len(p.tokens) >= 2 and p.first_before(pos) and _one_edit(name, p.tokens[-1])
        }
        if len(fits) != 1:
            return None
        return next(p for p in self.people if p.name in fits)

    def mentions_in(self, start: int, end: int) -> list[tuple[Person, Mention]]:
        """Names written in ``[start, end)`` (not roles standing for them), in text order."""
        found = [(p, m) for p in self.people for m in p.mentions if start <= m.start < end and not m.by_role]
        return sorted(found, key=lambda pm: pm[1].start)

    def role_known(self, description: str) -> bool:
        """Does anyone in the cast hold the role head of ``description``?"""
        words = [t.lower for t in tokenize(description)]
        head = next((w for w in words if w in self.rules.role_heads), None)
        return head is not None and any(
            _same_word(head, w)
            for p in self.people
            for r in [*p.roles, *(m.title for m in p.mentions if m.title)]
            for w in _lower_words(r)
        )

    def holds_other_role(self, person: Person, description: str) -> bool:
        """Does ``person`` hold a role or title, none of which is the head of
        ``description``?"""
        words = [t.lower for t in tokenize(description)]
        head = next((w for w in words if w in self.rules.role_heads), None)
        held = [r for r in person.roles] + [m.title for m in person.mentions if m.title]
        if head is None or not held:
            return False
        return not any(_same_word(head, w) for r in held for w in _lower_words(r))

    def description_gender(self, description: str) -> str:
        words = [t.lower for t in tokenize(description)]
        head = next((w for w in words if w in self.rules.role_heads), "")
        return self._gender(words[0], head) if words else ""

    def by_role(self, description: str, pos: int) -> Person | None:
        """The person a role description ("le chancelier allemand") refers to at ``pos``."""
        words = [t.lower for t in tokenize(description)]
        head = next((w for w in words if w in self.rules.role_heads), None)
        if head is None:
            return None
        nationality = self._nationality_in(words)
        gender = self._gender(words[0], head)
        candidates = [
            p
            for p in self.people
            if p.is_person and p.first_before(pos) and not (gender and p.gender and p.gender != gender)
        ]
        if head not in self.rules.generic_roles:
            candidates = [  # a role the article gives, or a title ("Governor Ann Lee")
                p
                for p in candidates
                if any(
                    _same_word(head, w)
                    for r in [*p.roles, *(m.title for m in p.mentions if m.title)]
                    for w in _lower_words(r)
                )
            ]
        else:
            # "le dirigeant français": any role, pinned down by nationality or
            # by being the only person with a role
            candidates = [p for p in candidates if p.roles]
        if nationality:
            matching = [p for p in candidates if nationality in p.nationalities]
            candidates = matching or [p for p in candidates if not p.nationalities]
        if len(candidates) != 1:
            return None  # nobody fits, or two people do: do not guess
        return candidates[0]

    def by_pronoun(self, gender: str, pos: int, not_before: int = 0) -> Person | None:
        """Most recent person subject before ``pos`` (and after ``not_before``)
        compatible with a pronoun of ``gender``; None for plural pronouns."""
        if gender == "p":
            return None
        best: tuple[int, Person] | None = None
        gendered: tuple[int, Person] | None = None  # an object whose gender the text shows
        for person in self.people:
            if person.organisation or (gender and person.gender and person.gender != gender):
                continue
            for m in person.mentions:
                if not (not_before <= m.start < pos and m.subject):
                    continue
                # an antecedent is a clause's subject or topic, not the object
                # of a verb ("Mayor Lisa Grant thanked Fire Chief Tom Ellis") ...
                if self.heads_clause(m) or (person.is_person and self._topic(m.start)):
                    if best is None or m.start > best[0]:
                        best = (m.start, person)
                elif gender and person.gender == gender and (gendered is None or m.start > gendered[0]):
                    gendered = (m.start, person)
        # ... unless no subject fits and an object's gender does ("Le ministre
        # Paul Durand a rencontré la députée Sophie Martin. Selon elle, ...")
        best = best or gendered
        # The most recent fitting subject may be a name with no evidence of
        # being a person ("Her colleague Mark Chen agreed"): then nobody is
        # chosen rather than the person named before them.
        return best[1] if best and best[1].is_person else None

    def heads_clause(self, mention: Mention) -> bool:
        """Does ``mention`` open its clause, alone or after a short noun
        phrase ("Her colleague Mark Chen agreed"), rather than sit inside a
        noun phrase ("for a unique New Zealand flag")?"""
        lead = mention.start
        if mention.role_span and mention.role_span[1] <= mention.start:
            lead = mention.role_span[0]  # "Le président mexicain Enrique Peña Nieto": from the role
        start = max(self.clause_start(lead), self._sentence_start(lead))
        words = tokenize(self.masked, start, lead)
        if words and words[0].lower in self.rules.conjunctions:
            words = words[1:]
        return len(words) <= 2 and not any(
            w.lower in self.rules.prepositions or w.lower in self.rules.breakers for w in words
        )

    def role_of(self, person: Person) -> str | None:
        """The first specific role the article gives ``person``. A bare generic
        role ("dirigeant français", "leader") is not printed."""
        for role in person.roles:
            words = _lower_words(role)
            heads = [w for w in words if w in self.rules.role_heads]
            if heads and (heads[0] not in self.rules.generic_roles or len(words) > 2):
                return role
        return None

    def mark_speaker(self, person: Person) -> None:
        """Record that ``person`` speaks in the article (evidence of a person)."""
        for m in person.mentions:
            m.evidence = m.evidence or not m.organisation

    # -- building ----------------------------------------------------------------

    def _add(self, mention: Mention) -> None:
        words = tuple(mention.name.split())
        for person in self.people:
            if person.tokens == words or (
                len(words) < len(person.tokens) and set(words) <= set(person.tokens)
            ):
                person.mentions.append(mention)
                return
        self.people.append(Person(mention.name, [mention]))

    def _find_mentions(self) -> list[Mention]:
        """Names in text order: capitalised runs of two words or more, titled
        names, and single words that are part of a name met earlier ("Macron")."""
        tokens = tokenize(self.masked)
        mentions: list[Mention] = []
        known: set[str] = set()
        i = 0
        while i < len(tokens):
            title = self._title_at(tokens, i)
            first = i + 1 if title else i
            if first >= len(tokens) or not self._can_start_name(tokens[first], titled=bool(title)):
                i += 1
                continue
            last = self._run_end(tokens, first)
            run = self._drop_place_prefix(tokens, first, tokens[first : last + 1])
            if len(run) >= 2 or title or _bare(run[0].text) in known:
                mention = self._mention(tokens, run, title, tokens[i] if title else None)
                mentions.append(mention)
                if not mention.organisation:
                    known.update(mention.name.split())
            i = last + 1
        return mentions

    def _add_role_mentions(self) -> None:
        """Count "la ministre", "the mayor" as mentions of the person they refer
        to, so that a later pronoun can point back to them."""
        attached = [m.role_span for p in self.people for m in p.mentions if m.role_span]
        tokens = tokenize(self.masked)
        for det, head in pairwise(tokens):
            if det.lower not in _DEFINITE or head.lower not in self.rules.role_heads:
                continue
            if (
                head.lower in self.rules.generic_roles
                or not self._joined(det, head)
                and not det.text.endswith(("’", "'"))
            ):
                continue
            if any(lo <= head.start < hi for lo, hi in attached):
                continue
            end = self._phrase_end(head.end)
            person = self.by_role(self.masked[det.start : end], det.start)
            if person is None:
                continue
            before = [t for t in tokens if t.end <= det.start][-1:]
            subject = not (before and before[0].lower in self.rules.prepositions) and det.elided not in ("d",)
            gender = self._gender(det.lower if not det.elided else "", head.lower)
            person.mentions.append(
                Mention(
                    det.start,
                    head.end,
                    person.name,
                    gender=gender,
                    subject=subject,
                    evidence=True,
                    by_role=True,
                )
            )
            person.mentions.sort(key=lambda m: m.start)

    def _phrase_end(self, pos: int) -> int:
        """End of the adjectives after a role head ("chancelier allemand")."""
        for tok in tokenize(self.masked, pos, min(len(self.masked), pos + 60))[:2]:
            if self.masked[pos : tok.start].strip() or tok.lower in self.rules.breakers or tok.capitalised:
                break
            pos = tok.end
        return pos

    def _title_at(self, tokens: list[Token], i: int) -> str | None:
        tok = tokens[i]
        dotted = tok.text + "." if self.masked[tok.end : tok.end + 1] == "." else None
        for form in (dotted, tok.text):
            if form and form in TITLES and i + 1 < len(tokens) and tokens[i + 1].capitalised:
                gap = self.masked[tok.end + (1 if form == dotted else 0) : tokens[i + 1].start]
                if gap and gap.isspace():
                    return form
        return None

    def _can_start_name(self, tok: Token, titled: bool) -> bool:
        if not tok.capitalised or tok.lower in self.rules.role_heads:
            return False
        return titled or tok.lower not in self.rules.not_names

    def _run_end(self, tokens: list[Token], first: int) -> int:
        """Index of the last token of the capitalised run starting at ``first``."""
        last = first
        j = first + 1
        while j < len(tokens) and not tokens[j - 1].possessive and self._joined(tokens[j - 1], tokens[j]):
            tok = tokens[j]
            if self._title_at(tokens, j):
                break
            if (
                tok.capitalised
                and tok.lower not in self.rules.not_names
                and tok.lower not in self.rules.role_heads
            ):
                last = j
            elif not (
                tok.lower in _PARTICLES
                and last == first  # "Charles de Gaulle", not "Lionel Messi de Neymar"
                and j + 1 < len(tokens)
                and tokens[j + 1].capitalised
                and self._joined(tok, tokens[j + 1])
            ):
                break
            j += 1
        return last

    def _joined(self, a: Token, b: Token) -> bool:
        return b.elided is None and bool(_SPACE_GAP.fullmatch(self.masked[a.end : b.start]))

    def _drop_place_prefix(self, tokens: list[Token], first: int, run: list[Token]) -> list[Token]:
        """ "États-Unis Donald Trump" -> "Donald Trump"; "région Nouvelle-Aquitaine
        Alain Rousset" -> "Alain Rousset"."""
        names = " ".join(t.text for t in run)
        for country in sorted(self.rules.nationalities, key=len, reverse=True):
            n = len(country.split())
            if names.startswith(country + " ") and len(run) - n >= 2:
                return run[n:]
        for k in range(len(run) - 3, -1, -1):
            if run[k].lower in self.rules.institution_words and run[k + 1].lower not in self.rules.institution_words:
                return run[k + 1 :]  # "the Refugee Council Enver Solomon" -> "Enver Solomon"
        before = tokens[first - 1].lower if first > 0 else ""
        if len(run) >= 3 and (before in _PLACE_NOUNS or self._after_role_link(tokens, first)):
            return run[1:]  # "Minister of Education Stefania Giannini", "président de la République X"
        if len(run) >= 3 and self._demonym(run[0].lower):
            return run[1:]  # "le Français Pierre Moscovici"
        return run

    def _after_role_link(self, tokens: list[Token], first: int) -> bool:
        """Does the run at ``first`` complete a role ("ministre de la Santé",
        "Governor of Washington"): a role head or place noun, then only links
        ("de", "la", "of", "the") up to the run?"""
        k = first - 1
        if k < 0 or not (tokens[k].lower in _ROLE_LINKS or tokens[k].lower in _DEFINITE or tokens[k].elided):
            return False
        steps = 0
        while k >= 0 and steps < 8:
            tok = tokens[k]
            if tok.lower in self.rules.role_heads or tok.lower in _PLACE_NOUNS:
                return True
            linking = tok.lower in _ROLE_LINKS or tok.lower in _DEFINITE or tok.lower in ("et", "and", "&")
            if not (linking or tok.capitalised or tok.elided):
                return False  # "ministre de l'Économie et des Finances X": links and names only
            k -= 1
            steps += 1
        return False

    def _demonym(self, word: str) -> bool:
        """ "français", "américaine", "britanniques": a nationality used as a noun."""
        for adj in self.rules.nationalities.values():
            a = adj.lower()
            if word == a or (word.startswith(a) and len(word) - len(a) <= 3):
                return True
        return False

    def _mention(
        self, tokens: list[Token], run: list[Token], title: str | None, title_tok: Token | None
    ) -> Mention:
        start, end = run[0].start, run[-1].end
        name = self.masked[start:end]
        if run[-1].possessive:
            name = name[:-2]
        lead = title_tok or run[0]
        prefix = self._prefix_role(lead.start, run[0])
        appos = self._apposition_role(end)
        role = appos if appos.text else prefix
        institution = any(t.lower in self.rules.institution_words for t in run)
        organisation = (prefix.after_determiner or institution) and not title and not role.text
        gender = TITLES.get(title or "", "") or appos.gender or prefix.gender
        subject = (not prefix.after_preposition or self._topic(lead.start)) and not run[-1].possessive
        subject = subject and not self._in_parentheses(start)
        evidence = bool(title or role.text) or self._opens_sentence(lead.start, end)
        return Mention(
            start,
            end,
            name,
            title,
            role.text,
            gender,
            subject,
            organisation,
            evidence and not organisation,
            self._nationalities(role.text, lead.start),
            role.span,
        )

    def _prefix_role(self, start: int, first: Token) -> _Role:
        """Role written before a name: "le président français, X", "le chancelier X"."""
        k = start
        while k > 0 and self.masked[k - 1] in " \u00a0\u202f":
            k -= 1
        comma = k > 0 and self.masked[k - 1] == ","
        clause_end = k - 1 if comma else start
        words = tokenize(self.masked, self.clause_start(clause_end), clause_end)
        if first.elided:
            words.append(Token(first.elided, first.start - len(first.elided) - 1, first.start - 1))
        if comma:
            # the noun phrase right before the comma, not an earlier clause of
            # the sentence: "X met 6 buts et son capitaine, Mickaël Guigou"
            cut = max(
                (i + 1 for i, w in enumerate(words) if w.lower in self.rules.breakers or w.lower in self.rules.speech_verbs),
                default=0,
            )
            words = words[cut:]
        if not words:
            return _Role()
        head = self._role_head_index(words, limit=3) if comma else self._adjacent_role_head(words)
        last = words[-1].lower
        if head is None or (
            not comma and self.rules.modifiers_before_role and not self._only_title_words(words[head + 1 :])
        ):
            return _Role(
                after_preposition=last in self.rules.prepositions,
                after_determiner=not comma and last in self.rules.determiners,
            )
        if not comma and last in self.rules.prepositions:
            return _Role(after_preposition=True)  # "candidat du Nouveau Parti": the party is no candidate
        begin = self._extend_left(words, head)
        before = words[begin - 1].lower if begin > 0 else ""
        role = _clean_role(self.masked[words[begin].start : clause_end])
        if len(role.split()) > 10:
            return _Role()
        return _Role(
            role,
            (words[begin].start, clause_end),
            self._gender(before, words[head].lower),
            after_preposition=before in self.rules.prepositions,
        )

    def _topic(self, start: int) -> bool:
        """Is the name at ``start`` the topic of its clause through a source or
        opinion marker ("Pour le ministre X, ...", "Selon X", "For X, ...")?"""
        s = self._sentence_start(start)
        lead = self.masked[s:start]
        cut = max(lead.rfind(","), lead.rfind(";"), lead.rfind(":"))
        lead = lead[cut + 1 :].strip(" \u00a0").lower().replace("’", "'")
        markers = (*self.rules.source_markers, *self.rules.opinion_markers)
        return any(lead == m or lead.startswith(m.replace("’", "'") + " ") for m in markers)

    def _apposition_role(self, end: int) -> _Role:
        """Role written after a name: "X, porte-parole du président russe,"."""
        m = re.match(r",[ \u00a0]+", self.masked[end:])
        if not m:
            return _Role()
        start = end + m.end()
        stop = start
        while stop < len(self.masked) and self.masked[stop] not in _CLAUSE_CHARS + ",()":
            stop += 1
        words = tokenize(self.masked, start, stop)
        head = self._role_head_index(words, limit=5)
        if head is None:
            return _Role()
        if head + 1 < len(words) and words[head + 1].lower in self.rules.complementisers:
            return _Role()  # "Staffan Olsson, juge que ...": a verb, not the role "juge"
        stop_word = next(
            (w for w in words[head + 1 :] if w.lower in self.rules.breakers or w.lower in self.rules.speech_verbs),
            None,
        )
        if stop_word is not None:
            stop = stop_word.start  # "X, directeur de l'usine qui emploie 300 personnes"
            while stop > start and self.masked[stop - 1] in " \u00a0":
                stop -= 1
        begin = 1 if words[0].lower in self.rules.determiners else 0
        role = _clean_role(self.masked[words[begin].start : stop])
        if len(role.split()) > 12:
            return _Role()
        return _Role(role, (start, stop), self._gender(words[0].lower if begin else "", words[head].lower))

    def _role_head_index(self, words: list[Token], limit: int) -> int | None:
        """First role head among the first ``limit`` words, with no verb before it."""
        for idx, w in enumerate(words[:limit]):
            if w.lower in self.rules.role_heads:
                return idx
            if w.lower in self.rules.breakers or w.lower in self.rules.speech_verbs:
                return None
        return None

    def _adjacent_role_head(self, words: list[Token]) -> int | None:
        """Leftmost role head in the words right before a name, not past a verb."""
        found = None
        for idx in range(len(words) - 1, max(-1, len(words) - 11), -1):
            w = words[idx].lower
            if w in self.rules.breakers or w in self.rules.speech_verbs:
                break
            if (
                self.rules.modifiers_before_role
                and found is not None
                and not words[idx].capitalised
                and w not in self.rules.role_heads
                and w not in _ROLE_LINKS
                and w not in self.rules.determiners
                and w not in _PRE_ADJECTIVES
            ):
                break  # "Mayor John Smith met Governor Ann Lee": a verb ends Ann Lee's title
            if w in self.rules.role_heads:
                found = idx
        return found

    def _only_title_words(self, words: list[Token]) -> bool:
        """English role titles hold capitalised words and links only
        ("Minister of Education"), never a verb ("captain X won the")."""
        return all(
            w.capitalised or w.acronym or w.lower in _ROLE_LINKS or w.lower in self.rules.role_heads
            for w in words
        )

    def _extend_left(self, words: list[Token], head: int) -> int:
        """Include modifiers before a role head: "Swedish captain", "ancien ministre"."""
        begin = head
        while begin > 0 and head - begin < 3:
            w = words[begin - 1]
            if w.lower in _PRE_ADJECTIVES:
                begin -= 1
            elif self.rules.modifiers_before_role and (
                w.capitalised
                or w.acronym
                or w.possessive
                or w.lower in self.rules.institution_words
                or w.lower in self.rules.classifiers
                or w.lower in self.rules.role_heads
            ) and (
                w.lower not in self.rules.determiners
                and w.lower not in self.rules.prepositions
                and w.lower not in self.rules.breakers
                and w.lower not in self.rules.not_names
                and w.lower not in self.rules.speech_verbs
                and w.lower not in self.rules.verb_fillers
            ):
                begin -= 1  # English pre-modifiers: "Environment Canada spokeswoman"
            else:
                break
        return begin

    def _gender(self, determiner: str, head: str) -> str:
        if head in self.rules.feminine_words:
            return "f"
        if head in self.rules.masculine_words:
            return "m"
        if determiner in self.rules.feminine_words:
            return "f"
        if determiner in self.rules.masculine_words:
            return "m"
        return ""

    def clause_start(self, end: int) -> int:
        """Start of the clause ending at ``end``: after the last , ; : or quote
        mark, skipping over parentheses (callers bound it by the sentence start)."""
        depth = 0
        floor = self._sentence_start(end - 1) if end > 0 else 0
        k = end - 1
        while k >= floor:
            ch = self.masked[k]
            if ch == ")":
                depth += 1
            elif ch == "(":
                if depth == 0:
                    return k + 1
                depth -= 1
            elif depth == 0 and (ch in _CLAUSE_CHARS or ch == ",") and ch not in ".!?":
                return k + 1
            k -= 1
        return floor

    def _in_parentheses(self, pos: int) -> bool:
        before = self.masked[self._sentence_start(pos) : pos]
        return before.count("(") > before.count(")")

    def _opens_sentence(self, start: int, end: int) -> bool:
        """Is the name the subject opening its sentence ("Harry Kane won ...")?"""
        s = self._sentence_start(start)
        if self.masked[s:start].strip(" \u00a0"):
            return False
        nxt = tokenize(self.masked, end, min(len(self.masked), end + 40))
        return bool(nxt) and nxt[0].text.islower() and nxt[0].lower not in self.rules.role_heads

    def _sentence_start(self, pos: int) -> int:
        idx = bisect.bisect_right(self._sentence_starts, pos) - 1
        return self._sentence_starts[idx] if idx >= 0 else 0

    def _nationalities(self, role: str | None, start: int) -> frozenset[str]:
        adjectives = set(self.rules.nationalities.values())
        if role:
            found = {a for a in adjectives for w in _lower_words(role) if w.startswith(a.lower())}
            if found:
                return frozenset(found)
        context = self.masked[self._sentence_start(start) : start]
        return frozenset(adj for country, adj in self.rules.nationalities.items() if country in context)

    def _nationality_in(self, words: list[str]) -> str | None:
        for adj in self.rules.nationalities.values():
            if any(w.startswith(adj.lower()) for w in words):
                return adj
        return None


def _trim_to_known(mentions: list[Mention]) -> list[Mention]:
    """ "à France Info Jacques Witkowski" ... "insiste Jacques Witkowski": a
    long run whose last words are a name written on its own elsewhere is that
    name (the words before it belong to something else)."""
    names = {m.name for m in mentions}
    for m in mentions:
        words = m.name.split()
        for k in range(1, len(words) - 1):
            suffix = " ".join(words[k:])
            if suffix in names:
                shift = m.name.find(suffix)
                m.start, m.name = m.start + shift, suffix
                break
    return mentions


def _one_edit(a: str, b: str) -> bool:
    """Are ``a`` and ``b`` one insertion, deletion, substitution or swap apart?"""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [k for k in range(len(a)) if a[k] != b[k]]
        return len(diff) == 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
        )
    short, long_ = sorted((a, b), key=len)
    return any(long_[:k] + long_[k + 1 :] == short for k in range(len(long_)))


def _bare(word: str) -> str:
    """A word without its possessive ending ("Kane's" -> "Kane")."""
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _clean_role(text: str) -> str:
    """Role text without parentheticals or surrounding punctuation."""
    text = re.sub(r"\s*\([^)]*\)", "", text)
    return text.strip(" \u00a0\u202f,;:")


def _lower_words(text: str) -> list[str]:
    return [t.lower for t in tokenize(text)]


def _same_word(a: str, b: str) -> bool:
    """ "président" ~ "présidente", "chancelier" ~ "chancelière"."""
    short, long_ = sorted((a, b), key=len)
    return long_.startswith(short[: max(4, len(short) - 1)]) and len(long_) - len(short) <= 2


def _last_start(person: Person, pos: int) -> int:
    m = person.last_before(pos)
    return m.start if m else -1
