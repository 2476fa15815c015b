"""Word lists matched as written (events/lemmas.py SurfaceWords): the speed-ups (each distinct
word tested once, texts that hold no piece of any word passed over, phrases looked for by their
first word) find what testing every word of the text finds."""

from collections import Counter

from events.lemmas import _WORD, SurfaceWords, _word_start, cache_folder
from events.vocabulary import vocabulary
from tests.conftest import corpus_text


def _counted(words: SurfaceWords, text: str) -> int:
    lowered = text.lower()
    return sum(n for word, n in Counter(_WORD.findall(lowered)).items() if words._is(word)) \
        + sum(len(list(pattern.finditer(lowered))) for _, pattern in words.phrases)


def _starts(words: SurfaceWords, text: str) -> list[int]:
    return sorted([m.start() for m in _WORD.finditer(text) if words._is(m.group().lower())]
                  + [m.start() for _, pattern in words.phrases for m in pattern.finditer(text.lower())])


def test_topic_words_are_found_as_a_word_by_word_reading_finds_them():
    texts = [corpus_text(number) for number in ("08", "10", "17", "24", "31")]
    sentences = [s for text in texts for s in text.split(". ")]
    for words in vocabulary().topic_words.values():
        assert [words.count(t) for t in texts] == [_counted(words, t) for t in texts]
        assert [words.starts(s) for s in sentences] == [_starts(words, s) for s in sentences]


def test_a_phrase_is_whole_words_in_order_and_a_starred_word_its_compounds():
    words = SurfaceWords(["machine learning", "cyber*", "*verkiezing*", "=ai"])
    text = "Machine  learning, quantum-machine learning, machine learnings; cyberaanval, Europese-verkiezingen, AI, ai-act"
    assert words.count(text) == _counted(words, text) == 5
    assert words.starts(text) == _starts(words, text)
    assert words.count("no such words here") == 0


def test_a_word_is_read_back_to_its_start_over_the_hyphens_and_apostrophes_that_join_it():
    """As _WORD reads words: "AI-verordening" (seed 002) is one word from its "A"; "per e-mail"
    one from its "e"; "Commission’s" (tests/corpus 25) one word; a hyphen between spaces joins
    nothing."""
    assert _word_start("De AI-verordening", 7) == 3
    assert _word_start("AI-verordening", 3) == 0
    assert _word_start("per e-mail", 6) == 4
    assert _word_start("the Commission’s expectations", 15) == 4
    assert _word_start("2024 - verordening", 7) == 7


def test_the_cache_folder_is_the_own_one_then_the_user_s(monkeypatch, tmp_path):
    monkeypatch.setenv("AI_TIMELINE_CACHE", str(tmp_path / "own"))
    assert cache_folder() == tmp_path / "own"
    monkeypatch.delenv("AI_TIMELINE_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_folder() == tmp_path / "xdg" / "ai-regulation-timeline"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_folder() == tmp_path / "home" / ".cache" / "ai-regulation-timeline"
