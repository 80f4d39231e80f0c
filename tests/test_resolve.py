"""Resolution and expansion: definitions first, then the glossary sense that fits."""

from __future__ import annotations

import pickle

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import acrolib
import acrolib._resolve
from acrolib import Source
from acrolib._expand import pluralise, singular_of
from acrolib._keys import Parsed, canonical, parse
from acrolib._resolve import (
    _SEARCHED_WORDS,
    _ContextWords,
    _Scope,
    _SpacedShorts,
    _Unmasked,
)


def by_text(text: str) -> dict[str, acrolib.Mention]:
    return {m.text: m for m in acrolib.annotate(text).mentions}


class TestSources:
    def test_definition_overrides_glossary_from_that_point(self) -> None:
        """An in-text definition governs later mentions; the glossary governs before it."""
        text = "The CBSI met. The Coastal Border Security Instrument (CBSI) then met. CBSI ended."
        mentions = acrolib.annotate(text).mentions
        assert [(m.source, m.expansion) for m in mentions] == [
            (Source.DEFINED, "Coastal Border Security Instrument"),
            (Source.DEFINED, "Coastal Border Security Instrument"),
            (Source.DEFINED, "Coastal Border Security Instrument"),
        ]
        assert [m.before_definition for m in mentions] == [True, False, False]

    @pytest.mark.parametrize("text", [
        "The United Nations Integrated Office in Haiti (BINUH) met. BINUH said so.",
        "The United Nations Integrated Office in Haiti, or BINUH, met. BINUH said so.",
        "BINUH (United Nations Integrated Office in Haiti) met. BINUH said so.",
    ])
    def test_glossary_long_form_written_in_a_definition(self, text: str) -> None:
        """A definition the letters cannot explain (BINUH is named in French) is one where
        the text writes the glossary's long form: both mentions are defined, and expansion
        adds nothing."""
        annotated = acrolib.annotate(text)
        assert [(d.short, d.long) for d in annotated.definitions] == [
            ("BINUH", "United Nations Integrated Office in Haiti")]
        assert [m.source for m in annotated.mentions] == [Source.DEFINED, Source.DEFINED]
        assert acrolib.expand(text, "first") == text

    def test_glossary_and_unknown(self) -> None:
        """Known short forms come from the glossary; others are unknown."""
        got = by_text("The DOJ and the QXZT met.")
        assert (got["DOJ"].source, got["DOJ"].expansion) == (Source.GLOSSARY,
                                                               "Department of Justice")
        assert (got["QXZT"].source, got["QXZT"].expansion) == (Source.UNKNOWN, None)

    def test_unknown_compound_is_one_mention_and_known_parts_split(self) -> None:
        """A compound of unknown acronyms stays whole; one with a known part splits."""
        assert [m.text for m in acrolib.annotate("The QX-ZRT link failed.").mentions] == [
            "QX-ZRT"]
        assert [m.text for m in acrolib.annotate("The DOJ-QXZ link failed.").mentions] == [
            "DOJ", "QXZ"]
        assert [m.text for m in acrolib.annotate("The QXZ-funded plan.").mentions] == ["QXZ"]

    def test_apostrophe_plural_is_plural(self) -> None:
        """An "'s" with no noun after it is written as a plural and expanded as one."""
        [mention] = acrolib.annotate("Several NGO's, including two banks, objected.").mentions
        assert (mention.text, mention.key, mention.plural) == ("NGO's", "NGO", True)
        assert acrolib.expand("Several NGO's, including two banks, objected.") == (
            "Several non-governmental organizations (NGO's), including two banks, objected.")
        [owner] = acrolib.annotate("The NGO's report was late.").mentions
        assert (owner.text, owner.plural, owner.possessive) == ("NGO", False, "'s")

    def test_defined_twice_differently(self) -> None:
        """Each definition governs until the next."""
        text = ("The Alpha Beta Company (ABC) grew. ABC sold. "
                "Later the Agency for Better Care (ABC) formed. ABC helps.")
        expansions = [m.expansion for m in acrolib.annotate(text).mentions]
        assert expansions == ["Alpha Beta Company", "Alpha Beta Company",
                              "Agency for Better Care", "Agency for Better Care"]


    def test_a_definition_is_keyed_as_the_glossary_reads_its_short_form(self) -> None:
        """"UAs" after the glossary's long form of UAS defines UAS, not the plural of UA."""
        got = acrolib.annotate("The unmanned aircraft system (UAs) flew; the UA landed.")
        assert [(d.short, d.key) for d in got.definitions] == [("UAs", "UAS")]
        assert [(m.text, m.key, m.source) for m in got.mentions] == [
            ("UAs", "UAS", Source.DEFINED), ("UA", "UA", Source.UNKNOWN)]
        # Another long form keeps the plural reading, and governs the later UA.
        got = acrolib.annotate("The unmanned aircraft (UAs) flew; the UA landed.")
        assert [(d.short, d.key) for d in got.definitions] == [("UAs", "UA")]
        assert [m.source for m in got.mentions] == [Source.DEFINED, Source.DEFINED]


class TestSenses:
    def test_context_words_choose_the_sense(self) -> None:
        """MSS near Haiti is the mission; near satellites it is the radio service."""
        haiti = by_text("The MSS mission in Haiti supports the police in Port-au-Prince.")
        assert haiti["MSS"].expansion == "Multinational Security Support"
        radio = by_text("The MSS band carries satellite phones and spectrum for the ITU.")
        assert radio["MSS"].expansion == "mobile-satellite service"

    @pytest.mark.parametrize(("text", "key", "expansion"), [
        ("GDP growth slowed to 2 percent as inflation rose.", "GDP", "gross domestic product"),
        ("Rap1 releases the guanine nucleotide GDP and binds GTP.", "GDP",
         "guanosine diphosphate"),
        ("Police flew a UAS over the port to watch for drones.", "UAS",
         "unmanned aircraft system"),
        ("We used the GAL4/UAS system in Drosophila.", "UAS", "upstream activating sequence"),
    ])
    def test_biology_senses_of_security_and_economics_terms(
            self, text: str, key: str, expansion: str) -> None:
        """A short form shared with molecular biology reads by its context."""
        assert by_text(text)[key].expansion == expansion

    def test_document_domains_choose_the_sense(self) -> None:
        """HSI among DOJ and ATF mentions is Homeland Security Investigations."""
        got = by_text("The DOJ, the ATF and HSI agreed.")
        assert got["HSI"].expansion == "Homeland Security Investigations"
        assert any("shares domains" in r for r in got["HSI"].candidates[0].reasons)

    def test_only_mentions_whose_domains_gained_are_scored_again(self) -> None:
        """Round by round: ZQX settles by its context word and lends the domain "alpha";
        QWV then settles by that domain and lends it again.  RTY, both of whose senses are in
        "alpha", stays unsettled but is scored on what the last round added; PLM, in other
        domains, keeps the candidates of the first round."""
        sense, entry = acrolib.Sense, acrolib.Entry
        glossary = acrolib.Glossary.from_entries([
            entry(key="ZQX", senses=(
                sense(long="Zonal Quake Experiment", domains=("alpha",), context=("fjord",)),
                sense(long="Zero Quota Exchange", domains=("beta",), context=("tundra",)))),
            entry(key="QWV", senses=(sense(long="Quiet Water Vessel", domains=("alpha",)),
                                     sense(long="Quick Wire Voucher", domains=("gamma",)))),
            entry(key="RTY", senses=(sense(long="Rapid Tide Yard", domains=("alpha",)),
                                     sense(long="Remote Tide Yacht", domains=("alpha",)))),
            entry(key="PLM", senses=(sense(long="Polar Light Monitor", domains=("delta",)),
                                     sense(long="Public Loan Market", domains=("epsilon",)))),
        ])
        text = "The ZQX survey of the fjord was long. Then QWV, RTY and PLM reported."
        got = {m.text: m for m in acrolib.Resolver(glossary=glossary).annotate(text).mentions}
        assert got["ZQX"].expansion == "Zonal Quake Experiment"
        assert got["QWV"].expansion == "Quiet Water Vessel"
        assert "shares domains with ZQX" in " ".join(got["QWV"].candidates[0].reasons)
        for key in ("RTY", "PLM"):
            assert got[key].expansion is None
            assert got[key].source is Source.AMBIGUOUS
            assert len(got[key].candidates) == 2
        assert all("shares domains with QWV, ZQX" in " ".join(c.reasons)
                   for c in got["RTY"].candidates)
        assert not any("shares domains" in " ".join(c.reasons) for c in got["PLM"].candidates)

    def test_context_phrase_across_a_line_break(self) -> None:
        """A context phrase broken over two lines counts as it does on one."""
        one = by_text("Plans for regional security. The RSS met.")["RSS"]
        two = by_text("Plans for regional\nsecurity. The RSS met.")["RSS"]
        assert one.expansion == two.expansion == "Regional Security System"
        assert one.candidates == two.candidates

    def test_a_text_answers_the_same_searched_or_split(self) -> None:
        """Context words and phrases are matched alike while the text is searched word by word
        and once it has been split into words (after :data:`_SEARCHED_WORDS` words): an
        identifier joined by "_" is one word, and a phrase may be followed by more letters
        ("pull requests")."""
        sense = acrolib.Sense(long="pull request")
        context = _ContextWords(sense, frozenset({"merge", "branch"}), ("pull request",),
                                (("pull", "request"),))
        many = frozenset(f"word{i}" for i in range(_SEARCHED_WORDS))
        others = _ContextWords(sense, many, (), ())
        text = "we merge_default the pull\nrequests on a branch."
        searched, split = _Scope(text), _Scope(text)
        assert split.found(others) == set()
        assert split._words is None  # still searched: exactly the limit was asked
        assert split.found(others._replace(words=many | {"extra"})) == set()
        assert split._words is not None
        assert searched.found(context) == split.found(context) == {"branch", "pull request"}
        assert searched._words is None

    def test_a_text_known_to_be_asked_many_words_is_split_at_once(self) -> None:
        """A text that will be asked more than :data:`_SEARCHED_WORDS` words is split at the
        first question, and answers as a searched one does; one asked no more is searched."""
        sense = acrolib.Sense(long="pull request")
        context = _ContextWords(sense, frozenset({"merge", "branch", "fork"}), (), ())
        text = "we merge_default the pull requests on a branch."
        planned, limit = _Scope(text, _SEARCHED_WORDS + 1), _Scope(text, _SEARCHED_WORDS)
        assert planned.found(context) == limit.found(context) == {"branch"}
        assert planned._words is not None
        assert limit._words is None

    def test_the_document_is_told_how_many_words_it_will_be_asked(
            self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Resolution counts the context words of every sense of every mention it will score
        against the document, each sense once however many mentions share it."""
        from acrolib._version import build

        if build() == "compiled":
            pytest.skip("compiled code makes its scopes directly, out of monkeypatch's reach")
        made: list[tuple[str, int]] = []

        class Counted(_Scope):
            def __init__(self, text: str, words: int = 0) -> None:
                super().__init__(text, words)
                made.append((text, words))

        monkeypatch.setattr(acrolib._resolve, "_Scope", Counted)
        words = [f"word{i}" for i in range(30)]
        entry = acrolib.Entry(key="QRX", senses=(
            acrolib.Sense(long="Quality Review Exchange", context=tuple(words[:20])),
            acrolib.Sense(long="Quick Response Exercise", context=(*words[10:], "a b"))))
        resolver = acrolib.Resolver(glossary=acrolib.Glossary.from_entries([entry]))
        text = "The QRX met. Later the QRX met again, word3 and word25 aside."
        resolver.annotate(text)
        assert (text, 40) in made  # 20 + 20 words; the phrase "a b" is not a word

    def test_one_sense_per_text(self) -> None:
        """A mention its context leaves undecided takes the sense that the context settled
        for another mention of the same short form: the last one before it, else the first
        one after it, as a definition would govern it."""
        gap = " The board met again." * 20  # wider than the context window
        text = gap.join(["The MSS was discussed.", "The MSS supports the police in Haiti.",
                         "The MSS met.", "The MSS band carries satellite phones.",
                         "The MSS met."])
        got = acrolib.annotate(text).mentions
        starts = [m.start for m in got]
        mission, service = "Multinational Security Support", "mobile-satellite service"
        assert [(m.source, m.expansion) for m in got] == [
            (Source.GLOSSARY, mission), (Source.GLOSSARY, mission), (Source.GLOSSARY, mission),
            (Source.GLOSSARY, service), (Source.GLOSSARY, service)]
        assert got[0].candidates[0].reasons[-1] == f"same sense as the MSS at {starts[1]}"
        assert got[2].candidates[0].reasons[-1] == f"same sense as the MSS at {starts[1]}"
        assert got[4].candidates[0].reasons[-1] == f"same sense as the MSS at {starts[3]}"
        for settled in (got[1], got[3]):
            assert all("same sense" not in r for c in settled.candidates for r in c.reasons)
        # With no settled mention of it, the short form stays undecided.
        assert {m.source for m in acrolib.annotate("The MSS met. The MSS met.").mentions} == {
            Source.AMBIGUOUS}

    def test_one_sense_per_text_keeps_expansion_idempotent(self) -> None:
        """Expansion writes the settled mention's long form, which reads back as a definition
        governing the undecided mention before it: the first expansion must agree."""
        gap = " The board met again." * 20  # wider than the context window
        text = f"The MSS was discussed.{gap} The MSS supports the police in Haiti.{gap} Satellite."
        once = acrolib.expand(text, "all")
        long = "Multinational Security Support (MSS)"
        assert once == (f"The {long} was discussed.{gap} The {long} supports the police in "
                        f"Haiti.{gap} Satellite.")
        assert acrolib.expand(once, "all") == once

    def test_an_entry_that_needs_context(self) -> None:
        """HOPE is a word and the name of many programmes: its one glossary sense, a Haiti
        trade act, needs support from the context, which its prior alone does not give."""
        [housing] = acrolib.annotate("Fund our HOPE housing proposal.").mentions
        assert housing.source is Source.AMBIGUOUS and housing.expansion is None
        assert [c.reasons for c in housing.candidates] == [("+0.50 prior 1",)]
        haiti = by_text("The HOPE program gives Haiti duty-free access for apparel.")["HOPE"]
        assert haiti.source is Source.GLOSSARY
        assert haiti.expansion == "Haitian Hemispheric Opportunity through Partnership " \
                                  "Encouragement Act"
        # Without the mark, the same entry resolves from the glossary alone.
        entry = acrolib.lookup("HOPE")
        assert entry is not None and entry.needs_context
        plain = acrolib.Resolver(glossary=acrolib.Glossary.from_entries(
            [attrs.evolve(entry, needs_context=False)]))
        assert plain.annotate("Fund our HOPE housing proposal.").mentions[0].source is (
            Source.GLOSSARY)

    def test_abstains_without_context(self) -> None:
        """With nothing to go on, an ambiguous form stays AMBIGUOUS with scored candidates."""
        [mention] = acrolib.annotate("MSS.").mentions
        assert mention.source is Source.AMBIGUOUS and mention.expansion is None
        assert len(mention.candidates) >= 3
        scores = [c.score for c in mention.candidates]
        assert scores == sorted(scores, reverse=True)

    def test_a_mention_inside_a_defined_long_form_lends_no_domain(self) -> None:
        """CARICOM inside the long form of CARICOM-IMPACS does not add to the document's
        subject matter: the definition speaks for it, as when expansion wrote it."""
        text = ("Research and development (R&D) Caribbean PR CARICOM Implementation Agency "
                "for Crime and Security (CARICOM-IMPACS).")
        by_key = {m.key: m for m in acrolib.annotate(text).mentions}
        assert by_key["CARICOM"].sense is not None  # found, and resolved
        reasons = [r for c in by_key["PR"].candidates for r in c.reasons]
        shared = [r for r in reasons if "shares domains with" in r]
        assert shared and not any("CARICOM" in r for r in shared)
        assert any("IMPACS" in r for r in shared)


class TestResolverObject:
    def test_pickled_resolver_gives_identical_results(self) -> None:
        """A Resolver pickles to its glossary and options and behaves the same."""
        text = "The Caribbean Basin Security Initiative (CBSI) and HSI’s MOUs with the U.S."
        resolver = acrolib.Resolver()
        copy = pickle.loads(pickle.dumps(resolver))
        assert copy.annotate(text) == resolver.annotate(text)
        assert len(pickle.dumps(resolver)) < 1_000_000

    def test_annotate_many_keeps_order_across_processes(self) -> None:
        """annotate_many with two workers equals one-by-one annotation, in order."""
        resolver = acrolib.Resolver()
        texts = [f"Text {i}: the DOJ and CBSI and MOU number {i}." for i in range(40)]
        assert list(resolver.annotate_many(texts, jobs=2, chunksize=3)) == [
            resolver.annotate(t) for t in texts]

    def test_threads_share_one_resolver(self) -> None:
        """One fresh Resolver used from several threads gives the sequential results."""
        from concurrent.futures import ThreadPoolExecutor

        texts = [f"Text {i}: MSS in Haiti, HSI and the DOJ, the PM and the RSS, MOUs {i}."
                 for i in range(64)]
        expected = [acrolib.Resolver().annotate(t) for t in texts]
        shared = acrolib.Resolver()
        with ThreadPoolExecutor(max_workers=8) as pool:
            assert list(pool.map(shared.annotate, texts)) == expected

    def test_json_round_trip(self) -> None:
        """from_dict(to_dict()) gives back an equal value."""
        annotated = acrolib.annotate("The DOJ, MSS in Haiti, HSI and the QXZT.")
        assert acrolib.Annotated.from_dict(annotated.to_dict()) == annotated

    def test_json_sense_has_every_field(self) -> None:
        """A sense's JSON object names every field of Sense, in field order."""
        sense = acrolib.Sense(long="Example Long Form", plural="Example Long Forms",
                              domains=("law",), context=("court",), source="a source",
                              note="a note", irregular=True, prior=2.0)
        mention = acrolib.Mention(start=0, end=3, text="ELF", key="ELF", sense=sense)
        record = acrolib.Annotated(text="ELF", mentions=(mention,)).to_dict()
        assert record["mentions"][0]["sense"] == {
            "long": "Example Long Form", "plural": "Example Long Forms", "domains": ["law"],
            "context": ["court"], "source": "a source", "note": "a note", "irregular": True,
            "prior": 2.0}
        fields = [f.name for f in attrs.fields(acrolib.Sense)]
        assert list(record["mentions"][0]["sense"]) == fields


_NOUNS = st.sampled_from(["box", "policy", "house", "church", "status", "unit", "enterprise",
                          "agency", "analysis", "thesis", "address"])


class TestExpand:
    TEXT = ("CARICOM signed two MOUs. HSI’s agents met the DOJ and the DOJ agreed.\n\n"
            "The Caribbean Basin Security Initiative (CBSI) pays; the CBSI grows.")

    def test_first_use(self) -> None:
        """The first use of each glossary acronym is expanded; defined ones are not."""
        assert acrolib.expand(self.TEXT) == (
            "Caribbean Community (CARICOM) signed two memorandums of understanding (MOUs). "
            "Homeland Security Investigations’ (HSI’s) agents met the Department of Justice "
            "(DOJ) and the DOJ agreed.\n\n"
            "The Caribbean Basin Security Initiative (CBSI) pays; the CBSI grows.")

    @pytest.mark.parametrize("heading", ["API REFERENCE", "# The API", "  ## API notes"])
    def test_first_use_in_the_body_not_in_a_heading(self, heading: str) -> None:
        """A heading keeps its short form; the first use in the body text is expanded."""
        text = f"{heading}\nCall the API. The API is small.\n"
        once = acrolib.expand(text)
        assert once == (f"{heading}\nCall the application programming interface (API). "
                        "The API is small.\n")
        assert acrolib.expand(once) == once
        # "all" expands every use, in a heading too.
        assert "pplication programming interface (API)" in acrolib.expand(
            text, "all").splitlines()[0]

    def test_a_long_line_in_capitals_is_text(self) -> None:
        """A line in capitals longer than a heading (a cable) has its first use expanded."""
        text = "1. THE CBSI PROGRAM FUNDED INTERCEPTOR BOATS FOR THE REGION.\n"
        assert acrolib.expand(text).startswith(
            "1. THE Caribbean Basin Security Initiative (CBSI) PROGRAM")

    @pytest.mark.parametrize(("mode", "expanded"), [
        ("first", "The Caribbean Basin Security Initiative (CBSI) grew; the CBSI Initiative "
                  "met."),
        ("all", "The Caribbean Basin Security Initiative (CBSI) grew; the Caribbean Basin "
                "Security Initiative (CBSI) met."),
        ("replace", "The Caribbean Basin Security Initiative grew; the Caribbean Basin Security "
                    "Initiative met."),
    ])
    def test_a_repeated_last_word_is_written_once(self, mode: str, expanded: str) -> None:
        """ "CBSI Initiative" repeats the long form's last word: the expansion takes it in,
        rather than writing "Caribbean Basin Security Initiative (CBSI) Initiative"."""
        once = acrolib.expand("The CBSI Initiative grew; the CBSI Initiative met.", mode)
        assert once == expanded
        assert acrolib.expand(once, mode) == once

    def test_a_repeated_word_may_start_in_lower_case(self) -> None:
        """ "NIBIN network" repeats "Network" in lower case: written once too."""
        assert acrolib.expand("The NIBIN network grew.") == (
            "The National Integrated Ballistic Information Network (NIBIN) grew.")

    @pytest.mark.parametrize(("text", "kept"), [
        ("The US states met.", "(US) states"),  # a plural: the states of the US
        ("The US States met.", "(US) States"),
        ("The ATF Explosives unit met.", "(ATF) Explosives"),
        ("The CBSI iNITIATIVE grew.", "(CBSI) iNITIATIVE"),  # written otherwise
        ("The CBSI Initiative's budget grew.", "(CBSI) Initiative's"),  # runs on
        ("The CBSI Initiatives grew.", "(CBSI) Initiatives"),
    ])
    def test_a_last_word_not_repeated_stays(self, text: str, kept: str) -> None:
        """Only the same word, not a plural, ending there, is taken in."""
        assert kept in acrolib.expand(text, "all")

    def test_a_singular_ending_in_s_is_taken_in(self) -> None:
        """ "virus" ends in s but is no plural: "the HIV virus" is written once."""
        assert acrolib.expand("The HIV virus spread.", "all") == (
            "The human immunodeficiency virus (HIV) spread.")

    def test_all_and_replace(self) -> None:
        """all expands every use; replace writes the long form alone."""
        assert "the Department of Justice (DOJ) agreed" in acrolib.expand(self.TEXT, "all")
        replaced = acrolib.expand("The DOJ and HSI’s agents with the ATF.", "replace")
        assert replaced == ("The Department of Justice and Homeland Security Investigations’ "
                            "agents with the Bureau of Alcohol, Tobacco, Firearms and "
                            "Explosives.")
        assert acrolib.expand(self.TEXT, "none") == self.TEXT

    @pytest.mark.parametrize(("text", "expanded"), [
        ("The non-governmental organizations (NGOs) met. One NGO left.",
         "One non-governmental organization (NGO) left."),
        ("Two memorandums of understanding (MOUs) were signed. The MOU holds.",
         "The memorandum of understanding (MOU) holds."),
        ("The Zonal Vector Tables (ZVTs) load. The ZVT's size.",
         "The Zonal Vector Table's (ZVT's) size."),
        ("The Zonal Vector Tables (ZVTs) load. Two ZVTs more.",
         "Two Zonal Vector Tables (ZVTs) more."),
        ("The Columbia Broadcasting System (CBS) aired. CBS said.",
         "Columbia Broadcasting System (CBS) said."),
    ])
    def test_singular_use_of_a_plural_definition(self, text: str, expanded: str) -> None:
        """A definition written in the plural gives a singular use its singular long form;
        a form without a plural ending is left as it is."""
        once = acrolib.expand(text, "all")
        assert once.endswith(expanded)
        assert acrolib.expand(once, "all") == once

    def test_singular_of(self) -> None:
        """The word made singular is the head noun, the one pluralise makes plural."""
        assert singular_of("memorandums of understanding") == "memorandum of understanding"
        assert singular_of("Armed Forces") == "Armed Force"
        assert singular_of("policy boxes") == "policy box"
        assert singular_of("agencies") == "agency"
        assert singular_of("Columbia Broadcasting System") is None
        assert singular_of("bus") is None and singular_of("gas") is None  # stems of 3+
        assert singular_of("small and medium-sized enterprises") == \
            "small and medium-sized enterprise"
        assert singular_of("non-communicable diseases") == "non-communicable disease"
        assert singular_of("Bureaus of Alcohol, Tobacco, Firearms and Explosives") == \
            "Bureau of Alcohol, Tobacco, Firearms and Explosives"
        assert singular_of("persons with disabilities") == "person with disabilities"
        assert singular_of("Bureau of Alcohol, Tobacco, Firearms and Explosives") is None
        assert singular_of("statuses") == "status" and singular_of("churches") == "church"

    @pytest.mark.parametrize(("long", "plural"), [
        ("non-governmental organization", "non-governmental organizations"),
        ("memorandum of understanding", "memorandums of understanding"),
        ("Bureau of Alcohol, Tobacco, Firearms and Explosives",
         "Bureaus of Alcohol, Tobacco, Firearms and Explosives"),
        ("Agency for International Development", "Agencies for International Development"),
        ("point of contact", "points of contact"),
        ("return on investment", "returns on investment"),
        ("weapons of mass destruction", "weapons of mass destruction"),
        ("Department of Veterans Affairs", "Departments of Veterans Affairs"),
        ("special operations forces", "special operations forces"),
        ("human rights", "human rights"),
        ("Congress", "Congresses"),
        ("status", "statuses"),
        ("financial crisis", "financial crises"),
        ("policy box", "policy boxes"),
        ("in my opinion", "in my opinions"),  # a preposition first heads nothing
        ("Alpha  of Beta", "Alphas  of Beta"),  # spacing is kept
    ])
    def test_pluralise(self, long: str, plural: str) -> None:
        """The head noun takes the plural ending, unless it already has one."""
        assert pluralise(long) == plural

    @given(st.lists(_NOUNS, min_size=1, max_size=3).map(" ".join),
           st.one_of(st.just(""), st.tuples(st.sampled_from([" of ", " for ", " on "]),
                                            st.lists(_NOUNS, min_size=1, max_size=2)
                                            .map(" ".join)).map("".join)))
    def test_singular_of_undoes_pluralise(self, head: str, rest: str) -> None:
        """For regular nouns, the singular of the plural is where it started."""
        assert singular_of(pluralise(head + rest)) == head + rest
    @pytest.mark.parametrize(("text", "expanded"), [
        ("Two ATFs met.", "Two Bureaus of Alcohol, Tobacco, Firearms and Explosives (ATFs) met."),
        ("The small and medium-sized enterprises (SMEs) grew. One SME left.",
         "One small and medium-sized enterprise (SME) left."),
        ("The weapons of mass destruction (WMD) spread. Two WMDs more.",
         "Two weapons of mass destruction (WMDs) more."),
        # The glossary's own plural where the head noun ends the name: "Freedom of ... Act".
        ("Two FOIAs were filed.", "Two Freedom of Information Acts (FOIAs) were filed."),
    ])
    def test_plural_and_singular_long_forms(self, text: str, expanded: str) -> None:
        """Plural uses take the head noun's plural; singular uses of a plural definition its
        singular."""
        assert acrolib.expand(text, "all").endswith(expanded)

    def test_idempotent(self) -> None:
        """Expanding twice gives the same as once."""
        for mode in ("first", "all"):
            once = acrolib.expand(self.TEXT, mode)
            assert acrolib.expand(once, mode) == once

    @pytest.mark.parametrize(("text", "mode"), [("Two CBPs met.", "all"),
                                                ("The IMPACSs met.", "first"),
                                                ("Two CBPs' staff met.", "all")])
    def test_idempotent_on_plurals_of_names_holding_acronyms(self, text: str, mode: str) -> None:
        """"U.S. Customs and Border Protections (CBPs)" reads back as a plural definition of
        "Customs and Border Protections"; U.S. inside it is still part of the expansion."""
        once = acrolib.expand(text, mode)
        assert once != text and acrolib.expand(once, mode) == once
        (mention,) = [m for m in acrolib.annotate(once).mentions if m.plural]
        assert mention.sense is not None and mention.source is Source.DEFINED

    @pytest.mark.parametrize("text", ["The G20's staff met.", "The DOJ’s agents met."])
    def test_idempotent_on_possessives(self, text: str) -> None:
        """"Group of Twenty's (G20's)" reads back with "G20's" as a plural (the bracket
        follows it); it is still known as written by expansion."""
        for mode in ("first", "all"):
            once = acrolib.expand(text, mode)
            assert once != text and acrolib.expand(once, mode) == once

    @pytest.mark.parametrize(("text", "expanded"), [
        ("Two FARCs were signed, and the FARC's budget grew.",
         "Two Revolutionary Armed Forces of Colombia (FARCs) were signed, and the "
         "Revolutionary Armed Forces of Colombia's (FARC's) budget grew."),
        ("Two CBPs were signed, and the CBP's budget grew.",
         "Two U.S. Customs and Border Protections (CBPs) were signed, and the U.S. Customs "
         "and Border Protection's (CBP's) budget grew."),
    ])
    def test_idempotent_after_a_glossary_plural(self, text: str, expanded: str) -> None:
        """The plural expansion writes reads back as a plural definition of the glossary's
        name; the singular use after it keeps the singular that expansion wrote, also when
        the name reads the same in the plural."""
        once = acrolib.expand(text, "all")
        assert once == expanded
        assert acrolib.expand(once, "all") == once

    def test_idempotent_on_a_possessive_after_a_written_plural(self) -> None:
        """Expansion writes "Groups of Seven (G7s)", which reads back as a plural definition,
        and "Group of Seven's (G7's)", its singular: both are known as its own."""
        text = "The Group of Seven (G7) met. Two G7s were signed, and the G7's budget grew."
        once = acrolib.expand(text, "all")
        assert once.endswith("Two Groups of Seven (G7s) were signed, and the Group of Seven's "
                             "(G7's) budget grew.")
        assert acrolib.expand(once, "all") == once

    @pytest.mark.parametrize(("text", "expanded"), [
        ("The CARICOM IMPACS team met the CARICOM.",
         "The CARICOM Implementation Agency for Crime and Security (CARICOM IMPACS) team met "
         "the Caribbean Community (CARICOM)."),
        ("The CARICOM-IMPACS team met.",
         "The CARICOM Implementation Agency for Crime and Security (CARICOM-IMPACS) team met."),
        ("The U.S. CBP and the CBP met.",
         "The U.S. Customs and Border Protection (U.S. CBP) and the CBP met."),
    ])
    def test_a_word_the_long_form_starts_with(self, text: str, expanded: str) -> None:
        """IMPACS is "CARICOM Implementation Agency for Crime and Security": "CARICOM IMPACS"
        is one mention of it, not CARICOM's long form followed by IMPACS's."""
        for mode in ("first", "all"):
            once = acrolib.expand(text, mode)
            assert acrolib.expand(once, mode) == once
        assert acrolib.expand(text) == expanded

    def test_a_definition_of_a_word_and_an_acronym_defines_the_acronym(self) -> None:
        """"…Security (CARICOM IMPACS)" defines IMPACS, whose glossary long form starts with
        CARICOM; a later "IMPACS" or "CARICOM IMPACS" is defined by it."""
        got = acrolib.annotate("The CARICOM Implementation Agency for Crime and Security "
                               "(CARICOM IMPACS) met. CARICOM IMPACS and IMPACS staff met.")
        assert [(d.short, d.key) for d in got.definitions] == [("CARICOM IMPACS", "IMPACS")]
        assert [(m.text, m.key, m.source) for m in got.mentions] == [
            ("CARICOM", "CARICOM", Source.GLOSSARY),  # the first word of the long form
            ("CARICOM IMPACS", "IMPACS", Source.DEFINED),
            ("CARICOM IMPACS", "IMPACS", Source.DEFINED),
            ("IMPACS", "IMPACS", Source.DEFINED)]

    def test_an_expansion_moves_no_context_window(self) -> None:
        """"hospital" is 260 characters before ED; expanding the DOT and the DOJ between them
        inserts 53 more.  Read back, those long forms are masked and left out of the window's
        width, so ED stays undecided instead of settling on the Department of Education."""
        text = "The hospital " + "word " * 48 + "The DOT and the DOJ met. The ED met."
        once = acrolib.expand(text, "all")
        assert once.endswith("(DOJ) met. The ED met.")
        assert acrolib.expand(once, "all") == once
        [before] = [m for m in acrolib.annotate(text).mentions if m.key == "ED"]
        [after] = [m for m in acrolib.annotate(once).mentions if m.key == "ED"]
        assert before.source is after.source is Source.AMBIGUOUS
        assert before.candidates == after.candidates

    def test_a_short_form_with_a_year(self) -> None:
        """"FY2025" is FY for 2025: each long form takes the year.  Other numbers stay
        unknown."""
        text = "FY2025 funding grew, FY25 and FY2525 did not."
        got = acrolib.annotate(text).mentions
        assert [(m.text, m.key, m.source, m.expansion) for m in got] == [
            ("FY2025", "FY2025", Source.GLOSSARY, "fiscal year 2025"),
            ("FY25", "FY25", Source.UNKNOWN, None),
            ("FY2525", "FY2525", Source.UNKNOWN, None)]
        for mode in ("first", "all"):
            once = acrolib.expand(text, mode)
            assert once.startswith("Fiscal year 2025 (FY2025) funding grew")
            assert acrolib.expand(once, mode) == once
        assert acrolib.expand("Two CBSI2025s met.") == (
            "Two Caribbean Basin Security Initiatives 2025 (CBSI2025s) met.")
        defined = acrolib.annotate("The fiscal year 2025 (FY2025) budget. The FY2025 plan.")
        assert [m.source for m in defined.mentions] == [Source.DEFINED, Source.DEFINED]

    def test_the_mss_mission(self) -> None:
        """MSS stands for "Multinational Security Support", as resolution 2699 writes it:
        "the MSS mission" expands without saying "mission" twice, and a definition that adds
        the head noun agrees with the glossary's sense."""
        assert acrolib.expand("The MSS mission reached Haiti.") == (
            "The Multinational Security Support (MSS) mission reached Haiti.")
        got = acrolib.annotate("The Multinational Security Support mission (MSS) arrived in "
                               "Haiti.").mentions
        assert [(m.source, m.expansion) for m in got] == [
            (Source.DEFINED, "Multinational Security Support mission")]
        assert got[0].sense is not None and got[0].sense.long == "Multinational Security Support"

    def test_well_known_left_alone_in_first_mode(self) -> None:
        """UN and U.S. are not spelled out at first use unless asked; replace still does."""
        text = "The UN and the U.S. met the DOJ."
        assert acrolib.expand(text) == "The UN and the U.S. met the Department of Justice (DOJ)."
        assert acrolib.expand(text, well_known=True) == (
            "The United Nations (UN) and the United States (U.S.) met the Department of "
            "Justice (DOJ).")
        assert acrolib.expand(text, "replace") == (
            "The United Nations and the United States met the Department of Justice.")

    def test_sentence_start_is_capitalised(self) -> None:
        """A lower-case long form that starts a sentence is capitalised; "e.g." ends none."""
        assert acrolib.expand("MOUs were signed. The FY ended.") == (
            "Memorandums of understanding (MOUs) were signed. The fiscal year (FY) ended.")
        assert acrolib.expand("See e.g. MOUs.") == (
            "See e.g. memorandums of understanding (MOUs).")
        once = acrolib.expand("MOUs were signed.", "all")
        assert acrolib.expand(once, "all") == once


def _first_spaced_end(text: str, start: int, shorts: list[str]) -> int | None:
    """The rule, stated directly: the first short form, in order, written at ``start`` and not
    followed by a letter or digit."""
    for short in shorts:
        end = start + len(short)
        if text.startswith(short, start) and (end >= len(text) or not text[end].isalnum()):
            return end
    return None


_SPACED = st.lists(st.text("AB C", min_size=1, max_size=6), max_size=6)


@given(shorts=_SPACED, text=st.text("AB Cx", max_size=12), start=st.integers(0, 12))
def test_spaced_shorts_find_the_first_in_order(shorts: list[str], text: str, start: int) -> None:
    """One lookup per length finds what trying each short form in order finds, the end of the
    text included."""
    found = _SpacedShorts(shorts)
    assert bool(found) == bool(shorts)
    assert found.end_at(text, start) == _first_spaced_end(text, start, shorts)


class TestSpacedShorts:
    def test_order_beats_length(self) -> None:
        """The first short form given that is written there and ends a word wins, whichever
        is longer."""
        assert _SpacedShorts(["AB C", "AB C D"]).end_at("AB C D", 0) == 4
        assert _SpacedShorts(["AB C D", "AB C"]).end_at("AB C D", 0) == 6
        assert _SpacedShorts(["AB C", "AB CD"]).end_at("AB CD", 0) == 5  # "AB C" ends no word
        assert _SpacedShorts(["AB C"]).end_at("AB CD", 0) is None

    def test_not_past_the_end(self) -> None:
        """A longer short form is not found in a text that ends sooner."""
        assert _SpacedShorts(["AB CD", "AB C"]).end_at("xx AB C", 3) == 7

    def test_thousands_of_spaced_definitions(self) -> None:
        """Four thousand distinct spaced short forms, each defined and used again."""
        names = [a + b + c for a in "BCDFGHJKLM" for b in "AEIOU" for c in "NPRSTVWXYZ"][:400]
        names = [n + d for n in names for d in "KLMNPRSTVW"]
        text = " ".join(f"Alpha Beta {' '.join(c + 'ox' for c in n)} (AB {n}). AB {n} again."
                        for n in names)
        a = acrolib.annotate(text)
        assert len(a.definitions) == len(names)
        spaced = [m for m in a.mentions if m.text.startswith("AB ")]
        assert len(spaced) == 2 * len(names)
        assert all(m.source is Source.DEFINED for m in spaced)
        assert [m.key for m in spaced[1::2]] == [f"AB{n}" for n in names]


_MASKS = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)).map(
    lambda p: (p[0], p[0] + p[1])), max_size=6)


@given(_MASKS, st.integers(0, 80), st.integers(0, 30))
def test_unmasked_windows_count_only_unmasked_characters(
        spans: list[tuple[int, int]], position: int, width: int) -> None:
    """``back`` and ``forward`` give the nearest positions with ``width`` unmasked characters
    between them and ``position`` (or the start of the text), counted one by one."""
    masked = {i for start, end in spans for i in range(start, end)}

    def unmasked(lo: int, hi: int) -> int:
        return sum(1 for i in range(lo, hi) if i not in masked)

    windows = _Unmasked(spans)
    lo = windows.back(position, width)
    assert lo <= position
    assert unmasked(lo, position) == min(width, unmasked(0, position))
    assert lo == 0 or lo - 1 not in masked  # the widest such window
    hi = windows.forward(position, width)
    assert hi >= position
    assert unmasked(position, hi) == width
    assert hi == position or hi - 1 not in masked  # the narrowest such window
    if not spans:
        assert (lo, hi) == (max(0, position - width), position + width)


@given(st.text(alphabet="AB.s’' ", max_size=8))
def test_parse_puts_each_part_in_its_field(surface: str) -> None:
    """``parse`` builds its tuple by position: the stem and possessive give the surface back, the
    key is the stem's canonical form, and the plural key drops the key's final "s"."""
    parsed = parse(surface)
    assert type(parsed) is Parsed
    assert parsed.stem + parsed.possessive == surface
    assert parsed.key == canonical(parsed.stem)
    assert parsed.plural_key in (None, parsed.key[:-1])
    assert (parsed.plural_key is not None) == (len(parsed.key) > 2 and parsed.key.endswith("s")
                                               and not parsed.key[-2].islower())
